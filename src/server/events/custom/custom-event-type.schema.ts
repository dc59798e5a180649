import { z } from "zod";

/**
 * Inputs of custom event types, shared by tRPC and REST. A type is named
 * `custom.<segment>(.<segment>)*` (lowercase letters, digits, `_`), so it sits in the `custom.*`
 * family webhooks subscribe to and can never collide with a built-in or inbound type. The name
 * is fixed once registered: publishers and subscriptions refer to it.
 */
export const CUSTOM_EVENT_TYPE_NAME = /^custom(?:\.[a-z0-9_]+)+$/;
export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 500;
/** How many types one dataspace may register. */
export const MAX_CUSTOM_EVENT_TYPES = 100;
/** Largest `data` of a published custom event, as JSON. */
export const MAX_CUSTOM_EVENT_BYTES = 64 * 1024;

const NAME_RULE = "Name it custom.<name>: lowercase letters, digits and _, with dots between parts, e.g. custom.deploy.finished";

export const customEventTypeName = z
  .string()
  .trim()
  .max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`)
  .regex(CUSTOM_EVENT_TYPE_NAME, NAME_RULE);

export const customEventTypeDescription = z.string().trim().max(MAX_DESCRIPTION_LENGTH, `At most ${MAX_DESCRIPTION_LENGTH} characters`);

/** The schema's own rules (size, references, patterns, draft 2020-12) are checked by the domain: event-schema.ts. */
export const customEventTypeSchema = z.record(z.string(), z.unknown(), { error: 'Must be a JSON Schema object, e.g. {"type": "object"}' });

export const createCustomEventTypeInput = z.object({
  name: customEventTypeName,
  description: customEventTypeDescription.default(""),
  schema: customEventTypeSchema,
});
export type CreateCustomEventTypeInput = z.output<typeof createCustomEventTypeInput>;

export const updateCustomEventTypeInput = z.object({
  id: z.string().uuid("Unknown event type"),
  patch: z
    .object({ description: customEventTypeDescription.optional(), schema: customEventTypeSchema.optional() })
    .refine((patch) => patch.description !== undefined || patch.schema !== undefined, "Nothing to change: send a description or a schema"),
});
export type UpdateCustomEventTypeInput = z.output<typeof updateCustomEventTypeInput>;

export const customEventTypeIdInput = z.object({ id: z.string().uuid("Unknown event type") });

export const listCustomEventTypesInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(MAX_CUSTOM_EVENT_TYPES).default(MAX_CUSTOM_EVENT_TYPES),
});

export const publishCustomEventInput = z.object({
  type: z.string().trim().max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`),
  data: z.record(z.string(), z.unknown(), { error: "Must be a JSON object" }),
});
export type PublishCustomEventInput = z.output<typeof publishCustomEventInput>;

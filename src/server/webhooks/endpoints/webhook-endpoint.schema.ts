import { z } from "zod";

/** Inputs shared by every surface (tRPC now, REST later); rule checks live in validate-endpoint.ts. */
const endpointFields = {
  url: z.string().trim().min(1, "Enter the target URL").max(2048, "At most 2048 characters"),
  description: z.string().trim().max(500, "At most 500 characters"),
  eventTypes: z.array(z.string().trim()).min(1, "Subscribe to at least one event type"),
  filter: z.string().trim().max(2000, "At most 2000 characters").nullable(),
  isActive: z.boolean(),
  /** A JSON object merged into the body, or null. */
  extraPayload: z.record(z.string(), z.unknown()).nullable(),
  extraHeaders: z.record(z.string(), z.string()),
  payloadTemplate: z.enum(["DEJACODE", "CUSTOM"]),
  customTemplate: z.string().nullable(),
  retryClientErrors: z.boolean(),
  rateLimitPerSecond: z.number().int().min(1, "At least 1 per second").max(10_000, "At most 10 000 per second").nullable(),
};

export const createWebhookEndpointInput = z.object({
  ...endpointFields,
  description: endpointFields.description.default(""),
  filter: endpointFields.filter.optional().default(null),
  isActive: endpointFields.isActive.default(true),
  extraPayload: endpointFields.extraPayload.optional().default(null),
  extraHeaders: endpointFields.extraHeaders.default({}),
  payloadTemplate: endpointFields.payloadTemplate.default("DEJACODE"),
  customTemplate: endpointFields.customTemplate.optional().default(null),
  retryClientErrors: endpointFields.retryClientErrors.default(false),
  rateLimitPerSecond: endpointFields.rateLimitPerSecond.optional().default(null),
});
export type CreateWebhookEndpointInput = z.output<typeof createWebhookEndpointInput>;

export const updateWebhookEndpointInput = z.object({
  id: z.string().uuid(),
  patch: z.object(endpointFields).partial(),
});
export type UpdateWebhookEndpointInput = z.output<typeof updateWebhookEndpointInput>;

export const endpointIdInput = z.object({ id: z.string().uuid() });

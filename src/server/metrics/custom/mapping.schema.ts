import { z } from "zod";

/**
 * A custom metric mapping as the dashboard, tRPC and REST submit it. The expressions' own checks
 * (syntax, result type) run in the domain (manage-mappings.ts), the same for every surface.
 */
export const MAPPING_KINDS = ["counter", "latency", "gauge"] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];
export const MAX_MAPPING_TAGS = 10;
export const MAX_MAPPINGS = 100;

/** Like Datadog's and New Relic's metric names: letters, digits, `_` and `.`, starting with a letter. */
const name = z
  .string({ error: "name is required" })
  .trim()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "name must be lower-case letters, digits and _ in dot-separated parts, starting with a letter, e.g. ci.duration_seconds")
  .max(100, "name is at most 100 characters");

const tagName = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, "each tag's name must be lower-case letters, digits and _ (at most 50), starting with a letter");

// The fields without defaults: an update's patch must not fill in what it leaves out (in zod 4,
// `.partial()` keeps `.default()`, so a one-field patch would reset every other field).
export const mappingFields = {
  name,
  description: z.string().trim().max(500, "description is at most 500 characters"),
  events: z.array(z.string(), { error: "events must be a list of event types or patterns" }).min(1, "events: map at least one event type"),
  filter: z.string().max(2_000, "filter is at most 2 000 characters"),
  kind: z.enum(MAPPING_KINDS, { error: `kind must be one of ${MAPPING_KINDS.join(", ")}` }),
  value: z.string().max(2_000, "value is at most 2 000 characters"),
  unit: z.string().trim().max(30, "unit is at most 30 characters"),
  tags: z
    .record(tagName, z.string().max(2_000, "each tag's expression is at most 2 000 characters"), { error: 'tags must be an object like {"repo": "data.payload.repository.full_name"}' })
    .refine((tags) => Object.keys(tags).length <= MAX_MAPPING_TAGS, `tags: at most ${MAX_MAPPING_TAGS}`),
  isActive: z.boolean(),
};

/** What a new mapping takes when left out. */
export const mappingDefaults = {
  description: mappingFields.description.default(""),
  filter: mappingFields.filter.default(""),
  value: mappingFields.value.default("1"),
  unit: mappingFields.unit.default(""),
  tags: mappingFields.tags.default({}),
  isActive: mappingFields.isActive.default(true),
};

export const createMappingInput = z.object({ ...mappingFields, ...mappingDefaults });
export type CreateMappingInput = z.input<typeof createMappingInput>;

export const mappingIdInput = z.object({ id: z.string().uuid("Unknown metric mapping") });

export const updateMappingInput = z.object({
  id: z.string().uuid("Unknown metric mapping"),
  patch: z.object(mappingFields).partial().refine((patch) => Object.keys(patch).length > 0, "change at least one field"),
});
export type UpdateMappingInput = z.input<typeof updateMappingInput>;

/** An event to try a mapping on, as its page's "Try it" sends it. */
export const tryMappingInput = z.object({ mapping: createMappingInput, event: z.object({ type: z.string().max(200), data: z.record(z.string(), z.unknown()) }) });

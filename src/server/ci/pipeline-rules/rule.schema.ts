import { z } from "zod";

/**
 * A pipeline rule as the dashboard, tRPC and REST submit it; the expressions, the patterns and the
 * integration are checked in the domain (manage-rules.ts), the same for every surface.
 */
export const MAX_RULE_INPUTS = 25; // GitHub's limit on a workflow's dispatch inputs
export const MAX_PIPELINE_RULES = 50;

const inputName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, "each input's name must be letters, digits and _ (not starting with a digit), as GitHub inputs and GitLab variables are");

// The fields without defaults: an update's patch must not fill in what it leaves out (in zod 4,
// `.partial()` keeps `.default()`, so a one-field patch would reset every other field).
export const ruleFields = {
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  integrationId: z.string().uuid("integration: choose a GitHub or GitLab integration"),
  events: z.array(z.string(), { error: "events must be a list of event types or patterns" }).min(1, "events: at least one event type"),
  filter: z.string().max(2_000, "filter is at most 2 000 characters"),
  workflow: z.string().trim().max(255, "workflow is at most 255 characters"),
  ref: z.string({ error: "ref is required" }).trim().min(1, 'ref is required: a quoted branch, "main", or an expression like data.payload.pull_request.head.ref').max(2_000),
  inputs: z
    .record(inputName, z.string().max(2_000, "each input's expression is at most 2 000 characters"), { error: 'inputs must be an object like {"pr": "string(data.payload.number)"}' })
    .refine((inputs) => Object.keys(inputs).length <= MAX_RULE_INPUTS, `inputs: at most ${MAX_RULE_INPUTS}`),
  isActive: z.boolean(),
};

/** What a new rule takes when left out. */
export const ruleDefaults = {
  filter: ruleFields.filter.default(""),
  workflow: ruleFields.workflow.default(""),
  inputs: ruleFields.inputs.default({}),
  isActive: ruleFields.isActive.default(true),
};

export const createPipelineRuleInput = z.object({ ...ruleFields, ...ruleDefaults });
export type CreatePipelineRuleInput = z.input<typeof createPipelineRuleInput>;
export const pipelineRuleIdInput = z.object({ id: z.string().uuid("Unknown pipeline rule") });
export const updatePipelineRuleInput = z.object({
  id: z.string().uuid("Unknown pipeline rule"),
  patch: z.object(ruleFields).partial().refine((patch) => Object.keys(patch).length > 0, "change at least one field"),
});
export const listPipelineRunsInput = z.object({
  ruleId: z.string().uuid("Unknown pipeline rule").optional(),
  /** The deployment or request whose runs to show. */
  subjectId: z.string().uuid().optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

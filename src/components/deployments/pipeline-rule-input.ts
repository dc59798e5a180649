import { TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { errorMessage } from "@/trpc/errors";

/**
 * The pipeline rule form's state and its conversions: the rule as the API lists it, the form's
 * draft (texts, input rows), and the input the API takes (src/server/ci/pipeline-rules/rule.schema.ts).
 */
export type PipelineRule = inferRouterOutputs<AppRouter>["ci"]["rules"][number];
export type PipelineRuleInput = Omit<inferRouterInputs<AppRouter>["ci"]["createRule"], "dataspace">;
/** The integration types that run pipelines (those whose provider has a `ci` capability). */
export type Platform = "GITHUB" | "GITLAB";
export const isPlatform = (type: string): type is Platform => type === "GITHUB" || type === "GITLAB";
const PLATFORM_LABELS: Record<Platform, string> = { GITHUB: "GitHub", GITLAB: "GitLab" };
export const platformLabel = (type: string) => (isPlatform(type) ? PLATFORM_LABELS[type] : type);

/** GitHub's limit on a workflow's dispatch inputs (MAX_RULE_INPUTS on the server). */
export const MAX_INPUTS = 25;

export type InputRow = { key: number; name: string; expression: string };
export type RuleDraft = { name: string; integrationId: string; events: string; filter: string; workflow: string; ref: string; inputs: InputRow[]; isActive: boolean };

let nextKey = 0;
export const inputRow = (name = "", expression = ""): InputRow => ({ key: nextKey++, name, expression });

export const EMPTY_DRAFT: RuleDraft = { name: "", integrationId: "", events: "", filter: "", workflow: "", ref: "", inputs: [], isActive: true };

export function draftOf(rule: PipelineRule): RuleDraft {
  return {
    name: rule.name,
    integrationId: rule.integrationId,
    events: rule.events.join(", "),
    filter: rule.filter,
    workflow: rule.workflow,
    ref: rule.ref,
    inputs: Object.entries(rule.inputs).map(([name, expression]) => inputRow(name, expression)),
    isActive: rule.isActive,
  };
}

/** Event types or patterns, one per line or separated by commas. */
export const parseEvents = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((type) => type.trim())
    .filter(Boolean);

/** The draft as the API takes it: GitLab runs no named workflow; input rows left wholly empty are dropped. */
export function inputOf(draft: RuleDraft, platform: Platform | undefined): PipelineRuleInput {
  return {
    name: draft.name.trim(),
    integrationId: draft.integrationId,
    events: parseEvents(draft.events),
    filter: draft.filter,
    workflow: platform === "GITLAB" ? "" : draft.workflow.trim(),
    ref: draft.ref,
    inputs: Object.fromEntries(draft.inputs.filter((row) => row.name.trim() || row.expression.trim()).map((row) => [row.name.trim(), row.expression])),
    isActive: draft.isActive,
  };
}

/** Problems the form can name before any round trip: an input without a name or expression, a name twice. */
export function localInputErrors(draft: RuleDraft): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of draft.inputs) {
    const name = row.name.trim();
    if (!name && !row.expression.trim()) continue;
    if (!name) errors[row.key] = "Name this input, or remove the row";
    else if (seen.has(name)) errors[row.key] = `${name} is already an input of this rule`;
    else if (!row.expression.trim()) errors[row.key] = "Give the input an expression, e.g. data.uuid";
    seen.add(name);
  }
  return errors;
}

const FIELDS = ["name", "integrationId", "events", "filter", "workflow", "ref", "inputs", "isActive"] as const;
type Field = (typeof FIELDS)[number];
export type RuleErrors = { fields: Partial<Record<Field, string>>; inputs: Record<string, string>; general: string | null };

/**
 * A failed save, filed under the form's fields: the API's field errors (`ref`, `inputs.pr`,
 * `patch.workflow`), else a message that starts with the field ("ref: …", "integration: …");
 * anything else is the form's own error.
 */
export function ruleErrors(error: unknown): RuleErrors {
  const out: RuleErrors = { fields: {}, inputs: {}, general: null };
  if (!error) return out;
  const raw = error instanceof TRPCClientError ? ((error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {}) : {};
  for (const [path, messages] of Object.entries(raw)) {
    const [field, input] = path.replace(/^patch\./, "").split(".");
    if (!messages[0]) continue;
    if (field === "inputs" && input) out.inputs[input] ??= messages[0];
    else if ((FIELDS as readonly string[]).includes(field)) out.fields[field as Field] ??= messages[0];
  }
  const message = errorMessage(error);
  const prefixed = /^(name|integration|events|filter|workflow|ref|inputs)(?:\.([A-Za-z0-9_]+))?: ([\s\S]+)$/.exec(message);
  if (prefixed) {
    const [, field, input, why] = prefixed;
    if (field === "inputs" && input) out.inputs[input] ??= why;
    else out.fields[field === "integration" ? "integrationId" : (field as Field)] ??= why;
  }
  if (Object.keys(out.fields).length === 0 && Object.keys(out.inputs).length === 0) out.general = message;
  return out;
}

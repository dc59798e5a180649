import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { formErrorsOf, type FormErrors } from "@/components/expressions/form-errors";
import { parseEvents, recordOf, rowsOf, type ExpressionRow, type RowMessages } from "@/components/expressions/rows";
import type { AppRouter } from "@/server/api/root";

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

export type RuleDraft = { name: string; integrationId: string; events: string; filter: string; workflow: string; ref: string; inputs: ExpressionRow[]; isActive: boolean };

export const EMPTY_DRAFT: RuleDraft = { name: "", integrationId: "", events: "", filter: "", workflow: "", ref: "", inputs: [], isActive: true };

export function draftOf(rule: PipelineRule): RuleDraft {
  return {
    name: rule.name,
    integrationId: rule.integrationId,
    events: rule.events.join(", "),
    filter: rule.filter,
    workflow: rule.workflow,
    ref: rule.ref,
    inputs: rowsOf(rule.inputs),
    isActive: rule.isActive,
  };
}

/** The draft as the API takes it: GitLab runs no named workflow; input rows left wholly empty are dropped. */
export function inputOf(draft: RuleDraft, platform: Platform | undefined): PipelineRuleInput {
  return {
    name: draft.name.trim(),
    integrationId: draft.integrationId,
    events: parseEvents(draft.events),
    filter: draft.filter,
    workflow: platform === "GITLAB" ? "" : draft.workflow.trim(),
    ref: draft.ref,
    inputs: recordOf(draft.inputs),
    isActive: draft.isActive,
  };
}

/** What the form says about an input row before any round trip. */
export const INPUT_MESSAGES: RowMessages = {
  unnamed: "Name this input, or remove the row",
  duplicate: (name) => `${name} is already an input of this rule`,
  noExpression: "Give the input an expression, e.g. data.uuid",
};

const FIELDS = ["name", "integrationId", "events", "filter", "workflow", "ref", "inputs", "isActive"] as const;
export type RuleErrors = FormErrors<(typeof FIELDS)[number]>;

/** A failed save, filed under the form's fields and inputs; the API's messages call the integration `integration`. */
export const ruleErrors = (error: unknown): RuleErrors => formErrorsOf(error, { fields: FIELDS, rows: "inputs", aliases: { integration: "integrationId" } });

import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { formErrorsOf, type FormErrors } from "@/components/expressions/form-errors";
import { parseEvents, recordOf, rowsOf, type ExpressionRow, type RowMessages } from "@/components/expressions/rows";
import type { AppRouter } from "@/server/api/root";

/**
 * The custom metric mapping form's state and its conversions: the mapping as the API lists it,
 * the form's draft (texts, tag rows), and the input the API takes (src/server/metrics/custom/mapping.schema.ts).
 */
export type Mapping = inferRouterOutputs<AppRouter>["metric"]["mappings"][number];
export type MappingInput = Omit<inferRouterInputs<AppRouter>["metric"]["createMapping"], "dataspace">;
export type MappingKind = MappingInput["kind"];

export const KINDS: { value: MappingKind; label: string; hint: string }[] = [
  { value: "counter", label: "Counter", hint: "adds the values up per minute (with value 1: how many events)" },
  { value: "latency", label: "Latency", hint: "a distribution per minute: its mean, p50, p95 and p99" },
  { value: "gauge", label: "Gauge", hint: "a level: the mean of the values per minute" },
];

/** MAX_MAPPING_TAGS on the server. */
export const MAX_TAGS = 10;

export type MappingDraft = { name: string; description: string; events: string; filter: string; kind: MappingKind; value: string; unit: string; tags: ExpressionRow[]; isActive: boolean };

export const EMPTY_DRAFT: MappingDraft = { name: "", description: "", events: "", filter: "", kind: "counter", value: "1", unit: "", tags: [], isActive: true };

export function draftOf(mapping: Mapping): MappingDraft {
  return {
    name: mapping.name,
    description: mapping.description,
    events: mapping.events.join(", "),
    filter: mapping.filter,
    kind: mapping.kind,
    value: mapping.value,
    unit: mapping.unit,
    tags: rowsOf(mapping.tags),
    isActive: mapping.isActive,
  };
}

/** The draft as the API takes it; tag rows left wholly empty are dropped. */
export function inputOf(draft: MappingDraft): MappingInput {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    events: parseEvents(draft.events),
    filter: draft.filter,
    kind: draft.kind,
    value: draft.value,
    unit: draft.unit.trim(),
    tags: recordOf(draft.tags),
    isActive: draft.isActive,
  };
}

/** What the form says about a tag row before any round trip. */
export const TAG_MESSAGES: RowMessages = {
  unnamed: "Name this tag, or remove the row",
  duplicate: (name) => `${name} is already a tag of this mapping`,
  noExpression: "Give the tag an expression, e.g. event.type",
};

const FIELDS = ["name", "description", "events", "filter", "kind", "value", "unit", "tags", "isActive"] as const;
export type MappingErrors = FormErrors<(typeof FIELDS)[number]>;

/** A failed save or try, filed under the form's fields and tags; `patch.` (an update) and `mapping.` (a try) wrap the same fields. */
export const mappingErrors = (error: unknown): MappingErrors => formErrorsOf(error, { fields: FIELDS, rows: "tags", wrappers: ["patch", "mapping"] });

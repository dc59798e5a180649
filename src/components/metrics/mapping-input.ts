import { TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { errorMessage } from "@/trpc/errors";

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

export type TagRow = { key: number; name: string; expression: string };
export type MappingDraft = { name: string; description: string; events: string; filter: string; kind: MappingKind; value: string; unit: string; tags: TagRow[]; isActive: boolean };

let nextKey = 0;
export const tagRow = (name = "", expression = ""): TagRow => ({ key: nextKey++, name, expression });

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
    tags: Object.entries(mapping.tags).map(([name, expression]) => tagRow(name, expression)),
    isActive: mapping.isActive,
  };
}

/** Event types or patterns, one per line or separated by commas. */
export const parseEvents = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((type) => type.trim())
    .filter(Boolean);

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
    tags: Object.fromEntries(draft.tags.filter((row) => row.name.trim() || row.expression.trim()).map((row) => [row.name.trim(), row.expression])),
    isActive: draft.isActive,
  };
}

/** Problems the form can name before any round trip: a tag without a name, the same name twice. */
export function localTagErrors(draft: MappingDraft): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of draft.tags) {
    const name = row.name.trim();
    if (!name && !row.expression.trim()) continue;
    if (!name) errors[row.key] = "Name this tag, or remove the row";
    else if (seen.has(name)) errors[row.key] = `${name} is already a tag of this mapping`;
    else if (!row.expression.trim()) errors[row.key] = "Give the tag an expression, e.g. event.type";
    seen.add(name);
  }
  return errors;
}

const FIELDS = ["name", "description", "events", "filter", "kind", "value", "unit", "tags", "isActive"] as const;
export type MappingErrors = { fields: Partial<Record<(typeof FIELDS)[number], string>>; tags: Record<string, string>; general: string | null };

/**
 * A failed save or try, filed under the form's fields. The expression checks answer with a message
 * that starts with the field ("value: must be a number, …", "tags.repo: …", "events: unknown event
 * type …") rather than with field errors, so both are read; anything else is the form's own error.
 */
export function mappingErrors(error: unknown): MappingErrors {
  const out: MappingErrors = { fields: {}, tags: {}, general: null };
  if (!error) return out;
  const raw = error instanceof TRPCClientError ? ((error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {}) : {};
  for (const [path, messages] of Object.entries(raw)) {
    // `patch.` (an update) and `mapping.` (a try) wrap the same fields.
    const [field, tag] = path.replace(/^(patch|mapping)\./, "").split(".");
    if (!messages[0]) continue;
    if (field === "tags" && tag) out.tags[tag] ??= messages[0];
    else if ((FIELDS as readonly string[]).includes(field)) out.fields[field as (typeof FIELDS)[number]] ??= messages[0];
  }
  const message = errorMessage(error);
  const prefixed = /^(name|description|events|filter|kind|value|unit|tags)(?:\.([a-z0-9_]+))?: ([\s\S]+)$/.exec(message);
  if (prefixed) {
    const [, field, tag, why] = prefixed;
    if (field === "tags" && tag) out.tags[tag] = why;
    else out.fields[field as (typeof FIELDS)[number]] ??= why;
  }
  if (Object.keys(out.fields).length === 0 && Object.keys(out.tags).length === 0) out.general = message;
  return out;
}

import { evaluateExpression, filterMatches, type FilterVariables } from "@/server/webhooks/rules/filter";
import { matchesEventPattern } from "@/server/webhooks/rules/event-patterns";

/** A mapping as evaluation needs it: its stored, already checked fields. */
export type EvaluatedMapping = { name: string; events: string[]; filter: string; value: string; tags: Record<string, string> };
export type Observation = { value: number; tags: Record<string, string> };

const MAX_TAG_VALUE = 200;

/**
 * What one event makes of a mapping: an observation, or null when the event is not one of its
 * types, fails its filter, or has no number for its value (a field missing, a text that is no
 * number). A tag whose expression yields nothing for this event is "none", so its observations
 * still count and show as such. The variables are a filter's: `event` and `data`.
 */
export function observe(mapping: EvaluatedMapping, variables: FilterVariables): Observation | null {
  if (!matchesEventPattern(mapping.events, variables.event.type)) return null;
  if (!filterMatches(mapping.filter, variables)) return null;
  const value = toNumber(evaluateExpression(mapping.value, "number", variables));
  if (value === null) return null;
  const tags: Record<string, string> = {};
  for (const [tag, expression] of Object.entries(mapping.tags)) {
    const raw = evaluateExpression(expression, "string", variables);
    tags[tag] = raw === undefined || raw === null ? "none" : String(raw).slice(0, MAX_TAG_VALUE);
  }
  return { value, tags };
}

function toNumber(raw: unknown): number | null {
  // CEL integers arrive as BigInt; a numeric text ("12.5") counts too.
  const value = typeof raw === "bigint" ? Number(raw) : typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  return Number.isFinite(value) ? value : null;
}

/** The series key of a tag set: tags in name order, as the rollup's `series` column holds them. */
export function seriesOf(tags: Record<string, string>): string {
  return Object.keys(tags)
    .sort()
    .map((tag) => `${tag}=${tags[tag]}`)
    .join(",");
}

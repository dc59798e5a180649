/**
 * Event type strings published by processing are lower-case `[a-z0-9_.]` (webhook subscriptions
 * match them with patterns like `github.*`): anything else in a provider's names becomes `_`.
 */
export function eventSlug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/_?\._?/g, ".")
    .replace(/^[._]+|[._]+$/g, "");
}

/**
 * Joins parts into one event type, dropping empty parts: `eventType("github", "push", undefined)` →
 * `github.push`. A sender's name with nothing left once slugged (`"\ud800"`, `"!!"`) still makes a
 * member of the family: `jira.unknown`, never the bare family name (which no family holds).
 */
export function eventType(...parts: (string | null | undefined)[]): string {
  const kept = parts.map((part) => (part ? eventSlug(part) : "")).filter(Boolean);
  return kept.length === 1 && parts.length > 1 ? `${kept[0]}.unknown` : kept.join(".");
}

export const EVENT_TYPE_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

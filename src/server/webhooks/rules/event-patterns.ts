import { EVENT_TYPES } from "@/server/events/catalog";
import { isWithinFamily } from "@/server/events/families";
import { AppError } from "@/server/errors";

/**
 * Which events a webhook subscribes to. Each entry is one of:
 *
 * - an event type from the catalog, e.g. `request.added`;
 * - `<prefix>.*`, every type whose name starts with `<prefix>.`: `request.*` matches
 *   `request.added` and `request.updated` but not `request_comment.added`;
 * - `*`, every event, including types added to the catalog later;
 * - a family or part of one (events received from other tools): `github.*`,
 *   `github.pull_request.*`, `github.pull_request.opened`.
 *
 * At least one and at most 50 entries. A name or prefix that matches nothing in the catalog is
 * refused, so a typo is caught when the webhook is saved rather than by silence later.
 */
export const MAX_EVENT_PATTERNS = 50;

const PATTERN = /^(?:\*|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:\.\*)?)$/;

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", `events: ${message}`);
}

/** Trimmed, deduplicated and sorted; throws a BAD_REQUEST AppError naming the bad entry. */
export function normalizeEventPatterns(patterns: string[]): string[] {
  if (!Array.isArray(patterns)) refuse("expected a list of event types");
  const unique = new Set<string>();
  for (const raw of patterns) {
    if (typeof raw !== "string") refuse("every entry must be a string");
    const pattern = raw.trim();
    if (pattern === "") refuse("an entry is empty");
    if (!PATTERN.test(pattern)) refuse(`"${pattern}" is not an event type, "<prefix>.*" or "*"`);
    unique.add(pattern);
  }
  if (unique.size === 0) refuse("subscribe to at least one event type");
  if (unique.size > MAX_EVENT_PATTERNS) refuse(`at most ${MAX_EVENT_PATTERNS} entries (got ${unique.size})`);
  for (const pattern of unique) {
    if (!EVENT_TYPES.some((type) => matchesOne(pattern, type)) && !isWithinFamily(pattern)) {
      refuse(pattern.endsWith("*") ? `no event type matches "${pattern}"` : `unknown event type "${pattern}"`);
    }
  }
  return [...unique].sort();
}

function matchesOne(pattern: string, type: string): boolean {
  if (pattern === type || pattern === "*") return true;
  const last = pattern.length - 1;
  if (last < 2 || pattern.charCodeAt(last) !== 42 /* "*" */ || type.length <= last) return false;
  // `request.*`: `request.` must prefix the type. Compared in place: no string is built per call.
  for (let i = 0; i < last; i++) {
    if (pattern.charCodeAt(i) !== type.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether an event of `type` goes to a webhook subscribed to `patterns`. Called per event × endpoint. */
export function matchesEventPattern(patterns: readonly string[], type: string): boolean {
  for (let i = 0; i < patterns.length; i++) {
    if (matchesOne(patterns[i], type)) return true;
  }
  return false;
}

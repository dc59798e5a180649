/**
 * Inngest's default retry schedule (its executor's `backoff.TableBackoff`): a fixed table by
 * attempt, plus up to 30 s of jitter. `maxDelayMs` caps the result, so tests can run the same
 * logic in milliseconds.
 */
const TABLE_MS = [15, 30, 60, 120, 300, 600, 1_200, 2_400, 3_600, 7_200].map((s) => s * 1_000);
const JITTER_MS = 30_000;

export function retryDelayMs(attempt: number, options: { maxDelayMs?: number; random?: () => number } = {}): number {
  const base = TABLE_MS[Math.min(Math.max(attempt, 0), TABLE_MS.length - 1)];
  const delay = base + Math.floor((options.random ?? Math.random)() * JITTER_MS);
  return options.maxDelayMs === undefined ? delay : Math.min(delay, options.maxDelayMs);
}

/** A `retry-after` header (seconds, an HTTP date or an ISO date) as a delay from `now`. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

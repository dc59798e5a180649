/**
 * Inngest time strings ("30s", "2h30m", "1w") and ISO dates, as the SDK writes them for
 * step.sleep, step.sleepUntil, waitForEvent and invoke timeouts.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDurationMs(text: string): number | null {
  const parts = text.trim().match(/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/) ? text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g) : null;
  if (!parts) return null;
  let total = 0;
  for (const [, amount, unit] of parts) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/** When a sleep/timeout given as a duration or an ISO date ends, relative to `from`. */
export function resolveTime(text: string | undefined | null, from: number): number | null {
  if (!text) return null;
  const ms = parseDurationMs(text);
  if (ms !== null) return from + ms;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : date;
}

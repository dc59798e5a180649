import { AppError } from "@/server/errors";

/**
 * Retry schedule
 * ==============
 *
 * A delivery that fails with a network error, a timeout, a 5xx, a 408 or a 429 is tried again
 * after the delays below; other 4xx answers are final. Default: 10 attempts over about 16 hours.
 *
 *   attempt  1    2    3     4      5      6     7     8     9     10
 *   after    —    5 s  30 s  2 min  10 min 30 min 1 h   2 h   4 h   8 h
 *
 * Each delay varies by up to ±20 % so that endpoints that failed together do not all retry in
 * the same second, while staying close to the documented time. A `Retry-After` answer (429 or
 * 503) is honoured: the next attempt waits at least that long, up to 24 hours.
 *
 * A dataspace may set its own schedule: 0 to 12 delays (0 means a single attempt, no retries),
 * each a whole number of seconds from 1 to 86 400 (24 h), never shorter than the one before,
 * adding up to at most 72 hours.
 */
export const DEFAULT_RETRY_SCHEDULE_SECONDS: readonly number[] = Object.freeze([
  5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800,
]);

export const MAX_RETRIES = 12;
export const MAX_RETRY_DELAY_SECONDS = 86_400;
export const MAX_RETRY_TOTAL_SECONDS = 72 * 3600;
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;
const JITTER = 0.2;

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", `retry schedule: ${message}`);
}

/** The schedule as given, if it keeps to the limits; throws a BAD_REQUEST AppError naming the rule. */
export function validateRetrySchedule(seconds: number[]): number[] {
  if (!Array.isArray(seconds)) refuse("expected a list of delays in seconds");
  if (seconds.length > MAX_RETRIES) refuse(`at most ${MAX_RETRIES} retries (got ${seconds.length})`);
  let total = 0;
  seconds.forEach((delay, i) => {
    const label = `retry ${i + 1}`;
    if (typeof delay !== "number" || !Number.isInteger(delay)) refuse(`${label} must be a whole number of seconds`);
    if (delay < 1 || delay > MAX_RETRY_DELAY_SECONDS) {
      refuse(`${label} must wait between 1 and ${MAX_RETRY_DELAY_SECONDS} seconds (got ${delay})`);
    }
    if (i > 0 && delay < seconds[i - 1]) {
      refuse(`${label} (${delay} s) may not be shorter than the one before it (${seconds[i - 1]} s)`);
    }
    total += delay;
  });
  if (total > MAX_RETRY_TOTAL_SECONDS) {
    refuse(`the delays add up to at most 72 hours (${MAX_RETRY_TOTAL_SECONDS} s; got ${total} s)`);
  }
  return [...seconds];
}

/**
 * How long to wait before the next attempt, in ms, after `attemptsMade` attempts have failed;
 * null when the schedule has no attempt left.
 */
export function nextRetryDelayMs(input: {
  scheduleSeconds: readonly number[];
  attemptsMade: number;
  retryAfterMs: number | null;
  random?: () => number;
}): number | null {
  const { scheduleSeconds, attemptsMade, retryAfterMs, random = Math.random } = input;
  const index = Math.max(1, Math.floor(attemptsMade)) - 1;
  if (index >= scheduleSeconds.length) return null;
  const base = scheduleSeconds[index] * 1000;
  // random() in [0, 1) → a factor in [0.8, 1.2).
  const jittered = Math.round(base * (1 + (random() * 2 - 1) * JITTER));
  if (retryAfterMs === null || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return jittered;
  return Math.max(jittered, Math.min(Math.ceil(retryAfterMs), MAX_RETRY_AFTER_MS));
}

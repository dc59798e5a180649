import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { DEFAULT_RETRY_SCHEDULE_SECONDS, nextRetryDelayMs, validateRetrySchedule } from "./retry-schedule";

const HOUR_MS = 3_600_000;
const next = (attemptsMade: number, retryAfterMs: number | null = null, random = () => 0.5) =>
  nextRetryDelayMs({ scheduleSeconds: DEFAULT_RETRY_SCHEDULE_SECONDS, attemptsMade, retryAfterMs, random });

function refusal(seconds: unknown): string {
  try {
    validateRetrySchedule(seconds as number[]);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).message;
  }
  throw new Error(`expected ${JSON.stringify(seconds)} to be refused`);
}

describe("DEFAULT_RETRY_SCHEDULE_SECONDS", () => {
  it("gives 10 attempts over about 16 hours, and passes its own rules", () => {
    expect(DEFAULT_RETRY_SCHEDULE_SECONDS.length + 1).toBe(10);
    const total = DEFAULT_RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0);
    expect(total / 3600).toBeGreaterThan(15);
    expect(total / 3600).toBeLessThan(17);
    expect(validateRetrySchedule([...DEFAULT_RETRY_SCHEDULE_SECONDS])).toEqual(DEFAULT_RETRY_SCHEDULE_SECONDS);
  });
});

describe("nextRetryDelayMs", () => {
  it("follows the schedule, attempt by attempt", () => {
    expect(DEFAULT_RETRY_SCHEDULE_SECONDS.map((_, i) => next(i + 1))).toEqual(
      DEFAULT_RETRY_SCHEDULE_SECONDS.map((s) => s * 1000),
    );
  });

  it("stops after the last scheduled attempt", () => {
    expect(next(9)).toBe(28_800_000);
    expect(next(10)).toBeNull();
    expect(nextRetryDelayMs({ scheduleSeconds: [], attemptsMade: 1, retryAfterMs: null })).toBeNull();
  });

  it("varies each delay by at most 20 %", () => {
    expect(next(2, null, () => 0)).toBe(24_000);
    expect(next(2, null, () => 0.25)).toBe(27_000);
    expect(next(2, null, () => 0.999999)).toBe(36_000);
    for (let i = 0; i < 200; i++) {
      const delay = nextRetryDelayMs({ scheduleSeconds: DEFAULT_RETRY_SCHEDULE_SECONDS, attemptsMade: 4, retryAfterMs: null })!;
      expect(delay).toBeGreaterThanOrEqual(480_000);
      expect(delay).toBeLessThanOrEqual(720_000);
    }
  });

  it("waits at least as long as Retry-After asks, up to 24 hours", () => {
    expect(next(1, 90_000)).toBe(90_000);
    expect(next(1, 1_000)).toBe(5_000);
    expect(next(5, 48 * HOUR_MS)).toBe(24 * HOUR_MS);
    expect(next(9, 48 * HOUR_MS)).toBe(24 * HOUR_MS);
  });

  it("ignores a Retry-After that is not a positive duration", () => {
    expect(next(1, 0)).toBe(5_000);
    expect(next(1, -3)).toBe(5_000);
    expect(next(1, Number.NaN)).toBe(5_000);
  });

  it("does not retry past the schedule even when Retry-After asks", () => {
    expect(next(10, 60_000)).toBeNull();
  });
});

describe("validateRetrySchedule", () => {
  it("accepts none, one, or twelve non-decreasing delays", () => {
    expect(validateRetrySchedule([])).toEqual([]);
    expect(validateRetrySchedule([60])).toEqual([60]);
    expect(validateRetrySchedule(Array.from({ length: 12 }, () => 3600))).toHaveLength(12);
    expect(validateRetrySchedule([86_400, 86_400, 86_400])).toEqual([86_400, 86_400, 86_400]);
  });

  it.each([
    [Array.from({ length: 13 }, () => 1), "retry schedule: at most 12 retries (got 13)"],
    [[5, 1.5], "retry schedule: retry 2 must be a whole number of seconds"],
    [[5, "30"], "retry schedule: retry 2 must be a whole number of seconds"],
    [[0], "retry schedule: retry 1 must wait between 1 and 86400 seconds (got 0)"],
    [[86_401], "retry schedule: retry 1 must wait between 1 and 86400 seconds (got 86401)"],
    [[60, 30], "retry schedule: retry 2 (30 s) may not be shorter than the one before it (60 s)"],
    [[86_400, 86_400, 86_400, 1], "retry schedule: retry 4 (1 s) may not be shorter than the one before it (86400 s)"],
    [[3600, 86_400, 86_400, 86_400], "retry schedule: the delays add up to at most 72 hours (259200 s; got 262800 s)"],
    ["5,30", "retry schedule: expected a list of delays in seconds"],
  ])("refuses %j", (seconds, message) => {
    expect(refusal(seconds)).toBe(message);
  });
});

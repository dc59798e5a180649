import { describe, expect, it } from "vitest";
import { isReceiverFailure, isRetryableResult, parseRetryAfter } from "./retry-after";
import type { SendErrorKind, SendResult } from "./send";

describe("parseRetryAfter", () => {
  const now = new Date("2025-03-10T12:00:00Z");

  it.each([
    ["120", 120_000],
    [" 5 ", 5_000],
    ["0", 0],
    ["-30", 0],
    ["Mon, 10 Mar 2025 12:01:30 GMT", 90_000],
    ["Mon, 10 Mar 2025 11:00:00 GMT", 0],
    ["Monday, 10-Mar-25 12:00:10 GMT", 10_000],
    ["Mon Mar 10 12:00:20 2025", 20_000],
    ["Mon Mar  9 12:00:00 2026", 364 * 24 * 3600 * 1000],
  ])("reads %j as %d ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, undefined, "", "soon", "1.5", "12abc", "2025-03-10T12:01:00Z", "Mon, 31 Feb 2025 12:00:00 GMT", "Mon, 10 Mar 2025 25:00:00 GMT"])(
    "ignores garbage %j",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeNull();
    },
  );
});

describe("isRetryableResult", () => {
  const result = (status: number | null, kind: SendErrorKind | null = null): SendResult => ({
    ok: kind === null && status !== null && status >= 200 && status < 300,
    status,
    headers: status === null ? null : {},
    body: status === null ? null : "",
    bodyTruncated: false,
    durationMs: 1,
    error: kind ? { kind, message: kind } : null,
    remoteAddress: null,
  });
  const retried = (r: SendResult, retryClientErrors = false) => isRetryableResult(r, { retryClientErrors });

  it("retries network failures and timeouts", () => {
    for (const kind of ["timeout", "connect_timeout", "dns", "refused", "reset", "tls", "network"] as const) {
      expect(retried(result(null, kind)), kind).toBe(true);
    }
  });

  it("never retries a refused target, a bad URL or a redirect", () => {
    expect(retried(result(null, "forbidden_address"), true)).toBe(false);
    expect(retried(result(null, "invalid_url"), true)).toBe(false);
    expect(retried(result(301, "redirect"), true)).toBe(false);
  });

  it("retries 5xx, 408 and 429; other 4xx only when the endpoint asks", () => {
    for (const status of [500, 502, 503, 504, 408, 429]) expect(retried(result(status)), String(status)).toBe(true);
    for (const status of [400, 401, 404, 410, 422]) {
      expect(retried(result(status)), String(status)).toBe(false);
      expect(retried(result(status), true), String(status)).toBe(true);
    }
  });

  it("never retries a complete 2xx, but does retry one whose body never finished", () => {
    expect(retried(result(200))).toBe(false);
    expect(retried(result(204), true)).toBe(false);
    expect(retried(result(200, "timeout"))).toBe(true);
    expect(retried(result(500, "timeout"))).toBe(true);
    expect(retried(result(404, "timeout"))).toBe(false);
  });
});

describe("isReceiverFailure (what the circuit breaker counts)", () => {
  const result = (status: number | null, kind: SendErrorKind | null = null): SendResult => ({
    ok: kind === null && status !== null && status >= 200 && status < 300,
    status,
    headers: status === null ? null : {},
    body: status === null ? null : "",
    bodyTruncated: false,
    durationMs: 1,
    error: kind ? { kind, message: kind } : null,
    remoteAddress: null,
  });

  it("counts no answer (network errors, timeouts, a refused address), 5xx and a 2xx cut off", () => {
    for (const kind of ["timeout", "connect_timeout", "dns", "refused", "reset", "tls", "network", "forbidden_address"] as const) {
      expect(isReceiverFailure(result(null, kind)), kind).toBe(true);
    }
    for (const status of [500, 502, 503, 504]) expect(isReceiverFailure(result(status)), String(status)).toBe(true);
    expect(isReceiverFailure(result(200, "timeout"))).toBe(true);
  });

  it("does not count an answered 4xx (429 included), a redirect or a success", () => {
    for (const status of [400, 401, 403, 404, 408, 410, 422, 429]) expect(isReceiverFailure(result(status)), String(status)).toBe(false);
    expect(isReceiverFailure(result(404, "timeout"))).toBe(false);
    expect(isReceiverFailure(result(301, "redirect"))).toBe(false);
    expect(isReceiverFailure(result(200))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { WebhookDelivery, WebhookEndpoint } from "@/generated/prisma/client";
import { WEBHOOK_SETTINGS_DEFAULTS } from "@/server/webhooks/settings/webhook-settings";
import type { SendResult } from "@/server/webhooks/transport/send";
import { decideNext, type SentAttempt } from "./record-attempts";

/** When a failed attempt is tried again: counted from the attempt's end, not its start. */
describe("decideNext", () => {
  const settings = { ...WEBHOOK_SETTINGS_DEFAULTS, retryScheduleSeconds: [5, 30] };
  const noJitter = () => 0.5; // a factor of exactly 1
  const startedAt = new Date("2026-12-06T12:00:00.000Z");
  const attempt = (result: Partial<SendResult>): SentAttempt => ({
    delivery: { attemptCount: 0 } as WebhookDelivery,
    endpoint: { retryClientErrors: false } as WebhookEndpoint,
    headers: {},
    startedAt,
    result: { ok: false, status: null, headers: null, body: null, bodyTruncated: false, durationMs: 0, error: null, remoteAddress: null, ...result },
  });

  it("waits the scheduled 5 s after a 15 s timeout ended, not 5 s after it started", () => {
    const next = decideNext(attempt({ durationMs: 15_000, error: { kind: "timeout", message: "Timed out after 15000 ms" } }), settings, noJitter);
    expect(next.retryAt).toEqual(new Date(startedAt.getTime() + 15_000 + 5_000));
  });

  it("reads a Retry-After from the end of the attempt too", () => {
    const next = decideNext(attempt({ status: 429, headers: { "retry-after": "60" }, durationMs: 2_000 }), settings, noJitter);
    const end = startedAt.getTime() + 2_000;
    // …and holds back every delivery to the endpoint until then.
    expect(next).toEqual({ error: "HTTP 429", retryAt: new Date(end + 60_000), notBefore: new Date(end + 60_000) });
  });

  it("does not retry what is final", () => {
    expect(decideNext(attempt({ status: 404, headers: {}, durationMs: 30 }), settings, noJitter)).toEqual({ error: "HTTP 404", retryAt: null });
  });
});

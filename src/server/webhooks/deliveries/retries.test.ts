import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { seedRequest } from "../../../../test/factories";
import { createEndpoint, deliveriesOf, statusesOf, webhookTenant } from "../../../../test/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";

/**
 * Retries against a receiver that fails on purpose (5xx, 429 with Retry-After, 4xx, hangs,
 * resets, slow bodies): the attempt log, the backoff between attempts and the final state.
 * Each scenario has its own dataspace (its own schedule) and its own receiver path.
 */
describe("webhook delivery retries", () => {
  let runtime: AppRuntime;
  let receiver: WebhookReceiver;
  const TIMEOUT_MS = 800;

  beforeAll(async () => {
    runtime = await startAppRuntime({ env: { WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) } });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  /** A dataspace with `schedule`, one endpoint on `path`, and one event delivered to it. */
  async function deliverOne(path: string, schedule: number[], endpoint: Record<string, unknown> = {}) {
    const ctx = await webhookTenant({ retryScheduleSeconds: schedule });
    const { endpoint: created } = await createEndpoint(ctx, { url: receiver.url(path), ...endpoint });
    await seedRequest(ctx);
    return created.id;
  }
  const finalStatus = async (endpointId: string, timeout = 10_000) => {
    await expect.poll(() => statusesOf(endpointId), { timeout }).toEqual([expect.stringMatching(/^(SUCCEEDED|FAILED)$/)]);
    return (await deliveriesOf(endpointId))[0];
  };
  const gaps = (path: string) => receiver.forPath(path).map((hook, i, all) => (i === 0 ? 0 : hook.at - all[i - 1].at)).slice(1);

  it("retries 5xx on the schedule (with jitter) and records every attempt", async () => {
    receiver.scriptFor(
      "/flaky",
      { status: 500, body: "boom 1" },
      { status: 503, body: "boom 2" },
      { status: 200, body: "finally" },
    );
    const endpointId = await deliverOne("/flaky", [1, 2]);

    const delivery = await finalStatus(endpointId);
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attemptCount: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(delivery.completedAt).toBeInstanceOf(Date);
    expect(delivery.attempts.map((a) => [a.number, a.responseStatus, a.responseBody, a.error, a.succeeded])).toEqual([
      [1, 500, "boom 1", "HTTP 500", false],
      [2, 503, "boom 2", "HTTP 503", false],
      [3, 200, "finally", null, true],
    ]);
    for (const attempt of delivery.attempts) {
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
      expect(attempt.durationMs).toBeLessThan(TIMEOUT_MS);
      expect(attempt.url).toBe(receiver.url("/flaky"));
    }
    // The schedule's 1 s and 2 s, each within ±20 % jitter, are what the attempts announced…
    const [first, second, third] = delivery.attempts;
    // (counted from each attempt's end)
    const announced = (a: typeof first) => a.nextRetryAt!.getTime() - (a.startedAt.getTime() + a.durationMs);
    expect(announced(first)).toBeGreaterThanOrEqual(800);
    expect(announced(first)).toBeLessThanOrEqual(1200);
    expect(announced(second)).toBeGreaterThanOrEqual(1600);
    expect(announced(second)).toBeLessThanOrEqual(2400);
    expect(third.nextRetryAt).toBeNull();
    // Each retry happens when its attempt said it would (what the dashboard shows as "next retry")…
    for (const [before, after] of [[first, second], [second, third]]) {
      const late = after.startedAt.getTime() - before.nextRetryAt!.getTime();
      expect(late).toBeGreaterThanOrEqual(-50);
      expect(late).toBeLessThanOrEqual(700);
    }
    // …and the receiver saw the schedule (plus the runtime's own latency).
    const [gap1, gap2] = gaps("/flaky");
    expect(gap1).toBeGreaterThanOrEqual(700);
    expect(gap1).toBeLessThanOrEqual(1800);
    expect(gap2).toBeGreaterThanOrEqual(1500);
    expect(gap2).toBeLessThanOrEqual(3200);
    // Every attempt is the same message: receivers dedupe on webhook-id.
    const ids = new Set(receiver.forPath("/flaky").map((hook) => hook.headers["webhook-id"]));
    expect(ids.size).toBe(1);
  });

  it("fails the delivery once the schedule is exhausted", async () => {
    receiver.setDefaultFor("/down", { status: 500, body: "down" });
    const endpointId = await deliverOne("/down", [1, 2]);

    const delivery = await finalStatus(endpointId);
    expect(delivery).toMatchObject({ status: "FAILED", attemptCount: 3, lastStatusCode: 500, lastError: "HTTP 500", nextAttemptAt: null });
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([500, 500, 500]);
    expect(delivery.attempts.map((a) => a.nextRetryAt === null)).toEqual([false, false, true]);
    expect(receiver.forPath("/down")).toHaveLength(3);
  });

  it("waits at least as long as a 429's Retry-After", async () => {
    receiver.scriptFor("/busy", { status: 429, headers: { "retry-after": "3" }, body: "slow down" }, { status: 200 });
    const endpointId = await deliverOne("/busy", [1]);

    const delivery = await finalStatus(endpointId);
    expect(delivery.status).toBe("SUCCEEDED");
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([429, 200]);
    expect(delivery.attempts[0].responseHeaders).toMatchObject({ "retry-after": "3" });
    expect(delivery.attempts[0].nextRetryAt!.getTime() - delivery.attempts[0].startedAt.getTime()).toBeGreaterThanOrEqual(3000);
    const [gap] = gaps("/busy");
    expect(gap).toBeGreaterThanOrEqual(2900);
    expect(gap).toBeLessThanOrEqual(6000);
  });

  it("does not retry a 4xx unless the endpoint opted in", async () => {
    receiver.setDefaultFor("/reject", { status: 400, body: "bad payload" });
    const plain = await deliverOne("/reject", [1, 2]);
    const plainDelivery = await finalStatus(plain);
    expect(plainDelivery).toMatchObject({ status: "FAILED", attemptCount: 1, lastStatusCode: 400, lastError: "HTTP 400" });
    expect(plainDelivery.attempts).toHaveLength(1);
    expect(plainDelivery.attempts[0]).toMatchObject({ responseStatus: 400, responseBody: "bad payload", nextRetryAt: null });

    receiver.scriptFor("/reject-then-ok", { status: 400, body: "not yet" }, { status: 200 });
    const optedIn = await deliverOne("/reject-then-ok", [1, 2], { retryClientErrors: true });
    const optedInDelivery = await finalStatus(optedIn);
    expect(optedInDelivery.status).toBe("SUCCEEDED");
    expect(optedInDelivery.attempts.map((a) => a.responseStatus)).toEqual([400, 200]);
    expect(receiver.forPath("/reject")).toHaveLength(1);
  });

  it("records a timeout (no response) and retries", async () => {
    receiver.scriptFor("/hang", { hang: true }, { status: 200 });
    const endpointId = await deliverOne("/hang", [1, 2]);

    const delivery = await finalStatus(endpointId);
    expect(delivery.status).toBe("SUCCEEDED");
    const [timedOut, ok] = delivery.attempts;
    expect(timedOut).toMatchObject({ number: 1, responseStatus: null, succeeded: false });
    expect(timedOut.error).toMatch(/no response within 800 ms/);
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(timedOut.durationMs).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(timedOut.nextRetryAt).toBeInstanceOf(Date);
    expect(ok).toMatchObject({ number: 2, responseStatus: 200, succeeded: true, error: null });
  });

  it("records a connection reset and retries", async () => {
    receiver.scriptFor("/reset", { reset: true }, { status: 200 });
    const endpointId = await deliverOne("/reset", [1, 2]);

    const delivery = await finalStatus(endpointId);
    expect(delivery.status).toBe("SUCCEEDED");
    const [reset, ok] = delivery.attempts;
    expect(reset).toMatchObject({ number: 1, responseStatus: null, succeeded: false });
    expect(reset.error).toMatch(/connection reset/);
    expect(ok).toMatchObject({ number: 2, responseStatus: 200, succeeded: true });
  });

  it("treats a 2xx whose body does not finish in time as failed, keeping what arrived", async () => {
    const full = ".".repeat(10);
    receiver.scriptFor("/drip", { drip: { status: 200, chunk: ".", everyMs: 300, count: full.length } }, { status: 200, body: "ok" });
    const endpointId = await deliverOne("/drip", [1, 2]);

    const delivery = await finalStatus(endpointId);
    expect(delivery.status).toBe("SUCCEEDED");
    const [slow, ok] = delivery.attempts;
    expect(slow).toMatchObject({ number: 1, responseStatus: 200, succeeded: false });
    expect(slow.error).toMatch(/^HTTP 200: response body not complete within 800 ms/);
    // The partial body: what had arrived by the timeout, never the whole of it.
    expect(full.startsWith(slow.responseBody ?? "")).toBe(true);
    expect(slow.responseBody!.length).toBeLessThan(full.length);
    expect(ok).toMatchObject({ number: 2, responseStatus: 200, responseBody: "ok", succeeded: true });
  });
});

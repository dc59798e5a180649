import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { rotateWebhookSecret } from "@/server/webhooks/endpoints/manage-endpoints";
import { MAX_PAYLOAD_BYTES } from "@/server/webhooks/target-config";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { seedRequest } from "../../../../test/factories";
import { createEndpoint, deliveriesOf, endpointRow, statusesOf, webhookTenant } from "../../../../test/webhook-fixtures";
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from "../../../../test/webhook-receiver";
import { getReplayProgress, replayFailedDeliveries, retryWebhookDelivery, sendTestWebhook } from "./control-deliveries";

/**
 * What users do to deliveries (manual retry, bulk replay, test send, secret rotation) and the
 * limits applied at send time (per-endpoint rate limit, the address guard, payload size), each
 * checked on what a real receiver gets.
 */
describe("webhook delivery controls and limits", () => {
  let runtime: AppRuntime;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    runtime = await startAppRuntime();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  const verifies = (secret: string, hook: ReceivedHook) => {
    try {
      new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };

  it("retries a failed delivery by hand: same message, attempts numbered on", async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [1] });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/manual") });
    receiver.scriptFor("/manual", { status: 410, body: "gone" });
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED"]);
    const [failed] = await deliveriesOf(endpoint.id);

    await expect(retryWebhookDelivery(ctx, failed.id)).resolves.toMatchObject({ id: failed.id, status: "PENDING", attemptCount: 1 });
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["SUCCEEDED"]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.attempts.map((a) => [a.number, a.responseStatus, a.succeeded])).toEqual([
      [1, 410, false],
      [2, 200, true],
    ]);
    const [first, second] = receiver.forPath("/manual");
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(second.body).toBe(first.body);
    expect(delivery.lastError).toBeNull();
  });

  it("refuses to retry a delivery that is still being attempted", async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [60] });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/pending") });
    receiver.setDefaultFor("/pending", { status: 500 });
    await seedRequest(ctx);
    // Failed once, next attempt in a minute: pending.
    await expect.poll(async () => (await deliveriesOf(endpoint.id))[0]?.attemptCount, { timeout: 10_000 }).toBe(1);
    const [pending] = await deliveriesOf(endpoint.id);
    expect(pending.status).toBe("PENDING");

    const refused = await retryWebhookDelivery(ctx, pending.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/still being attempted/) });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ dispatch: pending.dispatch, status: "PENDING" });
  });

  it("replays the failed deliveries since a time, with progress; older ones stay failed", async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [1] });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/replay") });
    receiver.setDefaultFor("/replay", { status: 422, body: "rejected" });

    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED"]);
    const [older] = await deliveriesOf(endpoint.id);
    const since = new Date(older.createdAt.getTime() + 1);
    for (let i = 0; i < 5; i++) await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(Array(6).fill("FAILED"));
    expect(receiver.forPath("/replay")).toHaveLength(6);

    receiver.setDefaultFor("/replay", { status: 204 });
    const started = await replayFailedDeliveries(ctx, { endpointId: endpoint.id, since });
    expect(started).toMatchObject({ endpointId: endpoint.id, total: 5 });
    expect(started.done).toBeLessThanOrEqual(5);
    await expect.poll(() => getReplayProgress(ctx, started.id), { timeout: 10_000 }).toMatchObject({ total: 5, done: 5, succeeded: 5, failed: 0 });

    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries[0]).toMatchObject({ id: older.id, status: "FAILED", attemptCount: 1, replayId: null });
    for (const delivery of deliveries.slice(1)) {
      expect(delivery).toMatchObject({ status: "SUCCEEDED", replayId: started.id });
      expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([422, 204]);
    }
    expect(receiver.forPath("/replay")).toHaveLength(11);
    // Nothing left to replay: a clear refusal, not an empty replay.
    await expect(replayFailedDeliveries(ctx, { endpointId: endpoint.id, since })).rejects.toThrow("No failed deliveries to replay since that time");
  });

  it("sends a signed test event, even to a paused endpoint", async () => {
    const ctx = await webhookTenant();
    const { endpoint, secret } = await createEndpoint(ctx, { url: receiver.url("/test-send") });
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { state: "PAUSED", pausedUntil: new Date(Date.now() + 3_600_000), consecutiveFailures: 10, stateReason: "Paused for the test" },
    });

    const sent = await sendTestWebhook(ctx, endpoint.id);
    expect(sent).toMatchObject({ status: "PENDING", lastError: null });
    await expect.poll(() => receiver.forPath("/test-send").length, { timeout: 10_000 }).toBe(1);
    const [hook] = receiver.forPath("/test-send");
    expect(JSON.parse(hook.body)).toMatchObject({
      hook: { uuid: endpoint.id, event: "webhook.test", target: receiver.url("/test-send") },
      data: { message: "This is a test event from Switchboard", dataspace: ctx.dataspace.name },
    });
    expect(hook.headers["webhook-id"]).toBe(sent.id);
    expect(hook.headers["switchboard-event-type"]).toBe("webhook.test");
    expect(verifies(secret, hook)).toBe(true);

    await expect.poll(() => statusesOf(endpoint.id), { timeout: 5_000 }).toEqual(["SUCCEEDED"]);
    // A test send neither resumes the endpoint nor touches its health.
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "PAUSED", consecutiveFailures: 10 });
  });

  it("signs with both secrets during a rotation's grace period, with only the new one without", async () => {
    const ctx = await webhookTenant();
    const { endpoint, secret: original } = await createEndpoint(ctx, { url: receiver.url("/rotate") });
    const { secret: rotated } = await rotateWebhookSecret(ctx, { id: endpoint.id, graceHours: 24 });
    expect(rotated).not.toBe(original);

    await seedRequest(ctx);
    await expect.poll(() => receiver.forPath("/rotate").length, { timeout: 10_000 }).toBe(1);
    const duringGrace = receiver.forPath("/rotate")[0];
    expect(String(duringGrace.headers["webhook-signature"]).split(" ").map((s) => s.slice(0, 3))).toEqual(["v1,", "v1,"]);
    expect(verifies(original, duringGrace)).toBe(true);
    expect(verifies(rotated, duringGrace)).toBe(true);

    const { secret: immediate } = await rotateWebhookSecret(ctx, { id: endpoint.id, graceHours: 0 });
    await seedRequest(ctx);
    await expect.poll(() => receiver.forPath("/rotate").length, { timeout: 10_000 }).toBe(2);
    const afterRotation = receiver.forPath("/rotate")[1];
    expect(String(afterRotation.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifies(immediate, afterRotation)).toBe(true);
    expect(verifies(rotated, afterRotation)).toBe(false);
    expect(verifies(original, afterRotation)).toBe(false);
  });

  it("keeps to an endpoint's rate limit by deferring, not failing", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/limited"), rateLimitPerSecond: 2 });
    for (let i = 0; i < 6; i++) await seedRequest(ctx);

    await expect.poll(() => statusesOf(endpoint.id), { timeout: 15_000 }).toEqual(Array(6).fill("SUCCEEDED"));
    const arrivals = receiver.forPath("/limited").map((hook) => hook.at);
    expect(arrivals).toHaveLength(6);
    // 2 per second: six sends need three one-second windows (small tolerance for clock reads).
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(1_900);
    for (const delivery of await deliveriesOf(endpoint.id)) {
      expect(delivery.attempts.map((a) => a.succeeded)).toEqual([true]);
    }
  });

  it("refuses at send time a target address that is not allowed, whatever was saved", async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [1, 1] });
    // A receiver on 127.0.0.2: loopback, and not on this instance's allow-list (127.0.0.1).
    const internal = await startWebhookReceiver({ host: "127.0.0.2" });
    try {
      const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/fine") });
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: internal.url("/internal") } });

      await seedRequest(ctx);
      await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED"]);
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery.attempts).toHaveLength(1); // refused is final: no retry
      expect(delivery.attempts[0]).toMatchObject({ url: internal.url("/internal"), responseStatus: null, succeeded: false });
      expect(delivery.lastError).toMatch(/loopback address 127\.0\.0\.2, which webhooks may not reach/);
      expect(internal.received).toHaveLength(0);
      expect(receiver.forPath("/fine")).toHaveLength(0);
    } finally {
      await internal.close();
    }
  });

  it("fails a payload over the size limit without sending it", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/huge"), extraPayload: { team: "ops" } });
    // 100 000 three-byte characters: about 300 KB of JSON.
    await seedRequest(ctx, { notes: "€".repeat(100_000) });

    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED"]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.attempts).toHaveLength(0);
    expect(delivery.lastError).toMatch(new RegExp(`^The payload is \\d+ bytes, over the ${MAX_PAYLOAD_BYTES / 1024} KB limit; it was not sent$`));
    expect(Number(/is (\d+) bytes/.exec(delivery.lastError!)![1])).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    expect(receiver.forPath("/huge")).toHaveLength(0);

    // A small event to the same endpoint still goes out.
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED", "SUCCEEDED"]);
  });
});

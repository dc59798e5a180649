import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { setWebhookEndpointActive } from "@/server/webhooks/endpoints/set-endpoint-active";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { seedRequest } from "../../../../test/factories";
import { createEndpoint, endpointRow, statusesOf, webhookTenant } from "../../../../test/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";

/**
 * The circuit breaker against a receiver that keeps failing: pause after N consecutive failed
 * attempts (new deliveries held, not sent), resume by itself when the pause ends (the
 * `resume-webhook-endpoint` function sleeps until then) with the backlog; disable after a
 * sustained failure window until a user re-enables the endpoint.
 */
describe("webhook endpoint health", () => {
  let runtime: AppRuntime;
  let receiver: WebhookReceiver;
  const settings = { retryScheduleSeconds: [1], pauseAfterFailures: 3, pauseSeconds: 10 };

  beforeAll(async () => {
    runtime = await startAppRuntime();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  const eventsOf = (dataspaceId: string, type: string) => db.event.findMany({ where: { dataspaceId, type } });

  it("pauses after 3 consecutive failed attempts, holds new deliveries, and resumes with them after the pause", { timeout: 40_000 }, async () => {
    const ctx = await webhookTenant(settings);
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/pause") });
    receiver.setDefaultFor("/pause", { status: 500, body: "down" });

    // Delivery 1: two failed attempts (the schedule [1] allows one retry), endpoint still active.
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED"]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 2 });
    expect((await endpointRow(endpoint.id)).failingSince).toBeInstanceOf(Date);

    // Delivery 2: its first failure is the third in a row: the breaker trips, its retry is held.
    await seedRequest(ctx);
    await expect.poll(async () => (await endpointRow(endpoint.id)).state, { timeout: 10_000 }).toBe("PAUSED");
    const paused = await endpointRow(endpoint.id);
    expect(paused.consecutiveFailures).toBe(3);
    expect(paused.stateReason).toMatch(/^Paused for 10 s after 3 consecutive failed attempts \(last: HTTP 500\)/);
    const pauseLeft = paused.pausedUntil!.getTime() - paused.stateChangedAt!.getTime();
    expect(pauseLeft).toBe(10_000);
    const [pausedEvent] = await eventsOf(ctx.dataspace.id, "webhook_endpoint.paused");
    expect(pausedEvent?.data).toMatchObject({ uuid: endpoint.id, state: "PAUSED", consecutive_failures: 3, paused_until: paused.pausedUntil!.toISOString() });
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 5_000 }).toEqual(["FAILED", "HELD"]);
    expect(receiver.forPath("/pause")).toHaveLength(3);

    // While paused a new event is delivered to nobody: held at fan-out.
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 5_000 }).toEqual(["FAILED", "HELD", "HELD"]);
    receiver.setDefaultFor("/pause", { status: 200, body: "fixed" });
    expect(receiver.forPath("/pause")).toHaveLength(3);
    expect(Date.now()).toBeLessThan(paused.pausedUntil!.getTime()); // the assertions above ran inside the pause

    // The pause ends by itself: the endpoint is active again and the held backlog goes out.
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 20_000, interval: 250 }).toEqual(["FAILED", "SUCCEEDED", "SUCCEEDED"]);
    const resumed = await endpointRow(endpoint.id);
    expect(resumed).toMatchObject({ state: "ACTIVE", pausedUntil: null, stateReason: "Resumed after a pause", consecutiveFailures: 0, failingSince: null });
    const arrivals = receiver.forPath("/pause");
    expect(arrivals).toHaveLength(5);
    expect(arrivals[3].at).toBeGreaterThanOrEqual(paused.pausedUntil!.getTime() - 100);
  });

  it("disables an endpoint failing for longer than the window; re-enabling delivers the backlog", async () => {
    const ctx = await webhookTenant({ ...settings, disableAfterHours: 24 });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/disable") });
    receiver.setDefaultFor("/disable", { status: 502, body: "bad gateway" });
    // One failure short of the threshold, failing for 25 hours.
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { consecutiveFailures: 2, failingSince: new Date(Date.now() - 25 * 3_600_000) },
    });

    await seedRequest(ctx);
    await expect.poll(async () => (await endpointRow(endpoint.id)).state, { timeout: 10_000 }).toBe("DISABLED");
    const disabled = await endpointRow(endpoint.id);
    expect(disabled.stateReason).toMatch(/^Disabled after failing for 24 h \(3 consecutive failed attempts; last: HTTP 502\)/);
    expect(disabled.pausedUntil).toBeNull();
    const [disabledEvent] = await eventsOf(ctx.dataspace.id, "webhook_endpoint.disabled");
    expect(disabledEvent?.data).toMatchObject({ uuid: endpoint.id, state: "DISABLED", paused_until: null });
    expect(await eventsOf(ctx.dataspace.id, "webhook_endpoint.paused")).toHaveLength(0);
    // The failed delivery's retry is held, and so is every new one.
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 5_000 }).toEqual(["HELD"]);
    await seedRequest(ctx);
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 5_000 }).toEqual(["HELD", "HELD", "HELD"]);
    expect(receiver.forPath("/disable")).toHaveLength(1);

    // A disabled endpoint stays disabled (no timer brings it back); the user's switch does.
    receiver.setDefaultFor("/disable", { status: 200 });
    const { endpoint: enabled, released } = await setWebhookEndpointActive(ctx, { id: endpoint.id, isActive: true });
    expect(released).toBe(3);
    expect(enabled).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null, stateReason: "Re-enabled (was disabled)" });
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    expect(receiver.forPath("/disable")).toHaveLength(4);
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null });
  });

  it("a success resets the failure count", async () => {
    const ctx = await webhookTenant(settings);
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/recover") });
    receiver.scriptFor("/recover", { status: 500 }, { status: 500 });

    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED"]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 2 });

    await seedRequest(ctx); // answered 200: the count starts over, so no pause at the next failure
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED", "SUCCEEDED"]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null });

    receiver.scriptFor("/recover", { status: 500 }, { status: 200 });
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED", "SUCCEEDED", "SUCCEEDED"]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { setWebhookEndpointActive } from "@/server/webhooks/endpoints/set-endpoint-active";
import { MAX_PAYLOAD_BYTES } from "@/server/webhooks/target-config";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { callerFor, seedRequest } from "../../../../test/factories";
import { githubDelivery, githubExample, seedIntegration } from "../../../../test/integration-fixtures";
import { createEndpoint, deliveriesOf, endpointRow, statusesOf, webhookTenant } from "../../../../test/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";
import { getReplayProgress, replayFailedDeliveries, resumePausedEndpoint } from "./control-deliveries";
import { MAX_HELD_DELIVERIES } from "./fan-out";

/**
 * What is held and why: events published while a webhook is switched off (sent when it is
 * switched on), a replay started while it is paused (sent when the pause ends, and saying so),
 * and what the circuit breaker does not count (answers in the 4xx range, 429 included).
 */
describe("held deliveries and what trips the breaker", () => {
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

  it("holds what is published while a webhook is switched off, and sends it, oldest first, when switched on", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/off") });
    await setWebhookEndpointActive(ctx, { id: endpoint.id, isActive: false });

    const first = await seedRequest(ctx, { title: "First while off" });
    const second = await seedRequest(ctx, { title: "Second while off" });
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["HELD", "HELD"]);
    expect(receiver.forPath("/off")).toHaveLength(0);

    const { released } = await setWebhookEndpointActive(ctx, { id: endpoint.id, isActive: true });
    expect(released).toBe(2);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    const titles = receiver.forPath("/off").map((hook) => (JSON.parse(hook.body) as { data: { title: string } }).data.title);
    expect(titles.sort()).toEqual([first.title, second.title].sort());
  });

  it("holds and releases the same way through the dashboard's switch (tRPC)", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/off-trpc") });
    const caller = callerFor(ctx.actor.userId);
    await caller.webhook.setActive({ dataspace: ctx.dataspace.slug, id: endpoint.id, isActive: false });
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["HELD"]);
    const held = await caller.webhook.deliveries({ dataspace: ctx.dataspace.slug, endpointId: endpoint.id, status: "HELD", limit: 10 });
    expect(held.items).toHaveLength(1);

    await caller.webhook.update({ dataspace: ctx.dataspace.slug, id: endpoint.id, patch: { isActive: true } });
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["SUCCEEDED"]);
    expect(receiver.forPath("/off-trpc")).toHaveLength(1);
  });

  it(`holds at most ${MAX_HELD_DELIVERIES} per webhook; past that a delivery fails with the reason`, async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/full") });
    await setWebhookEndpointActive(ctx, { id: endpoint.id, isActive: false });
    await db.$executeRaw`
      INSERT INTO "WebhookDelivery" (id, "dataspaceId", "endpointId", "eventType", body, status, "queuedAt")
      SELECT gen_random_uuid(), ${ctx.dataspace.id}::uuid, ${endpoint.id}::uuid, 'request.added', '{}', 'HELD', NULL
      FROM generate_series(1, ${MAX_HELD_DELIVERIES})`;

    await seedRequest(ctx, { title: "One too many" });
    await expect.poll(async () => (await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, status: "FAILED" } })).length, { timeout: 10_000 }).toBe(1);
    const [failed] = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, status: "FAILED" } });
    expect(failed.lastError).toBe(
      `Not sent: the webhook is switched off and already holds ${MAX_HELD_DELIVERIES} deliveries, the most it keeps; replay failed deliveries once it is back to send this one`,
    );
    expect(failed.eventId).not.toBeNull();
    expect(receiver.forPath("/full")).toHaveLength(0);
  });

  it("does not count 429s toward the breaker: honours Retry-After, from the end of the attempt, and stays active", { timeout: 30_000 }, async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [1, 1, 1, 1], pauseAfterFailures: 3, pauseSeconds: 300 });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/busy") });
    const busy = { status: 429, headers: { "retry-after": "2" }, body: "slow down" };
    receiver.scriptFor("/busy", busy, busy, busy, { status: 200, body: "ok" });

    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 20_000 }).toEqual(["SUCCEEDED"]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([429, 429, 429, 200]);
    for (const attempt of delivery.attempts.slice(0, 3)) {
      // The retry waits the 2 s asked, over the 1 s schedule, counted from the attempt's end.
      expect(attempt.nextRetryAt!.getTime()).toBeGreaterThanOrEqual(attempt.startedAt.getTime() + attempt.durationMs + 2_000);
    }
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null, pausedUntil: null });
  });

  it("holds back every delivery to a webhook that answered 429 until its Retry-After, without counting a failure", { timeout: 30_000 }, async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [1, 1] });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/busy-all") });
    receiver.scriptFor("/busy-all", { status: 429, headers: { "retry-after": "3" }, body: "slow down" });
    await seedRequest(ctx, { title: "First" });
    await expect.poll(async () => (await deliveriesOf(endpoint.id))[0]?.attempts.length ?? 0, { timeout: 10_000 }).toBe(1);
    const { retryNotBefore } = await endpointRow(endpoint.id);
    const [first] = (await deliveriesOf(endpoint.id))[0].attempts;
    expect(retryNotBefore!.getTime()).toBeGreaterThanOrEqual(first.startedAt.getTime() + first.durationMs + 3_000);

    await seedRequest(ctx, { title: "Second" });
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 15_000 }).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    const [, second] = await deliveriesOf(endpoint.id);
    expect(second.attempts.map((a) => a.responseStatus)).toEqual([200]);
    expect(second.attempts[0].startedAt.getTime()).toBeGreaterThanOrEqual(retryNotBefore!.getTime());
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0 });
  });

  it("does not count 404s toward the breaker, and still counts 5xx", async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [], pauseAfterFailures: 3 });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/missing") });
    receiver.setDefaultFor("/missing", { status: 404, body: "no such hook" });
    for (let i = 0; i < 4; i++) await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED", "FAILED", "FAILED", "FAILED"]);
    expect(await endpointRow(endpoint.id)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, failingSince: null });

    receiver.setDefaultFor("/missing", { status: 503, body: "down" });
    await seedRequest(ctx);
    await expect.poll(async () => (await endpointRow(endpoint.id)).consecutiveFailures, { timeout: 10_000 }).toBe(1);
  });

  it("a replay started while the webhook is paused waits for the pause, says so, and goes out when it ends", async () => {
    const ctx = await webhookTenant({ retryScheduleSeconds: [] });
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/replay-paused") });
    receiver.scriptFor("/replay-paused", { status: 410 }, { status: 410 });
    const since = new Date(Date.now() - 1_000);
    await seedRequest(ctx);
    await seedRequest(ctx);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 10_000 }).toEqual(["FAILED", "FAILED"]);
    receiver.setDefaultFor("/replay-paused", { status: 200 });

    // Paused by the breaker (as recordEndpointHealth leaves it), with no timer to end it here.
    const pausedUntil = new Date(Date.now() + 60_000);
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { state: "PAUSED", pausedUntil, consecutiveFailures: 10 } });
    const started = await replayFailedDeliveries(ctx, { endpointId: endpoint.id, since });
    expect(started).toMatchObject({ total: 2, done: 0, held: 2, waiting: { reason: "paused", until: pausedUntil } });
    expect(await statusesOf(endpoint.id)).toEqual(["HELD", "HELD"]);
    expect(receiver.forPath("/replay-paused")).toHaveLength(2);

    await resumePausedEndpoint({ dataspaceId: ctx.dataspace.id, endpointId: endpoint.id }, new Date(pausedUntil.getTime() + 1));
    await expect.poll(() => getReplayProgress(ctx, started.id), { timeout: 10_000 }).toMatchObject({ done: 2, succeeded: 2, held: 0, waiting: null });
    expect(receiver.forPath("/replay-paused")).toHaveLength(4);
  });

  it(`records an inbound event whose outgoing body is over ${MAX_PAYLOAD_BYTES / 1024} KB as a failed delivery with the reason`, async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/big"), eventTypes: ["github.*"] });
    const repository = `octo-org/big-${crypto.randomUUID().slice(0, 8)}`;
    const secret = "whsecret-big-payloads-0123456789";
    const integration = await seedIntegration(ctx, { config: { repository, webhookSecret: secret } });
    const payload = githubExample("issues", "opened") as { issue: { body: string }; repository: { full_name: string } };
    payload.repository.full_name = repository;
    payload.issue.body = "x".repeat(600 * 1024); // under the 1 MB inbound limit, over the outgoing one
    const request = await githubDelivery(secret, "issues", payload);
    const answer = await fetch(`${runtime.url}${integration.path}`, { method: "POST", headers: request.headers, body: request.body });
    expect(answer.status).toBeLessThan(300);

    await expect.poll(() => statusesOf(endpoint.id), { timeout: 15_000 }).toEqual(["FAILED"]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.eventType).toBe("github.issues.opened");
    expect(delivery.attempts).toHaveLength(0);
    expect(delivery.lastError).toMatch(new RegExp(`^The payload is \\d+ bytes, over the ${MAX_PAYLOAD_BYTES / 1024} KB limit; it was not sent$`));
    const listed = await callerFor(ctx.actor.userId).webhook.deliveries({ dataspace: ctx.dataspace.slug, endpointId: endpoint.id, limit: 10 });
    expect(listed.items[0]).toMatchObject({ status: "FAILED", lastError: delivery.lastError });
    expect(receiver.forPath("/big")).toHaveLength(0);
  });
});

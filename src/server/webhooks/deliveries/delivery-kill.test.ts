import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { seedRequest } from "../../../../test/factories";
import { createEndpoint, deliveriesOf, statusesOf, webhookTenant } from "../../../../test/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";
import { spawnReady } from "../../../../test/spawn-ready";

/**
 * Nothing is lost when the app process dies mid-delivery: the app's runtime runs in a child
 * process that is SIGKILLed (no shutdown code runs) while the receiver holds its requests open,
 * and more events are published while no app runs at all. A new process on the same database
 * takes over (the embedded executor's leader lock frees the dead one's claimed jobs) and every
 * delivery ends SUCCEEDED, the interrupted ones sent again with the same webhook-id.
 */
const FIXTURE = path.resolve(import.meta.dirname, "../../../../test/app-runtime-process.ts");

type AppProcess = { child: ChildProcess; appPort: number };

/** `appPort`: serve on the dead process's port, as a restarted server.ts does. */
async function startAppProcess(appPort = 0): Promise<AppProcess> {
  const { child, ready } = await spawnReady<{ appPort: number }>(FIXTURE, {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL,
    WEBHOOK_ALLOWED_TARGETS: "127.0.0.1",
    // Longer than the test: a held request must still be in flight when the process dies.
    WEBHOOK_TIMEOUT_MS: "60000",
    APP_PORT: String(appPort),
  });
  return { child, appPort: ready.appPort };
}

async function kill(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGKILL");
  await exited;
}

describe("webhook delivery survives a killed app process", () => {
  let receiver: WebhookReceiver;
  let ctx: TenantContext;
  let current: AppProcess | undefined;

  beforeAll(async () => {
    // The endpoint is saved here, in the test process: its check needs the same allow-list.
    process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
    resetEnvCache();
    receiver = await startWebhookReceiver();
    ctx = await webhookTenant({ retryScheduleSeconds: [1, 2] });
  });
  afterAll(async () => {
    if (current) await kill(current);
    await receiver?.close();
  });

  it("re-sends the deliveries in flight at the kill and delivers what was published while down", { timeout: 60_000 }, async () => {
    const { endpoint } = await createEndpoint(ctx, { url: receiver.url("/kill") });
    receiver.setDefaultFor("/kill", { hang: true });
    current = await startAppProcess();

    // One delivery in flight, then a batch of five more: all held open by the receiver.
    await seedRequest(ctx);
    await expect.poll(() => receiver.forPath("/kill").length, { timeout: 15_000 }).toBe(1);
    for (let i = 0; i < 5; i++) await seedRequest(ctx);
    await expect.poll(() => receiver.forPath("/kill").length, { timeout: 15_000 }).toBe(6);
    expect(await statusesOf(endpoint.id)).toEqual(Array(6).fill("PENDING"));

    await kill(current);
    // Published while no app process runs: they wait in the outbox.
    for (let i = 0; i < 3; i++) await seedRequest(ctx);
    receiver.setDefaultFor("/kill", { status: 200, body: "ok" });

    const crashed = current;
    current = await startAppProcess(crashed.appPort);
    await expect.poll(() => statusesOf(endpoint.id), { timeout: 20_000, interval: 200 }).toEqual(Array(9).fill("SUCCEEDED"));

    const events = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type: "request.added" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(9);
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((d) => d.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    for (const delivery of deliveries) expect(delivery.attempts.at(-1)).toMatchObject({ responseStatus: 200, succeeded: true });

    const received = receiver.forPath("/kill");
    const timesReceived = (eventId: string) => received.filter((hook) => hook.headers["webhook-id"] === eventId).length;
    // The six in flight at the kill reached the receiver again, as the same message…
    for (const event of events.slice(0, 6)) expect(timesReceived(event.id)).toBeGreaterThanOrEqual(2);
    // …and the three published while down arrived once (nothing lost, nothing invented).
    for (const event of events.slice(6)) expect(timesReceived(event.id)).toBe(1);
    expect(new Set(received.map((hook) => hook.headers["webhook-id"]))).toEqual(new Set(events.map((e) => e.id)));
  });
});

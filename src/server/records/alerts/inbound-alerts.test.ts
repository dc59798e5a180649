import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationType } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { dispatchQueuedWebhookEvents } from "@/server/inbound/dispatch-webhook-events";
import { processWebhookEvents } from "@/server/inbound/process-webhook-events";
import { runtimePort } from "@/server/runtime/port";
import { datadogNotification, newRelicNotification } from "../../../../test/alert-fixtures";
import { integrationTenant, seedIntegration, startInboundApp, type InboundApp } from "../../../../test/integration-fixtures";

/**
 * Monitors' webhooks end to end, as server.ts runs them: Datadog and New Relic notifications
 * (test/alert-fixtures.ts, from the vendors' documentation) POSTed to the integration's inbound
 * URL with its secret, stored, dispatched, processed by the runtime — raising, repeating,
 * acknowledging and resolving alerts in the integration's dataspace.
 */
describe("alerts from monitors' webhooks", () => {
  let app: InboundApp;
  let ctx: Awaited<ReturnType<typeof integrationTenant>>;
  let other: Awaited<ReturnType<typeof integrationTenant>>;

  beforeAll(async () => {
    app = await startInboundApp();
    ctx = await integrationTenant("Monitoring team");
    other = await integrationTenant("Bystanders");
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function monitor(type: IntegrationType, tenant = ctx) {
    const webhookSecret = `mon-${randomBytes(12).toString("hex")}`;
    const integration = await seedIntegration(tenant, { type, name: type === "DATADOG" ? "Datadog prod" : "New Relic prod", config: { webhookSecret } });
    return { ...integration, webhookSecret };
  }

  async function post(hook: Awaited<ReturnType<typeof monitor>>, payload: unknown) {
    const response = await fetch(`${app.url}${hook.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${hook.webhookSecret}` },
      body: JSON.stringify(payload),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  const processed = (id: string) => expect.poll(async () => (await db.webhookEvent.findUniqueOrThrow({ where: { id } })).status, { timeout: 15_000 }).toBe("PROCESSED");
  const logOf = async (id: string) => ((await db.webhookEvent.findUniqueOrThrow({ where: { id } })).log as { message: string }[]).map((entry) => entry.message).at(-1);
  const alertsOf = (integrationId: string) => db.alert.findMany({ where: { sourceIntegrationId: integrationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const alertEvents = (alertId: string) =>
    db.event.findMany({ where: { type: { startsWith: "alert." }, data: { path: ["uuid"], equals: alertId } }, orderBy: { seq: "asc" } }).then((events) => events.map((e) => e.type));

  it("Datadog: Triggered raises an alert, Re-Triggered counts on it, Recovered resolves it, the next Triggered is a new alert", async () => {
    const hook = await monitor("DATADOG");
    const service = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Checkout" } });

    const triggered = await post(hook, datadogNotification("Triggered"));
    await processed(triggered);
    const [alert] = await alertsOf(hook.id);
    expect(alert).toMatchObject({
      dataspaceId: ctx.dataspace.id,
      source: "datadog",
      title: "Host is Down",
      description: "@webhook-url Sending to the webhook",
      severity: "critical", // P1
      status: "triggered",
      fingerprint: "9bd4ac313a4d1e8fae2482df7b77628", // $AGGREG_KEY
      count: 1,
      serviceId: service.id, // the service:checkout tag
      payload: expect.objectContaining({ alert_transition: "Triggered", alert_id: "1234" }),
      links: [{ kind: "source", label: "Datadog event", url: "https://app.datadoghq.com/event/event?id=7425983468963215476" }], // $LINK
    });
    expect(await logOf(triggered)).toBe(`Published datadog.alert; alert ${alert.id} triggered`);
    // The family event is still published, and the catalog event beside it.
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id, type: "datadog.alert", payloadFromId: triggered } })).toBe(1);
    const [event] = await db.event.findMany({ where: { type: "alert.triggered", data: { path: ["uuid"], equals: alert.id } } });
    expect(event).toMatchObject({ actorId: null, data: { source: "datadog", source_integration: hook.id, service: { uuid: service.id, name: "Checkout" }, count: 1, links: alert.links } });

    for (const transition of ["Re-Triggered", "Renotify"] as const) await processed(await post(hook, datadogNotification(transition)));
    const warned = await post(hook, datadogNotification("Warn", { alert_priority: "" }));
    await processed(warned);
    expect(await logOf(warned)).toBe(`Published datadog.alert; alert ${alert.id} repeated (count 4)`);
    expect((await alertsOf(hook.id))[0]).toMatchObject({ id: alert.id, count: 4, severity: "critical", status: "triggered" });
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).payload).toMatchObject({ alert_transition: "Warn" });

    const recovered = await post(hook, datadogNotification("Recovered"));
    await processed(recovered);
    expect(await logOf(recovered)).toBe(`Published datadog.alert; alert ${alert.id} resolved`);
    expect((await alertsOf(hook.id))[0]).toMatchObject({ status: "resolved", openFingerprint: null, count: 4 });

    // A recovery with nothing open is processed, and says so.
    const again = await post(hook, datadogNotification("Recovered"));
    await processed(again);
    expect(await logOf(again)).toBe("Published datadog.alert; no open alert with fingerprint 9bd4ac313a4d1e8fae2482df7b77628 to be resolved");

    await processed(await post(hook, datadogNotification("Triggered")));
    const alerts = await alertsOf(hook.id);
    expect(alerts.map((a) => [a.status, a.count])).toEqual([["resolved", 4], ["triggered", 1]]);
    expect(await alertEvents(alert.id)).toEqual(["alert.triggered", "alert.resolved"]);
    expect(await alertEvents(alerts[1].id)).toEqual(["alert.triggered"]);
    // Nothing reached the other dataspace.
    expect(await db.alert.count({ where: { dataspaceId: other.dataspace.id } })).toBe(0);
  });

  it("Datadog: a notification that is no transition (Null) or names nothing raises nothing; hostile text is kept as PostgreSQL allows", async () => {
    const hook = await monitor("DATADOG");
    const nothing = await post(hook, datadogNotification("Triggered", { alert_transition: "Null", title: "[Null] x", alert_title: "x" }));
    await processed(nothing);
    expect(await logOf(nothing)).toBe("Published datadog.alert");
    const hostile = await post(hook, datadogNotification("Triggered", { aggreg_key: `nul-${randomBytes(4).toString("hex")}`, alert_title: "[Triggered] Disk \u0000 full \ud800" }));
    await processed(hostile);
    const [alert] = await alertsOf(hook.id);
    expect(alert.title).toBe("Disk \ufffd full \ufffd");
    expect((alert.payload as { alert_title: string }).alert_title).toBe("[Triggered] Disk \ufffd full \ufffd");
  });

  it("New Relic: an activated issue raises an alert, acknowledged acknowledges it (by the monitor), closed resolves it", async () => {
    const hook = await monitor("NEW_RELIC");
    const issueId = `issue-${randomBytes(6).toString("hex")}`;
    const activated = await post(hook, newRelicNotification("ACTIVATED", { id: issueId, priority: "HIGH" }));
    await processed(activated);
    const [alert] = await alertsOf(hook.id);
    expect(alert).toMatchObject({
      source: "new_relic",
      fingerprint: issueId,
      severity: "error", // HIGH
      status: "triggered",
      title: "checkout-service query result is > 0.8 for 5 minutes",
      description: expect.stringContaining("Conditions: p95 latency"),
    });

    const acknowledged = await post(hook, newRelicNotification("ACKNOWLEDGED", { id: issueId }));
    await processed(acknowledged);
    expect(await logOf(acknowledged)).toBe(`Published new_relic.incident; alert ${alert.id} acknowledged`);
    const acked = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedById: null });
    expect(acked.acknowledgedAt).toBeInstanceOf(Date);

    // A further notification of the open issue counts on it (still acknowledged).
    await processed(await post(hook, newRelicNotification("ACTIVATED", { id: issueId, priority: "CRITICAL" })));
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ count: 2, severity: "critical", status: "acknowledged" });

    const closed = await post(hook, newRelicNotification("CLOSED", { id: issueId }));
    await processed(closed);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "resolved", openFingerprint: null });
    expect(await alertEvents(alert.id)).toEqual(["alert.triggered", "alert.acknowledged", "alert.resolved"]);
    const [resolvedEvent] = await db.event.findMany({ where: { type: "alert.resolved", data: { path: ["uuid"], equals: alert.id } } });
    expect(resolvedEvent.data).toMatchObject({ status: "resolved", acknowledged_by: null, count: 2 });
  });

  it("applies a whole group at once, with the same result as one by one: repeats folded, recoveries in their place", async () => {
    const hook = await monitor("DATADOG");
    const key = (name: string) => `${name}-${randomBytes(4).toString("hex")}`;
    const [a, b, c] = [key("a"), key("b"), key("c")];
    const sequence: [string, Parameters<typeof datadogNotification>[0]][] = [
      [a, "Triggered"], [b, "Triggered"], [a, "Re-Triggered"], [a, "Renotify"], [b, "Re-Triggered"], [a, "Recovered"],
      [c, "Recovered"], [a, "Triggered"], [b, "Re-Triggered"], [a, "Re-Triggered"], [a, "Recovered"], [a, "Recovered"], [a, "Triggered"],
    ];
    // Stored as the receiver stores them but not queued, so this test is the only run.
    const group = [];
    for (const [fingerprint, transition] of sequence) {
      const payload = datadogNotification(transition, { aggreg_key: fingerprint, alert_title: `[${transition}] Monitor ${fingerprint}` });
      group.push(
        await db.webhookEvent.create({
          data: { dataspaceId: ctx.dataspace.id, integrationId: hook.id, eventType: "query_alert_monitor", providerDeliveryId: payload.id, headers: { "content-type": "application/json" }, body: JSON.stringify(payload), queuedAt: null },
          select: { id: true, dispatch: true },
        }),
      );
    }
    expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: group })).toEqual({ processed: sequence.length, failed: 0, retrying: 0, skipped: 0 });

    const byFingerprint = async (fingerprint: string) =>
      (await db.alert.findMany({ where: { dataspaceId: ctx.dataspace.id, fingerprint }, orderBy: [{ triggeredAt: "asc" }, { id: "asc" }] })).map((x) => [x.status, x.count]);
    expect(await byFingerprint(a)).toEqual([["resolved", 3], ["resolved", 2], ["triggered", 1]]);
    expect(await byFingerprint(b)).toEqual([["triggered", 3]]);
    expect(await byFingerprint(c)).toEqual([]);
    const logs = await Promise.all(group.map((event) => logOf(event.id)));
    expect(logs.map((line) => line?.replace(/alert [0-9a-f-]{36}/, "alert X").replace("Published datadog.alert; ", ""))).toEqual([
      "alert X triggered",
      "alert X triggered",
      "alert X repeated (count 2)",
      "alert X repeated (count 3)",
      "alert X repeated (count 2)",
      "alert X resolved",
      `no open alert with fingerprint ${c} to be resolved`,
      "alert X triggered",
      "alert X repeated (count 3)",
      "alert X repeated (count 2)",
      "alert X resolved",
      "alert X already resolved",
      "alert X triggered",
    ]);
    // The catalog events in delivery order: a's first alert triggered before b's, resolved before a's second triggered.
    const events = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type: { startsWith: "alert." }, data: { path: ["source_integration"], equals: hook.id } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, (e.data as { fingerprint: string; count: number; status: string }).fingerprint])).toEqual([
      ["alert.triggered", a],
      ["alert.triggered", b],
      ["alert.resolved", a],
      ["alert.triggered", a],
      ["alert.resolved", a],
      ["alert.triggered", a],
    ]);
    // Each event shows the alert as its step left it: a new alert's repeats that came in the same
    // group are counted in its alert.triggered (the group commits as one; nobody saw count 1).
    expect(events.map((e) => [(e.data as { status: string }).status, (e.data as { count: number }).count])).toEqual([
      ["triggered", 3], ["triggered", 3], ["resolved", 3], ["triggered", 2], ["resolved", 2], ["triggered", 1],
    ]);
  });

  it("applies deliveries in the order they were received, across the many groups a backlog is dispatched in at once", async () => {
    const hook = await monitor("DATADOG");
    const fingerprint = `flapping-${randomBytes(4).toString("hex")}`;
    // A flapping monitor's notifications, each acknowledged before the next is sent, pile up
    // while the relay is paused; then they are handed over two by two, so the runtime holds
    // twenty groups of one dataspace at once. Applied out of turn, a Recovered would find nothing
    // open and the Triggered after it would count on the old alert.
    const transitions = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ("Triggered" as const) : ("Recovered" as const)));
    await app.pauseRelay();
    const ids = [];
    try {
      for (const transition of transitions) ids.push(await post(hook, datadogNotification(transition, { aggreg_key: fingerprint, alert_title: `[${transition}] Flapping` })));
      expect((await dispatchQueuedWebhookEvents({ send: (events) => runtimePort().send(events), batchSize: 2 })).dispatched).toBeGreaterThan(transitions.length - 5); // a pass already under way may take the first
    } finally {
      app.resumeRelay();
    }
    for (const id of ids) await processed(id);
    const logs = await Promise.all(ids.map(async (id) => (await logOf(id))?.replace(/alert [0-9a-f-]{36}/, "alert X").replace("Published datadog.alert; ", "")));
    expect(logs).toEqual(transitions.map((transition) => (transition === "Triggered" ? "alert X triggered" : "alert X resolved")));
    expect((await alertsOf(hook.id)).map((alert) => [alert.status, alert.count])).toEqual(Array.from({ length: transitions.length / 2 }, () => ["resolved", 1]));
  });
});

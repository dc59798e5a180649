import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { seedDataspace, seedIntegration, seedRequest, seedUser, seedWebhook, tenantFor } from "../../../test/factories";
import { readOverview } from "./overview";
import { readMetric } from "./read-metrics";
import { rollUpMetrics } from "./rollup";

/**
 * Minute buckets computed from the records, against series worked out by hand: deliveries and
 * their latency per endpoint, inbound webhooks, events, alerts, open requests; hours summed from
 * minutes; a watermark that resumes after a crash or an outage with no missing minute.
 */
const MINUTE = 60_000;
type Tenant = Awaited<ReturnType<typeof tenantFor>>;

async function tenant(name: string): Promise<Tenant> {
  const owner = await seedUser();
  return tenantFor(owner.id, (await seedDataspace({ owner, name })).slug);
}

async function attempts(ctx: Tenant, endpointId: string, at: Date, outcomes: { ms: number; ok: boolean }[]) {
  const delivery = await db.webhookDelivery.create({ data: { dataspaceId: ctx.dataspace.id, endpointId, eventType: "request.added", body: "{}", status: "SUCCEEDED", queuedAt: null } });
  await db.webhookAttempt.createMany({
    data: outcomes.map((o, n) => ({ dataspaceId: ctx.dataspace.id, deliveryId: delivery.id, number: n + 1, startedAt: new Date(at.getTime() + n * 100), durationMs: o.ms, url: "https://x.test/", requestHeaders: {}, succeeded: o.ok })),
  });
}

/** Runs the rollup as the runtime does after an outage: chunk after chunk until it is caught up. */
async function catchUp(now: Date): Promise<number> {
  for (let chunks = 1; ; chunks++) if ((await rollUpMetrics(now)).caughtUp) return chunks;
}

describe("metrics rollup", () => {
  // The hour under test starts 3 hours ago, on the hour: its minutes and its hour bucket are whole.
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
  const minute = (n: number, seconds = 0) => new Date(hour + n * MINUTE + seconds * 1000);

  beforeEach(async () => {
    await db.metricWatermark.deleteMany();
    await db.metricBucket.deleteMany();
  });

  it("counts deliveries per endpoint and minute with their latency percentiles, sums hours from minutes, and shows a dataspace only its own", async () => {
    const ctx = await tenant("Metrics team");
    const other = await tenant("Other team");
    const { endpoint: orders } = await seedWebhook(ctx);
    const { endpoint: billing } = await seedWebhook(ctx);
    const { endpoint: theirs } = await seedWebhook(other);
    // Minute 5: orders 10 attempts of 10..100 ms, one failed; billing 2. Minute 7: orders 1 slow failure.
    await attempts(ctx, orders.id, minute(5, 10), Array.from({ length: 10 }, (_, i) => ({ ms: (i + 1) * 10, ok: i !== 9 })));
    await attempts(ctx, billing.id, minute(5, 30), [{ ms: 400, ok: true }, { ms: 500, ok: true }]);
    await attempts(ctx, orders.id, minute(7, 59), [{ ms: 9_000, ok: false }]);
    await attempts(other, theirs.id, minute(5), [{ ms: 1, ok: true }]);

    await catchUp(new Date(hour + 3 * 3_600_000));
    const range = { from: minute(0).toISOString(), to: minute(10).toISOString() };

    const succeeded = await readMetric(ctx, { name: "webhooks.deliveries.succeeded", ...range });
    expect(succeeded.resolution).toBe("minute");
    const byEndpoint = Object.fromEntries(succeeded.series.map((s) => [s.tags.endpoint, s.points.map((p) => p.value)]));
    expect(byEndpoint).toEqual({ [orders.id]: [0, 0, 0, 0, 0, 9, 0, 0, 0, 0], [billing.id]: [0, 0, 0, 0, 0, 2, 0, 0, 0, 0] });

    const failed = await readMetric(ctx, { name: "webhooks.deliveries.failed", ...range, tags: { endpoint: orders.id } });
    expect(failed.series.map((s) => s.points.map((p) => p.value))).toEqual([[0, 0, 0, 0, 0, 1, 0, 1, 0, 0]]);

    const latency = await readMetric(ctx, { name: "webhooks.deliveries.latency_ms", ...range, tags: { endpoint: orders.id } });
    const fifth = latency.series[0].points[5];
    expect(fifth).toMatchObject({ count: 10, value: 55, min: 10, max: 100 });
    expect(fifth.p50).toBeGreaterThanOrEqual(50);
    expect(fifth.p50).toBeLessThan(55);
    expect(fifth.p95).toBe(100); // within the bin's edge, kept to the maximum seen
    expect(latency.series[0].points[6]).toMatchObject({ count: 0, value: null, p50: null });

    // The hour: every minute's attempts added up, the histogram merged.
    const hourly = await readMetric(ctx, { name: "webhooks.deliveries.latency_ms", from: minute(0).toISOString(), to: minute(60).toISOString(), resolution: "hour", group: "total" });
    expect(hourly.series).toHaveLength(1);
    expect(hourly.series[0].points[0]).toMatchObject({ count: 13, min: 10, max: 9_000 });
    expect(hourly.series[0].points[0].value).toBeCloseTo((550 + 900 + 9_000) / 13, 6);
    expect(hourly.series[0].points[0].p99).toBe(9_000);

    // The other dataspace's endpoint is nowhere in this one's series, and its own count is its own.
    expect(JSON.stringify(await readMetric(ctx, { name: "webhooks.deliveries.succeeded", ...range, group: "total" }))).not.toContain(theirs.id);
    expect((await readMetric(other, { name: "webhooks.deliveries.succeeded", ...range, group: "total" })).series[0].points[5].value).toBe(1);
    expect((await readMetric(ctx, { name: "webhooks.deliveries.succeeded", ...range, tags: { endpoint: theirs.id } })).series).toEqual([]);
  });

  it("counts inbound webhooks when received and failures when they failed, events per type and alerts per severity", async () => {
    const ctx = await tenant("Inbound team");
    const github = await seedIntegration(ctx);
    const inbound = (receivedAt: Date, status: "PROCESSED" | "FAILED", processedAt: Date) =>
      db.webhookEvent.create({ data: { dataspaceId: ctx.dataspace.id, integrationId: github.id, eventType: "push", headers: {}, body: "{}", status, receivedAt, processedAt, queuedAt: null } });
    await inbound(minute(2), "PROCESSED", minute(2, 1));
    await inbound(minute(2, 30), "FAILED", minute(4, 5)); // failed two minutes later, after its retries
    await db.event.createMany({
      data: [minute(3), minute(3, 20), minute(8)].map((createdAt, n) => ({ dataspaceId: ctx.dataspace.id, type: n < 2 ? "request.added" : "alert.triggered", data: {}, createdAt, relayedAt: createdAt })),
    });
    await db.alert.createMany({
      data: ["critical", "critical", "warning"].map((severity, n) => ({ dataspaceId: ctx.dataspace.id, source: "api", title: `A${n}`, fingerprint: `f${n}`, severity: severity as "critical" | "warning", createdAt: minute(6) })),
    });
    await catchUp(new Date(hour + 3 * 3_600_000));
    const range = { from: minute(0).toISOString(), to: minute(10).toISOString() };
    const values = async (name: Parameters<typeof readMetric>[1]["name"], tags: Record<string, string> = {}) =>
      (await readMetric(ctx, { name, ...range, tags, group: "total" })).series[0]?.points.map((p) => p.value);

    expect(await values("inbound.received", { integration: github.id })).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
    expect(await values("inbound.failed")).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(await values("events.published", { type: "request.added" })).toEqual([0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
    expect(await values("alerts.triggered", { severity: "critical" })).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 0, 0]);
    expect(await values("alerts.triggered", { severity: "warning" })).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
  });

  it("counts deployments by outcome when they ended, their lead time and incidents' time to resolve, giving the overview incidents over time and its four DORA figures", async () => {
    const ctx = await tenant("Delivery team");
    const deployment = (status: "success" | "failure" | "cancelled" | "queued", finishedAt: Date | null, committedAt: Date | null = null) =>
      db.deployment.create({ data: { dataspaceId: ctx.dataspace.id, environment: "production", status, source: "api", finishedAt, committedAt } });
    // Two of the successes carry their commit time: 10 min and 30 min of lead time; the third does not count.
    await deployment("success", minute(4, 1), minute(-6, 1));
    await deployment("success", minute(4, 2), minute(-26, 2));
    await deployment("success", minute(4, 3));
    await deployment("failure", minute(6));
    await deployment("cancelled", minute(7));
    await deployment("queued", null);
    const incident = (startedAt: Date, resolvedAt: Date) =>
      db.incident.create({ data: { dataspaceId: ctx.dataspace.id, title: "Down", status: "resolved", severity: "major", startedAt, resolvedAt, createdAt: startedAt } });
    await incident(minute(0), minute(5)); // 300 s
    await incident(minute(2), minute(9)); // 420 s
    const now = new Date(hour + 3 * 3_600_000);
    await catchUp(now);

    const range = { from: minute(0).toISOString(), to: minute(10).toISOString() };
    const finished = await readMetric(ctx, { name: "deployments.finished", ...range });
    expect(Object.fromEntries(finished.series.map((s) => [s.tags.status, s.points.map((p) => p.value)]))).toEqual({
      success: [0, 0, 0, 0, 3, 0, 0, 0, 0, 0],
      failure: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
      cancelled: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
    });
    expect(finished.series[0].tags).toMatchObject({ environment: "production" });
    const lead = await readMetric(ctx, { name: "deployments.lead_time_s", ...range, group: "total" });
    expect(lead.series[0].points[4]).toMatchObject({ count: 2, value: 1_200 });

    const overview = await readOverview(ctx, { range: "24h" }, now);
    expect(overview.dora).toEqual({
      deployments: 4,
      deploymentsPerDay: 3,
      changeFailureRate: 0.25,
      incidentsResolved: 2,
      meanTimeToRestoreSeconds: 360,
      deploymentsWithLeadTime: 2,
      meanLeadTimeSeconds: 1_200,
    });
    expect(overview.buckets.reduce((sum, b) => sum + b.deploymentsSucceeded, 0)).toBe(3);
    // Incidents over time: declared in minutes 0 and 2, resolved in minutes 5 and 9.
    const declared = await readMetric(ctx, { name: "incidents.declared", ...range, group: "total" });
    expect(declared.series[0].points.map((p) => p.value)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(overview.buckets.reduce((sum, b) => sum + b.incidentsDeclared, 0)).toBe(2);
    expect(overview.buckets.reduce((sum, b) => sum + b.incidentsResolved, 0)).toBe(2);
  });

  it("resumes from its watermark after a crash or an outage with no missing minute, computing late commits again, and samples open requests as they are", async () => {
    const ctx = await tenant("Resume team");
    const { endpoint } = await seedWebhook(ctx);
    await attempts(ctx, endpoint.id, minute(1), [{ ms: 20, ok: true }]);
    await rollUpMetrics(new Date(hour + 3 * MINUTE)); // computes up to minute 3
    // Committed late into minute 2 (a long transaction), and more during a 13-hour outage.
    await attempts(ctx, endpoint.id, minute(2, 50), [{ ms: 20, ok: true }]);
    for (const n of [30, 300, 700]) await attempts(ctx, endpoint.id, minute(n), [{ ms: 20, ok: true }, { ms: 30, ok: true }]);
    // A crash mid-run: the transaction rolled back, the watermark did not move.
    await expect(
      db.$transaction(async (tx) => {
        await tx.metricWatermark.update({ where: { source: "minutes" }, data: { upTo: new Date(hour + 600 * MINUTE) } });
        throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    await seedRequest(ctx, { title: "Still open" });
    const now = new Date(hour + 13 * 3_600_000 + 30_000);
    expect(await catchUp(now)).toBeGreaterThan(1); // 13 hours of backlog: more than one chunk
    const all = await readMetric(ctx, { name: "webhooks.deliveries.succeeded", from: minute(0).toISOString(), to: minute(780).toISOString(), resolution: "hour", group: "total" });
    expect(all.series[0].points.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(8);
    const minutes = await readMetric(ctx, { name: "webhooks.deliveries.succeeded", from: minute(0).toISOString(), to: minute(4).toISOString(), group: "total" });
    expect(minutes.series[0].points.map((p) => p.value)).toEqual([0, 1, 1, 0]);
    // Running again changes nothing.
    await rollUpMetrics(now);
    expect((await readMetric(ctx, { name: "webhooks.deliveries.succeeded", from: minute(0).toISOString(), to: minute(780).toISOString(), resolution: "hour", group: "total" })).series[0].points.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(8);
    const open = await readMetric(ctx, { name: "requests.open", from: new Date(now.getTime() - 5 * MINUTE).toISOString(), to: now.toISOString() });
    // Sampled into the minute just ended (the one under way has no sample yet), and never into the past.
    expect(open.series[0].points.map((p) => p.value)).toEqual([null, null, null, null, 1, null]);
  });

  it("refuses a range that cannot be read, naming the field", async () => {
    const ctx = await tenant("Refusals team");
    const now = new Date().toISOString();
    await expect(readMetric(ctx, { name: "events.published", from: now, to: now })).rejects.toThrow(/to must be after from/);
    await expect(readMetric(ctx, { name: "events.published", from: "2020-01-01T00:00:00Z", to: now, resolution: "minute" })).rejects.toThrow(/400 days|coarser/);
    await expect(readMetric(ctx, { name: "events.published", from: "2026-12-01T00:00:00Z", to: "2026-12-07T00:00:00Z", resolution: "minute" })).rejects.toThrow(/coarser resolution/);
    await expect(readMetric(ctx, { name: "events.published", from: "yesterday", to: now })).rejects.toThrow(/ISO 8601/);
    await expect(readMetric(ctx, { name: "events.published", from: "2026-12-01T00:00:00Z", to: now, tags: { endpoint: "x" } })).rejects.toThrow(/has the tags type/);
    await expect(readMetric(ctx, { name: "nope" as never, from: "2026-12-01T00:00:00Z", to: now })).rejects.toThrow(/no such metric/);
  });
});

import { z } from "zod";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { readMetric } from "./read-metrics";

/**
 * The dataspace overview's charts in one read: delivery volume and latency, inbound volume,
 * events, alerts by severity, incidents declared and resolved, deployments, open requests, and
 * the DORA figures, over one of the ranges the page offers.
 */
export const OVERVIEW_RANGES = { "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type OverviewRange = keyof typeof OVERVIEW_RANGES;

export const overviewInput = z.object({ range: z.enum(Object.keys(OVERVIEW_RANGES) as [OverviewRange, ...OverviewRange[]]).default("24h") });

export async function readOverview(ctx: TenantContext, input: z.input<typeof overviewInput>, now = new Date()) {
  const { range } = overviewInput.parse(input);
  const span = { from: new Date(now.getTime() - OVERVIEW_RANGES[range]).toISOString(), to: now.toISOString() };
  const total = { ...span, group: "total" as const };
  const [succeeded, failed, latency, received, inboundFailed, events, alerts, openRequests, deployed, deployFailed, restored, leadTime, declared] = await Promise.all([
    readMetric(ctx, { name: "webhooks.deliveries.succeeded", ...total }),
    readMetric(ctx, { name: "webhooks.deliveries.failed", ...total }),
    readMetric(ctx, { name: "webhooks.deliveries.latency_ms", ...total }),
    readMetric(ctx, { name: "inbound.received", ...total }),
    readMetric(ctx, { name: "inbound.failed", ...total }),
    readMetric(ctx, { name: "events.published", ...total }),
    readMetric(ctx, { name: "alerts.triggered", ...span }),
    readMetric(ctx, { name: "requests.open", ...total }),
    readMetric(ctx, { name: "deployments.finished", ...total, tags: { status: "success" } }),
    readMetric(ctx, { name: "deployments.finished", ...total, tags: { status: "failure" } }),
    readMetric(ctx, { name: "incidents.time_to_resolve_s", ...total }),
    readMetric(ctx, { name: "deployments.lead_time_s", ...total }),
    readMetric(ctx, { name: "incidents.declared", ...total }),
  ]);
  const points = (read: Awaited<ReturnType<typeof readMetric>>) => read.series[0]?.points ?? [];
  const times = points(succeeded).map((p) => p.at);
  const at = (read: Awaited<ReturnType<typeof readMetric>>) => new Map(points(read).map((p) => [p.at, p]));
  const [ok, bad, slow, inbound, inboundBad, published, open, shipped, broke, opened, closed] = [succeeded, failed, latency, received, inboundFailed, events, openRequests, deployed, deployFailed, declared, restored].map(at);
  const bySeverity = alerts.series.map((series) => ({ severity: series.tags.severity, points: new Map(series.points.map((p) => [p.at, p.value ?? 0])) }));
  return {
    range,
    resolution: succeeded.resolution,
    // Every metric over the same buckets: one row per bucket, ready to plot.
    buckets: (times.length ? times : points(openRequests).map((p) => p.at)).map((time) => ({
      at: time,
      deliveriesSucceeded: ok.get(time)?.value ?? 0,
      deliveriesFailed: bad.get(time)?.value ?? 0,
      latencyP50: slow.get(time)?.p50 ?? null,
      latencyP95: slow.get(time)?.p95 ?? null,
      inboundReceived: inbound.get(time)?.value ?? 0,
      inboundFailed: inboundBad.get(time)?.value ?? 0,
      eventsPublished: published.get(time)?.value ?? 0,
      alerts: Object.fromEntries(bySeverity.map((s) => [s.severity, s.points.get(time) ?? 0])),
      openRequests: open.get(time)?.value ?? null,
      deploymentsSucceeded: shipped.get(time)?.value ?? 0,
      deploymentsFailed: broke.get(time)?.value ?? 0,
      incidentsDeclared: opened.get(time)?.value ?? 0,
      incidentsResolved: closed.get(time)?.count ?? 0,
    })),
    severities: bySeverity.map((s) => s.severity),
    dora: dora(points(deployed), points(deployFailed), points(restored), points(leadTime), OVERVIEW_RANGES[range]),
  };
}
export type Overview = Awaited<ReturnType<typeof readOverview>>;

type Points = Awaited<ReturnType<typeof readMetric>>["series"][number]["points"];
/** A counter's points added up. */
const total = (points: Points) => points.reduce((sum, p) => sum + (p.value ?? 0), 0);

/** A latency's points as one mean over the range (each bucket's mean weighted by its count), and how many it covers. */
function mean(points: Points) {
  const count = points.reduce((sum, p) => sum + p.count, 0);
  return { count, mean: count === 0 ? null : points.reduce((sum, p) => sum + (p.value ?? 0) * p.count, 0) / count };
}

/**
 * DORA's four figures over the range, where the data exists: deployment frequency (a day), change
 * failure rate, mean time to restore, and mean lead time for changes (over the successful
 * deployments that carry a commit time: pushes, and API calls that send `committed_date`).
 */
function dora(succeeded: Points, failed: Points, restored: Points, leadTime: Points, spanMs: number) {
  const ok = total(succeeded);
  const bad = total(failed);
  const restore = mean(restored);
  const lead = mean(leadTime);
  return {
    deployments: ok + bad,
    deploymentsPerDay: (ok / spanMs) * 86_400_000,
    changeFailureRate: ok + bad === 0 ? null : bad / (ok + bad),
    incidentsResolved: restore.count,
    meanTimeToRestoreSeconds: restore.mean,
    deploymentsWithLeadTime: lead.count,
    meanLeadTimeSeconds: lead.mean,
  };
}

import { z } from "zod";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { readMetric } from "./read-metrics";

/**
 * The dataspace overview's charts in one read: delivery volume and latency, inbound volume,
 * events, alerts by severity and open requests, over one of the ranges the page offers.
 */
export const OVERVIEW_RANGES = { "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type OverviewRange = keyof typeof OVERVIEW_RANGES;

export const overviewInput = z.object({ range: z.enum(Object.keys(OVERVIEW_RANGES) as [OverviewRange, ...OverviewRange[]]).default("24h") });

export async function readOverview(ctx: TenantContext, input: z.input<typeof overviewInput>, now = new Date()) {
  const { range } = overviewInput.parse(input);
  const span = { from: new Date(now.getTime() - OVERVIEW_RANGES[range]).toISOString(), to: now.toISOString() };
  const total = { ...span, group: "total" as const };
  const [succeeded, failed, latency, received, inboundFailed, events, alerts, openRequests] = await Promise.all([
    readMetric(ctx, { name: "webhooks.deliveries.succeeded", ...total }),
    readMetric(ctx, { name: "webhooks.deliveries.failed", ...total }),
    readMetric(ctx, { name: "webhooks.deliveries.latency_ms", ...total }),
    readMetric(ctx, { name: "inbound.received", ...total }),
    readMetric(ctx, { name: "inbound.failed", ...total }),
    readMetric(ctx, { name: "events.published", ...total }),
    readMetric(ctx, { name: "alerts.triggered", ...span }),
    readMetric(ctx, { name: "requests.open", ...total }),
  ]);
  const points = (read: Awaited<ReturnType<typeof readMetric>>) => read.series[0]?.points ?? [];
  const times = points(succeeded).map((p) => p.at);
  const at = (read: Awaited<ReturnType<typeof readMetric>>) => new Map(points(read).map((p) => [p.at, p]));
  const [ok, bad, slow, inbound, inboundBad, published, open] = [succeeded, failed, latency, received, inboundFailed, events, openRequests].map(at);
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
    })),
    severities: bySeverity.map((s) => s.severity),
  };
}
export type Overview = Awaited<ReturnType<typeof readOverview>>;

import { z } from "zod";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { METRIC_NAMES, type MetricDefinition } from "./catalog";
import { metricDefinition } from "./definitions";
import { mergeHistograms, quantileOf, type Histogram } from "./histogram";

/**
 * A metric's series over a time range, for the dashboard's charts and `GET /api/v1/metrics/{name}`.
 * The resolution follows the range unless asked for (minutes up to 6 hours, hours up to 14 days,
 * then days); buckets without observations are points of zero for counters and null otherwise, so
 * a chart's line is whole. `group: "total"` adds the series up (all endpoints' latencies, say).
 */
const RESOLUTIONS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type Resolution = keyof typeof RESOLUTIONS;
const MAX_POINTS = 1_500;
const MAX_RANGE_DAYS = 400;

export const readMetricInput = z
  .object({
    name: z.string().min(1, "name is required").max(200, "no such metric"),
    from: z.coerce.date({ error: "from must be an ISO 8601 time" }),
    to: z.coerce.date({ error: "to must be an ISO 8601 time" }),
    resolution: z.enum(["minute", "hour", "day"]).optional(),
    group: z.enum(["series", "total"]).default("series"),
    tags: z.record(z.string(), z.string().max(200)).default({}),
  })
  .superRefine((input, ctx) => {
    const span = input.to.getTime() - input.from.getTime();
    if (!(span > 0)) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (span > MAX_RANGE_DAYS * RESOLUTIONS.day) ctx.addIssue({ code: "custom", path: ["from"], message: `a range spans at most ${MAX_RANGE_DAYS} days` });
    else if (input.resolution && span / RESOLUTIONS[input.resolution] > MAX_POINTS) {
      ctx.addIssue({ code: "custom", path: ["resolution"], message: `${input.resolution} buckets over this range would be more than ${MAX_POINTS} points; choose a coarser resolution or a shorter range` });
    }
  });
export type ReadMetricInput = z.input<typeof readMetricInput>;

export type MetricPoint = { at: string; count: number; value: number | null; min: number | null; max: number | null; p50?: number | null; p95?: number | null; p99?: number | null };
export type MetricSeries = { tags: Record<string, string>; points: MetricPoint[] };

export function resolutionFor(from: Date, to: Date): Resolution {
  const span = to.getTime() - from.getTime();
  return span <= 6 * RESOLUTIONS.hour ? "minute" : span <= 14 * RESOLUTIONS.day ? "hour" : "day";
}

type Accumulated = { count: number; sum: number; min: number | null; max: number | null; histogram: Histogram | null };

export async function readMetric(ctx: TenantContext, raw: ReadMetricInput) {
  // An unknown metric is not there (404 through REST, NOT_FOUND through tRPC), not a bad range.
  const definition = await metricDefinition(ctx.db, String(raw.name).slice(0, 200));
  if (!definition) throw new AppError("NOT_FOUND", `no such metric ${JSON.stringify(String(raw.name).slice(0, 100))}; the metrics are ${METRIC_NAMES.join(", ")} and the dataspace's custom.<name> mappings`);
  const input = readMetricInput.parse(raw);
  for (const tag of Object.keys(input.tags)) {
    if (!definition.tags.includes(tag)) {
      const known = definition.tags.length ? `${input.name} has the tags ${definition.tags.join(", ")}` : `${input.name} has no tags`;
      throw new AppError("UNPROCESSABLE", `tags.${tag}: ${known}`, { fieldErrors: { [`tags.${tag}`]: [known] } });
    }
  }
  const resolution = input.resolution ?? resolutionFor(input.from, input.to);
  const step = RESOLUTIONS[resolution];
  const start = Math.floor(input.from.getTime() / step) * step;
  const end = input.to.getTime();
  const rows = await ctx.db.metricBucket.findMany({
    where: {
      name: input.name,
      resolution,
      at: { gte: new Date(start), lt: new Date(end) },
      AND: Object.entries(input.tags).map(([tag, value]) => ({ tags: { path: [tag], equals: value } })),
    },
    select: { series: true, at: true, count: true, sum: true, min: true, max: true, histogram: true, tags: true },
  });
  const bySeries = new Map<string, { tags: Record<string, string>; buckets: Map<number, Accumulated> }>();
  for (const row of rows) {
    const key = input.group === "total" ? "" : row.series;
    const series = bySeries.get(key) ?? { tags: input.group === "total" ? { ...input.tags } : (row.tags as Record<string, string>), buckets: new Map() };
    bySeries.set(key, series);
    const at = row.at.getTime();
    const held = series.buckets.get(at);
    const histogram = row.histogram as Histogram | null;
    series.buckets.set(at, {
      count: (held?.count ?? 0) + Number(row.count),
      sum: (held?.sum ?? 0) + row.sum,
      min: least(held?.min ?? null, row.min),
      max: most(held?.max ?? null, row.max),
      histogram: histogram || held?.histogram ? mergeHistograms([held?.histogram, histogram]) : null,
    });
  }
  const series: MetricSeries[] = [...bySeries.values()]
    .map(({ tags, buckets }) => ({ tags, points: densePoints(buckets, start, end, step, definition.kind) }))
    .sort((a, b) => JSON.stringify(a.tags).localeCompare(JSON.stringify(b.tags)));
  return { name: input.name, description: definition.description, unit: definition.unit, kind: definition.kind, resolution, from: new Date(start).toISOString(), to: input.to.toISOString(), series };
}

const least = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const most = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

function densePoints(buckets: Map<number, Accumulated>, start: number, end: number, step: number, kind: MetricDefinition["kind"]): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let at = start; at < end; at += step) {
    const bucket = buckets.get(at);
    const base = { at: new Date(at).toISOString(), count: bucket?.count ?? 0, min: bucket?.min ?? null, max: bucket?.max ?? null };
    if (kind === "counter") {
      points.push({ ...base, value: bucket?.sum ?? 0 });
      continue;
    }
    // A gauge's value is its mean over the bucket; a latency's, its mean with its percentiles.
    const value = bucket && bucket.count > 0 ? bucket.sum / bucket.count : null;
    if (kind === "gauge") {
      points.push({ ...base, value });
      continue;
    }
    const bounds = { min: base.min, max: base.max };
    const quantile = (q: number) => (bucket?.histogram ? quantileOf(bucket.histogram, q, bounds) : null);
    points.push({ ...base, value, p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) });
  }
  return points;
}

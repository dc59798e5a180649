import type { TenantDb } from "@/server/dataspaces/tenant-context";
import type { MetricDefinition } from "@/server/metrics/catalog";
import { quantileOf, type Histogram } from "@/server/metrics/histogram";
import type { MetricPoint } from "./sink";
import type { TelemetrySettings } from "./settings";

/** A minute bucket as the rollup stored it (src/server/metrics/rollup.ts). */
export type MinuteBucket = {
  name: string;
  at: Date;
  count: bigint | number;
  sum: number;
  min: number | null;
  max: number | null;
  histogram: unknown;
  tags: unknown;
};

/** The minute buckets of `names` in [from, to), oldest first; the scoped client keeps them to the dataspace. */
export async function readMinuteBuckets(tdb: TenantDb, names: string[], from: Date, to: Date): Promise<MinuteBucket[]> {
  if (names.length === 0) return [];
  return tdb.metricBucket.findMany({
    where: { name: { in: names }, resolution: "minute", at: { gte: from, lt: to } },
    select: { name: true, at: true, count: true, sum: true, min: true, max: true, histogram: true, tags: true },
    orderBy: [{ at: "asc" }, { name: "asc" }, { series: "asc" }],
  });
}

/**
 * Buckets as the points a provider sends: a counter's minute is a count (its sum: 1 per
 * observation), a gauge's its value, a latency's a summary with its percentiles. Names get the
 * integration's prefix and tag keys its tag prefix; its own tags follow.
 */
export function pointsOf(
  buckets: MinuteBucket[],
  settings: Pick<TelemetrySettings, "metricPrefix" | "tagPrefix" | "tags">,
  definitions: ReadonlyMap<string, Pick<MetricDefinition, "kind">>,
): MetricPoint[] {
  const extra = settings.tags.map((tag) => {
    const colon = tag.indexOf(":");
    return [tag.slice(0, colon), tag.slice(colon + 1)] as [string, string];
  });
  const points: MetricPoint[] = [];
  for (const bucket of buckets) {
    const definition = definitions.get(bucket.name);
    if (!definition) continue;
    const ownTags = Object.entries(isRecord(bucket.tags) ? bucket.tags : {}).map(([key, value]) => [`${settings.tagPrefix}${key}`, String(value)] as [string, string]);
    const base = { name: `${settings.metricPrefix}${bucket.name}`, at: bucket.at, tags: [...ownTags, ...extra] };
    const count = Number(bucket.count);
    if (definition.kind === "counter") points.push({ ...base, kind: "count", value: bucket.sum });
    else if (definition.kind === "gauge") points.push({ ...base, kind: "gauge", value: count > 0 ? bucket.sum / count : 0 });
    else {
      if (count === 0) continue;
      const histogram = (isRecord(bucket.histogram) ? bucket.histogram : {}) as Histogram;
      const bounds = { min: bucket.min, max: bucket.max };
      const quantile = (q: number) => quantileOf(histogram, q, bounds) ?? bucket.sum / count;
      points.push({
        ...base,
        kind: "summary",
        count,
        sum: bucket.sum,
        min: bucket.min ?? bucket.sum / count,
        max: bucket.max ?? bucket.sum / count,
        p50: quantile(0.5),
        p95: quantile(0.95),
        p99: quantile(0.99),
      });
    }
  }
  return points;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

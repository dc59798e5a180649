import { batchByJsonSize } from "@/server/http/json-batches";
import type { MetricPoint } from "@/server/telemetry/sink";

/**
 * Metric points as the Metric API's payload (`POST /metric/v1`): a count over its minute
 * (`interval.ms` 60 000), a gauge, and a latency minute as a summary (count, sum, min, max) with
 * its percentiles as gauges `.p50`, `.p95`, `.p99`. Timestamps in ms. New Relic stores every
 * point it is sent, so the domain sends a minute only once it is final (src/server/telemetry).
 */
export type NewRelicMetric = {
  name: string;
  type: "count" | "gauge" | "summary";
  value: number | { count: number; sum: number; min: number; max: number };
  timestamp: number;
  "interval.ms"?: number;
  attributes: Record<string, string>;
};

const INTERVAL_MS = 60_000;

export function toNewRelicMetrics(points: MetricPoint[]): NewRelicMetric[] {
  const metrics: NewRelicMetric[] = [];
  for (const point of points) {
    const attributes = Object.fromEntries(point.tags);
    const timestamp = point.at.getTime();
    if (point.kind === "count") metrics.push({ name: point.name, type: "count", value: point.value, timestamp, "interval.ms": INTERVAL_MS, attributes });
    else if (point.kind === "gauge") metrics.push({ name: point.name, type: "gauge", value: point.value, timestamp, attributes });
    else {
      metrics.push({ name: point.name, type: "summary", value: { count: point.count, sum: point.sum, min: point.min, max: point.max }, timestamp, "interval.ms": INTERVAL_MS, attributes });
      for (const q of ["p50", "p95", "p99"] as const) metrics.push({ name: `${point.name}.${q}`, type: "gauge", value: point[q], timestamp, attributes });
    }
  }
  return metrics;
}

/** The Metric API takes payloads up to 1 MB (10^6 bytes): cut at 900 000 bytes of JSON, so even uncompressed they fit. */
export const MAX_PAYLOAD_JSON_BYTES = 900_000;

export function batchMetrics(items: NewRelicMetric[], maxBytes = MAX_PAYLOAD_JSON_BYTES): NewRelicMetric[][] {
  return batchByJsonSize(items, maxBytes);
}

import { batchByJsonSize } from "@/server/http/json-batches";
import type { MetricPoint } from "@/server/telemetry/sink";

/**
 * Metric points as Datadog's v2 series (`POST /api/v2/series`, MetricPayload): one series per
 * metric and tag set, its points by timestamp in seconds. A count is a COUNT over the minute
 * (`type` 1, `interval` 60), a gauge a GAUGE (3); a latency minute becomes `.count`, `.avg`,
 * `.max`, `.p50`, `.p95` and `.p99`. Datadog keeps one value per series and timestamp, so a
 * minute sent again replaces itself.
 */
export type DatadogSeries = { metric: string; type: 1 | 3; interval?: number; points: { timestamp: number; value: number }[]; tags: string[] };

const COUNT = 1;
const GAUGE = 3;

export function toDatadogSeries(points: MetricPoint[]): DatadogSeries[] {
  const byKey = new Map<string, DatadogSeries>();
  const add = (metric: string, type: 1 | 3, tags: string[], timestamp: number, value: number) => {
    if (!Number.isFinite(value)) return;
    const key = `${metric}|${type}|${tags.join(",")}`;
    let series = byKey.get(key);
    if (!series) {
      series = { metric, type, ...(type === COUNT ? { interval: 60 } : {}), points: [], tags };
      byKey.set(key, series);
    }
    series.points.push({ timestamp, value });
  };
  for (const point of points) {
    const tags = point.tags.map(([key, value]) => `${key}:${value}`);
    const timestamp = Math.floor(point.at.getTime() / 1000);
    if (point.kind === "count") add(point.name, COUNT, tags, timestamp, point.value);
    else if (point.kind === "gauge") add(point.name, GAUGE, tags, timestamp, point.value);
    else {
      add(`${point.name}.count`, COUNT, tags, timestamp, point.count);
      add(`${point.name}.avg`, GAUGE, tags, timestamp, point.sum / point.count);
      add(`${point.name}.max`, GAUGE, tags, timestamp, point.max);
      add(`${point.name}.p50`, GAUGE, tags, timestamp, point.p50);
      add(`${point.name}.p95`, GAUGE, tags, timestamp, point.p95);
      add(`${point.name}.p99`, GAUGE, tags, timestamp, point.p99);
    }
  }
  return [...byKey.values()];
}

/**
 * Series in payloads that stay inside Datadog's limits (512 000 bytes compressed, 5 242 880
 * decompressed): cut at 2 MB of JSON, which compresses far below the first.
 */
export const MAX_PAYLOAD_JSON_BYTES = 2_000_000;

export function batchSeries(items: DatadogSeries[], maxBytes = MAX_PAYLOAD_JSON_BYTES): DatadogSeries[][] {
  return batchByJsonSize(items, maxBytes);
}

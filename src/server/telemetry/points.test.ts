import { describe, expect, it } from "vitest";
import { toDatadogSeries } from "@/server/integrations/datadog/outbound/series";
import { toNewRelicMetrics } from "@/server/integrations/new-relic/outbound/metrics";
import { metricCatalog, type MetricDefinition } from "@/server/metrics/catalog";
import { binOf } from "@/server/metrics/histogram";
import { pointsOf, type MinuteBucket } from "./points";

const at = new Date("2026-12-07T10:00:00.000Z");
const settings = { metricPrefix: "sb.", tagPrefix: "x_", tags: ["env:prod"] };
const catalog = new Map(Object.entries(metricCatalog as Record<string, MetricDefinition>));

function latencyBucket(values: number[]): MinuteBucket {
  const histogram: Record<string, number> = {};
  for (const value of values) histogram[binOf(value)] = (histogram[binOf(value)] ?? 0) + 1;
  return { name: "webhooks.deliveries.latency_ms", at, count: BigInt(values.length), sum: values.reduce((a, b) => a + b, 0), min: Math.min(...values), max: Math.max(...values), histogram, tags: { endpoint: "e1" } };
}

describe("minute buckets as the points forwarded", () => {
  it("a counter is a count, a gauge its mean, a latency a summary with percentiles within 10 %", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms
    const points = pointsOf(
      [
        { name: "webhooks.deliveries.failed", at, count: 3n, sum: 3, min: 1, max: 1, histogram: null, tags: { endpoint: "e1" } },
        { name: "requests.open", at, count: 1n, sum: 42, min: 42, max: 42, histogram: null, tags: {} },
        latencyBucket(values),
        { name: "no.such.metric", at, count: 1n, sum: 1, min: 1, max: 1, histogram: null, tags: {} },
      ],
      settings,
      catalog,
    );
    expect(points).toHaveLength(3);
    expect(points[0]).toEqual({ name: "sb.webhooks.deliveries.failed", at, tags: [["x_endpoint", "e1"], ["env", "prod"]], kind: "count", value: 3 });
    expect(points[1]).toMatchObject({ name: "sb.requests.open", kind: "gauge", value: 42, tags: [["env", "prod"]] });
    const summary = points[2] as Extract<(typeof points)[number], { kind: "summary" }>;
    expect(summary).toMatchObject({ kind: "summary", count: 100, sum: 5050, min: 1, max: 100 });
    expect(summary.p50 / 50).toBeGreaterThan(0.9);
    expect(summary.p50 / 50).toBeLessThan(1.1);
    expect(summary.p95 / 95).toBeGreaterThan(0.9);
    expect(summary.p99).toBeLessThanOrEqual(100);
  });

  it("Datadog gets one series per metric and tag set, counts over 60 s, latency as six series", () => {
    const points = pointsOf(
      [
        { name: "webhooks.deliveries.failed", at, count: 3n, sum: 3, min: 1, max: 1, histogram: null, tags: { endpoint: "e1" } },
        { name: "webhooks.deliveries.failed", at: new Date(at.getTime() + 60_000), count: 1n, sum: 1, min: 1, max: 1, histogram: null, tags: { endpoint: "e1" } },
        { name: "webhooks.deliveries.failed", at, count: 2n, sum: 2, min: 1, max: 1, histogram: null, tags: { endpoint: "e2" } },
        latencyBucket([10, 20]),
      ],
      settings,
      catalog,
    );
    const series = toDatadogSeries(points);
    expect(series.slice(0, 2)).toEqual([
      { metric: "sb.webhooks.deliveries.failed", type: 1, interval: 60, tags: ["x_endpoint:e1", "env:prod"], points: [{ timestamp: at.getTime() / 1000, value: 3 }, { timestamp: at.getTime() / 1000 + 60, value: 1 }] },
      { metric: "sb.webhooks.deliveries.failed", type: 1, interval: 60, tags: ["x_endpoint:e2", "env:prod"], points: [{ timestamp: at.getTime() / 1000, value: 2 }] },
    ]);
    expect(series.slice(2).map((s) => [s.metric, s.type])).toEqual([
      ["sb.webhooks.deliveries.latency_ms.count", 1],
      ["sb.webhooks.deliveries.latency_ms.avg", 3],
      ["sb.webhooks.deliveries.latency_ms.max", 3],
      ["sb.webhooks.deliveries.latency_ms.p50", 3],
      ["sb.webhooks.deliveries.latency_ms.p95", 3],
      ["sb.webhooks.deliveries.latency_ms.p99", 3],
    ]);
  });

  it("New Relic gets counts with their interval, a summary and its percentiles as gauges, in ms", () => {
    const metrics = toNewRelicMetrics(pointsOf([latencyBucket([10, 20])], settings, catalog));
    expect(metrics[0]).toEqual({ name: "sb.webhooks.deliveries.latency_ms", type: "summary", value: { count: 2, sum: 30, min: 10, max: 20 }, timestamp: at.getTime(), "interval.ms": 60_000, attributes: { x_endpoint: "e1", env: "prod" } });
    expect(metrics.slice(1).map((m) => [m.name, m.type])).toEqual([
      ["sb.webhooks.deliveries.latency_ms.p50", "gauge"],
      ["sb.webhooks.deliveries.latency_ms.p95", "gauge"],
      ["sb.webhooks.deliveries.latency_ms.p99", "gauge"],
    ]);
  });
});

import { z } from "zod";
import { metricCatalog, METRIC_NAMES, type MetricDefinition } from "@/server/metrics/catalog";
import { listMetricDefinitions } from "@/server/metrics/definitions";
import { readMetric, readMetricInput } from "@/server/metrics/read-metrics";
import { defineRoute } from "../route";

const TAGS = [...new Set(METRIC_NAMES.flatMap((name) => (metricCatalog[name] as MetricDefinition).tags))];

const metricDefinition = z.object({
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  kind: z.enum(["counter", "latency", "gauge"]).describe("counter: a count per bucket; latency: mean and p50/p95/p99 per bucket; gauge: the mean of its samples"),
  tags: z.array(z.string()).describe("What its series are split by"),
});

const point = z.object({
  at: z.string().describe("The bucket's start (UTC)"),
  count: z.number().describe("Observations in the bucket (samples for a gauge)"),
  value: z.number().nullable().describe("A counter's count, a latency's or a gauge's mean; null for a bucket without observations"),
  min: z.number().nullable(),
  max: z.number().nullable(),
  p50: z.number().nullable().optional().describe("Latencies only, within 10 %"),
  p95: z.number().nullable().optional(),
  p99: z.number().nullable().optional(),
});

const metricSeries = z
  .object({
    name: z.string(),
    description: z.string(),
    unit: z.string(),
    kind: z.enum(["counter", "latency", "gauge"]),
    resolution: z.enum(["minute", "hour", "day"]),
    from: z.string().describe("The first bucket's start"),
    to: z.string(),
    series: z.array(z.object({ tags: z.record(z.string(), z.string()), points: z.array(point) })),
  })
  .meta({ id: "MetricSeries" });

const query = z.object({
  from: z.string().meta({ description: "ISO 8601; the first bucket is the one holding it" }),
  to: z.string().optional().meta({ description: "ISO 8601, exclusive; now when left out" }),
  resolution: readMetricInput.shape.resolution.meta({ description: "Bucket size; by default minutes up to 6 hours, hours up to 14 days, then days. At most 1 500 points" }),
  group: z.enum(["series", "total"]).optional().meta({ description: "`series` (default): one series per tag value (per endpoint, …); `total`: added up" }),
  ...Object.fromEntries(TAGS.map((tag) => [tag, z.string().max(200).optional().meta({ description: `Only the series whose ${tag} is this` })])),
  tags: z
    .string()
    .max(2_000)
    .regex(/^[a-z][a-z0-9_]*:[^,]*(,[a-z][a-z0-9_]*:[^,]*)*$/, "tags must be like repo:acme/api,branch:main")
    .optional()
    .meta({ description: "Any metric's tags, custom metrics' included, as `tag:value` pairs separated by commas: only the series that have them all" }),
});

export const metricRoutes = [
  defineRoute({
    method: "GET",
    path: "/metrics",
    operationId: "listMetrics",
    tag: "Metrics",
    summary: "List the metrics",
    description: "Every metric the dataspace has — the built-in ones, then its custom metrics (`custom.<name>`, from its metric mappings) — with its unit, kind and tags. Buckets are computed from the records every minute, so the last minute shows within about a minute.",
    scope: { resource: "metrics", level: "read" },
    kind: "object",
    response: z.object({ metrics: z.array(metricDefinition) }).meta({ id: "MetricCatalog" }),
    errors: [],
    handle: async ({ tenant }) => ({ metrics: (await listMetricDefinitions(tenant)).map(({ name, description, unit, kind, tags }) => ({ name, description, unit, kind, tags })) }),
  }),
  defineRoute({
    method: "GET",
    path: "/metrics/{name}",
    operationId: "getMetric",
    tag: "Metrics",
    summary: "Read a metric's series",
    description: "A metric's buckets over a time range, one series per tag value unless `group=total`; buckets without observations are zero for counters and null otherwise.",
    scope: { resource: "metrics", level: "read" },
    kind: "object",
    params: z.object({ name: z.string().meta({ description: `One of ${METRIC_NAMES.join(", ")}, or a custom metric: custom.<name> of a metric mapping` }) }),
    query,
    response: metricSeries,
    errors: [404, 422],
    handle: async ({ tenant, params, query: q }) => {
      const given = q as Record<string, unknown>;
      const pairs = (q.tags ? q.tags.split(",") : []).map((pair) => [pair.slice(0, pair.indexOf(":")), pair.slice(pair.indexOf(":") + 1)]);
      const tags = Object.fromEntries([...pairs, ...TAGS.flatMap((tag) => (typeof given[tag] === "string" ? [[tag, given[tag] as string]] : []))]);
      return readMetric(tenant, { name: params.name as never, from: q.from as never, to: (q.to ?? new Date().toISOString()) as never, resolution: q.resolution, group: q.group, tags });
    },
  }),
];

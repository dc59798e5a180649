/**
 * The metrics Switchboard keeps for every dataspace, each computed from the records themselves by
 * the rollup (rollup.ts) — nothing is counted on the hot path of a delivery or an inbound webhook.
 *
 * `source`: one row per observation in the window [$1, $2), with its dataspace, the series' tags
 * (`series` as one canonical string, `tags` as an object) and `value` (1 for a counter, the
 * latency in ms for a latency). A gauge is sampled by each rollup instead (rollup.ts).
 */
export type MetricKind = "counter" | "latency" | "gauge";
export type MetricDefinition = { description: string; unit: string; kind: MetricKind; tags: string[]; source?: string };

const ATTEMPTS = `FROM "WebhookAttempt" a JOIN "WebhookDelivery" d ON d.id = a."deliveryId" AND d."dataspaceId" = a."dataspaceId"
  WHERE a."startedAt" >= $1 AND a."startedAt" < $2 AND NOT d."isTest"`;
const byEndpoint = `'endpoint=' || d."endpointId" AS series, jsonb_build_object('endpoint', d."endpointId") AS tags, date_trunc('minute', a."startedAt", 'UTC') AS at`;
const byIntegration = (column: string) =>
  `'integration=' || w."integrationId" AS series, jsonb_build_object('integration', w."integrationId") AS tags, date_trunc('minute', w."${column}", 'UTC') AS at`;

export const metricCatalog = {
  "webhooks.deliveries.succeeded": {
    description: "Outgoing webhook attempts the endpoint accepted (2xx), per endpoint",
    unit: "attempts",
    kind: "counter",
    tags: ["endpoint"],
    source: `SELECT a."dataspaceId", ${byEndpoint}, 1::float8 AS value ${ATTEMPTS} AND a.succeeded`,
  },
  "webhooks.deliveries.failed": {
    description: "Outgoing webhook attempts that failed (an error status, a timeout, a refused connection), per endpoint",
    unit: "attempts",
    kind: "counter",
    tags: ["endpoint"],
    source: `SELECT a."dataspaceId", ${byEndpoint}, 1::float8 AS value ${ATTEMPTS} AND NOT a.succeeded`,
  },
  "webhooks.deliveries.latency_ms": {
    description: "How long outgoing webhook attempts took, from connecting to the end of the answer, per endpoint",
    unit: "ms",
    kind: "latency",
    tags: ["endpoint"],
    source: `SELECT a."dataspaceId", ${byEndpoint}, a."durationMs"::float8 AS value ${ATTEMPTS}`,
  },
  "inbound.received": {
    description: "Webhooks received from other tools (verified and stored), per integration",
    unit: "webhooks",
    kind: "counter",
    tags: ["integration"],
    source: `SELECT w."dataspaceId", ${byIntegration("receivedAt")}, 1::float8 AS value FROM "WebhookEvent" w WHERE w."receivedAt" >= $1 AND w."receivedAt" < $2`,
  },
  "inbound.failed": {
    description: "Received webhooks whose processing failed for good, per integration, when it failed",
    unit: "webhooks",
    kind: "counter",
    tags: ["integration"],
    source: `SELECT w."dataspaceId", ${byIntegration("processedAt")}, 1::float8 AS value FROM "WebhookEvent" w
      WHERE w."processedAt" >= $1 AND w."processedAt" < $2 AND w.status = 'FAILED'`,
  },
  "events.published": {
    description: "Domain events published, per event type",
    unit: "events",
    kind: "counter",
    tags: ["type"],
    source: `SELECT e."dataspaceId", 'type=' || e.type AS series, jsonb_build_object('type', e.type) AS tags, date_trunc('minute', e."createdAt", 'UTC') AS at, 1::float8 AS value
      FROM "Event" e WHERE e."createdAt" >= $1 AND e."createdAt" < $2`,
  },
  "alerts.triggered": {
    description: "New alerts, per severity",
    unit: "alerts",
    kind: "counter",
    tags: ["severity"],
    source: `SELECT a."dataspaceId", 'severity=' || a.severity AS series, jsonb_build_object('severity', a.severity) AS tags, date_trunc('minute', a."createdAt", 'UTC') AS at, 1::float8 AS value
      FROM "Alert" a WHERE a."createdAt" >= $1 AND a."createdAt" < $2`,
  },
  "deployments.finished": {
    description: "Deployments that ended (success, failure or cancelled), per environment and outcome, when they ended: the DORA deployment frequency and change failure rate",
    unit: "deployments",
    kind: "counter",
    tags: ["environment", "status"],
    source: `SELECT d."dataspaceId", 'environment=' || d.environment || ',status=' || d.status AS series, jsonb_build_object('environment', d.environment, 'status', d.status) AS tags,
        date_trunc('minute', d."finishedAt", 'UTC') AS at, 1::float8 AS value
      FROM "Deployment" d WHERE d."finishedAt" >= $1 AND d."finishedAt" < $2 AND d.status IN ('success', 'failure', 'cancelled')`,
  },
  "deployments.lead_time_s": {
    description: "How long successful deployments' changes took from their oldest commit to running, per environment, when they finished: the DORA lead time for changes (deployments that carry a commit time)",
    unit: "s",
    kind: "latency",
    tags: ["environment"],
    source: `SELECT d."dataspaceId", 'environment=' || d.environment AS series, jsonb_build_object('environment', d.environment) AS tags, date_trunc('minute', d."finishedAt", 'UTC') AS at,
        greatest(extract(epoch FROM d."finishedAt" - d."committedAt"), 0)::float8 AS value
      FROM "Deployment" d WHERE d."finishedAt" >= $1 AND d."finishedAt" < $2 AND d.status = 'success' AND d."committedAt" IS NOT NULL`,
  },
  "incidents.declared": {
    description: "Incidents declared (by hand, from an alert, through the API), per severity",
    unit: "incidents",
    kind: "counter",
    tags: ["severity"],
    source: `SELECT i."dataspaceId", 'severity=' || i.severity AS series, jsonb_build_object('severity', i.severity) AS tags, date_trunc('minute', i."createdAt", 'UTC') AS at, 1::float8 AS value
      FROM "Incident" i WHERE i."createdAt" >= $1 AND i."createdAt" < $2`,
  },
  "incidents.time_to_resolve_s": {
    description: "How long incidents took from their start to their resolution, per severity, when they were resolved: the DORA time to restore",
    unit: "s",
    kind: "latency",
    tags: ["severity"],
    source: `SELECT i."dataspaceId", 'severity=' || i.severity AS series, jsonb_build_object('severity', i.severity) AS tags, date_trunc('minute', i."resolvedAt", 'UTC') AS at,
        greatest(extract(epoch FROM i."resolvedAt" - i."startedAt"), 0)::float8 AS value
      FROM "Incident" i WHERE i."resolvedAt" >= $1 AND i."resolvedAt" < $2`,
  },
  "requests.open": {
    description: "Requests not closed (nor drafts), sampled every minute",
    unit: "requests",
    kind: "gauge",
    tags: [],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof metricCatalog;
export const METRIC_NAMES = Object.keys(metricCatalog) as MetricName[];

export function isMetricName(value: string): value is MetricName {
  return Object.hasOwn(metricCatalog, value);
}

import { gunzipSync, inflateSync } from "node:zlib";

/**
 * What the New Relic fake keeps of an ingest payload, and the documented rules a JSON Schema
 * cannot say (new-relic-ingest.openapi.json says the rest; its `info` names the pages).
 *
 * The real ingest APIs answer a payload whose headers and size pass (202 for metrics, 200 for
 * events) and validate its data afterwards: a data point or event they refuse is dropped on its
 * own ("If the number is in the common block, then the entire block will be dropped"), and an
 * NrIntegrationError event says why. So here: each contract error is mapped back to the data
 * point, `common` block or event it is in, and only that is dropped; the caller records every
 * error as a violation.
 */

export const MAX_PAYLOAD_BYTES = 1_000_000;
export const MAX_ATTRIBUTES_PER_METRIC = 100;
const HOUR = 3_600_000;

export type SummaryValue = { count: number; sum: number; min: number; max: number };
export type StoredMetric = {
  name: string;
  type: "gauge" | "count" | "summary";
  value: number | SummaryValue;
  /** Milliseconds since the epoch, whatever unit was sent. */
  timestamp: number;
  intervalMs: number | null;
  /** `common.attributes` merged under the point's own. */
  attributes: Record<string, string | number | boolean>;
};
export type StoredEvent = { accountId: number; eventType: string; attributes: Record<string, string | number>; timestamp: number };

/** The body as sent, decoded: `encoding` is the Content-Encoding header's value, lower-cased. */
export function decodeBody(raw: Buffer, encoding: "gzip" | "deflate" | null): { text: string } | { error: string } {
  try {
    const bytes = encoding === "gzip" ? gunzipSync(raw) : encoding === "deflate" ? inflateSync(raw) : raw;
    return { text: bytes.toString("utf8") };
  } catch (error) {
    return { error: `the body is not valid ${encoding} data (${(error as Error).message})` };
  }
}

/** "The field also supports seconds, microseconds, and nanoseconds … converted to milliseconds." */
export function toMilliseconds(timestamp: number): number {
  if (timestamp < 1e11) return timestamp * 1000;
  if (timestamp < 1e14) return timestamp;
  if (timestamp < 1e17) return Math.floor(timestamp / 1000);
  return Math.floor(timestamp / 1e6);
}

/** An error of the shared gate ("/requestBody/0/metrics/2 must …"): the body path it is about, or null when it is not about the body. */
function bodyPath(error: string): string[] | null {
  if (/must match "(then|else)" schema/.test(error)) return null; // the inner error names the place
  const match = /^\/requestBody(\/\S*)?\s/.exec(error);
  return match ? (match[1] ?? "").split("/").slice(1) : null;
}

const index = (segment: string | undefined) => (segment !== undefined && /^\d+$/.test(segment) ? Number(segment) : null);
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The metric data points New Relic keeps of `body`, flattened with `common`, and why the others are dropped. */
export function judgeMetrics(body: unknown, gateErrors: string[], now: number): { points: StoredMetric[]; problems: string[] } {
  const dropped = { all: false, blocks: new Set<number>(), points: new Set<string>() };
  for (const path of gateErrors.map(bodyPath)) {
    if (!path) continue;
    const block = index(path[0]);
    const point = path[1] === "metrics" ? index(path[2]) : null;
    if (block === null) dropped.all = true;
    else if (point === null) dropped.blocks.add(block);
    else dropped.points.add(`${block}/${point}`);
  }
  const points: StoredMetric[] = [];
  const problems: string[] = [];
  if (dropped.all || !Array.isArray(body)) return { points, problems };
  body.forEach((batch: unknown, b) => {
    if (dropped.blocks.has(b) || !isObject(batch) || !Array.isArray(batch.metrics)) return;
    const common = isObject(batch.common) ? batch.common : {};
    batch.metrics.forEach((metric: unknown, m) => {
      if (dropped.points.has(`${b}/${m}`) || !isObject(metric)) return;
      const name = metric.name as string;
      const attributes = { ...(common.attributes as StoredMetric["attributes"] | undefined), ...(metric.attributes as StoredMetric["attributes"] | undefined) };
      const timestamp = toMilliseconds((metric.timestamp ?? common.timestamp) as number);
      const why = metricProblem(name, attributes, timestamp, now);
      if (why) return problems.push(`metric ${JSON.stringify(name)} (/${b}/metrics/${m}): ${why}; New Relic drops the data point`);
      const type = (metric.type as StoredMetric["type"] | undefined) ?? "gauge";
      const intervalMs = (metric["interval.ms"] ?? common["interval.ms"] ?? null) as number | null;
      points.push({ name, type, value: metric.value as StoredMetric["value"], timestamp, intervalMs, attributes });
    });
  });
  return { points, problems };
}

function metricProblem(name: string, attributes: Record<string, unknown>, timestamp: number, now: number): string | null {
  if (Object.hasOwn(attributes, name)) return `an attribute has the metric's own name ("You cannot pass the same value for metric name and attribute name")`;
  const count = Object.keys(attributes).length;
  if (count > MAX_ATTRIBUTES_PER_METRIC) return `${count} attributes with common's merged in, over the limit of ${MAX_ATTRIBUTES_PER_METRIC} per metric`;
  if (timestamp < now - 48 * HOUR) return `its timestamp ${timestamp} is older than 48 hours`;
  if (timestamp > now + 24 * HOUR) return `its timestamp ${timestamp} is more than 24 hours ahead`;
  return null;
}

/** The events New Relic keeps of `body` (one event or an array of them), and why the others are dropped. */
export function judgeEvents(body: unknown, accountId: number, gateErrors: string[], now: number): { events: StoredEvent[]; problems: string[] } {
  const list: unknown[] = Array.isArray(body) ? body : [body];
  const dropped = new Set<number>();
  let all = false;
  for (const path of gateErrors.map(bodyPath)) {
    if (!path) continue;
    const at = Array.isArray(body) ? index(path[0]) : 0;
    if (at === null) all = true;
    else dropped.add(at);
  }
  const events: StoredEvent[] = [];
  const problems: string[] = [];
  if (all) return { events, problems };
  list.forEach((event, i) => {
    if (dropped.has(i) || !isObject(event)) return;
    const { eventType, timestamp, ...attributes } = event;
    const at = typeof timestamp === "number" ? toMilliseconds(timestamp) : now;
    if (Math.abs(at - now) > 24 * HOUR) return problems.push(`event ${i} (${String(eventType)}): its timestamp ${String(timestamp)} is not within 24 hours of now; New Relic drops the event`);
    events.push({ accountId, eventType: eventType as string, attributes: attributes as StoredEvent["attributes"], timestamp: at });
  });
  return { events, problems };
}

import zlib from "node:zlib";
import type { DatadogState, DoraDeploymentAttributes, EventInput, SeriesInput, StoredEvent } from "./fake-datadog-state";

/**
 * The fake Datadog's answers, once a request has passed the contract gate, the fault switch and
 * the API key check (fake-datadog.ts): how a body is decoded, Datadog's error shapes, and what
 * each operation of datadog-api.openapi.json answers.
 */

export type Answer = { status: number; body: unknown; headers?: Record<string, string>; /** Why the real API would refuse the request: recorded as a violation. */ violation?: string };

/**
 * SubmitMetrics' limits, from its description (the vendored spec and
 * https://docs.datadoghq.com/api/latest/metrics/#submit-metrics): "The maximum payload size is
 * 500 kilobytes (512000 bytes). Compressed payloads must have a decompressed size of less than 5
 * megabytes (5242880 bytes)." Beyond them: 413, the documented "Payload too large".
 */
export const MAX_PAYLOAD_BYTES = 512_000;
export const MAX_DECOMPRESSED_BYTES = 5_242_880;

/** The error body of an operation: JSON:API error objects for the DORA endpoint's 400 (JSONAPIErrorResponse), `{"errors": ["…"]}` (APIErrorResponse) everywhere else. */
export function datadogError(operationId: string | null, status: number, message: string): Answer {
  if (operationId === "CreateDORADeployment" && status === 400) return { status, body: { errors: [{ status: "400", title: "Bad Request", detail: message }] } };
  return { status, body: { errors: [message] } };
}

const refused = (operationId: string | null, status: number, message: string): Answer => ({ ...datadogError(operationId, status, message), violation: message });

export type Decoded = { ok: true; text: string; encoding: "gzip" | "deflate" | null } | { ok: false; answer: Answer };

/**
 * The body as JSON text, decoded per its `Content-Encoding`: gzip, or deflate (zlib's format, what
 * HTTP calls deflate); none or `identity` as is. SubmitMetrics' spec also lists `zstd1`, which
 * this fake cannot decode on Node 20 (no zstd in its zlib): refused, so a test sending it fails
 * loudly rather than passing unchecked. Any other encoding the API does not take: 415. With
 * `limits` (SubmitMetrics), the sizes above: as sent, then decompressed.
 */
export function decodeBody(bytes: Buffer, contentEncoding: string | undefined, operationId: string | null, limits: boolean): Decoded {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (limits && bytes.length > MAX_PAYLOAD_BYTES) return { ok: false, answer: refused(operationId, 413, `Payload too large: ${bytes.length} bytes sent, the limit is ${MAX_PAYLOAD_BYTES}`) };
  if (encoding === "" || encoding === "identity") return { ok: true, text: bytes.toString("utf8"), encoding: null };
  if (encoding === "zstd1") return { ok: false, answer: refused(operationId, 415, "Content-Encoding zstd1: the fake Datadog does not decode zstd (send gzip or deflate)") };
  if (encoding !== "gzip" && encoding !== "deflate") return { ok: false, answer: refused(operationId, 415, `Content-Encoding ${encoding} is not supported (gzip, deflate)`) };
  const options = limits ? { maxOutputLength: MAX_DECOMPRESSED_BYTES - 1 } : {};
  try {
    const decoded = encoding === "gzip" ? zlib.gunzipSync(bytes, options) : zlib.inflateSync(bytes, options);
    return { ok: true, text: decoded.toString("utf8"), encoding };
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      return { ok: false, answer: refused(operationId, 413, `Payload too large: the decompressed payload must be less than ${MAX_DECOMPRESSED_BYTES} bytes`) };
    }
    return { ok: false, answer: refused(operationId, 400, `the body is not ${encoding} data: ${(error as Error).message}`) };
  }
}

/** What CreateDORADeployment's attribute descriptions require beyond their schema. */
const DEPLOYMENT_ID = /^[A-Za-z0-9_.:-]{16,128}$/;
const TAG = /^[^:]+:.+$/;

export function handleOperation(operationId: string, body: unknown, context: { state: DatadogState; nowSeconds: number }): Answer {
  const { state, nowSeconds } = context;
  switch (operationId) {
    case "Validate":
      return { status: 200, body: { valid: true } };
    case "SubmitMetrics": {
      const series = (body as { series: SeriesInput[] }).series;
      // MetricPoint requires nothing in the schema, but MetricSeries.points says "All points must be objects with timestamp and a scalar value".
      const incomplete = series.flatMap((s, i) => s.points.flatMap((p, j) => (typeof p.timestamp === "number" && typeof p.value === "number" ? [] : [`series[${i}].points[${j}]`])));
      if (incomplete.length > 0) return refused(operationId, 400, `points without a timestamp and a value: ${incomplete.join(", ")}`);
      state.submitSeries(series, nowSeconds);
      return { status: 202, body: { errors: [] } };
    }
    case "V1CreateEvent": {
      const event = state.createEvent(body as EventInput, nowSeconds);
      return { status: 202, body: { status: "ok", event: eventJson(event) } };
    }
    case "CreateDORADeployment": {
      const attributes = (body as { data: { attributes: DoraDeploymentAttributes } }).data.attributes;
      // From the attributes' descriptions (the vendored DORADeploymentRequestAttributes and DORACustomTags).
      if (attributes.id !== undefined && !DEPLOYMENT_ID.test(attributes.id)) {
        return refused(operationId, 400, "Deployment ID must be 16-128 characters and contain only alphanumeric characters, hyphens, underscores, periods, and colons");
      }
      const tags = attributes.custom_tags ?? [];
      if (tags.length > 100) return refused(operationId, 400, `custom_tags: up to 100 may be added per event, not ${tags.length}`);
      const untagged = tags.filter((t) => !TAG.test(t));
      if (untagged.length > 0) return refused(operationId, 400, `custom_tags must follow the key:value pattern: ${untagged.join(", ")}`);
      const deployment = state.createDeployment(attributes);
      // 200 "OK"; the spec's 202 is "OK - but delayed due to incident", Datadog's side.
      return { status: 200, body: { data: { id: deployment.id, type: "dora_deployment" } } };
    }
    default:
      return { status: 501, body: { errors: [`${operationId} is in the contract but the fake does not serve it`] } };
  }
}

/** V1Event as answered: its documented fields. */
function eventJson(event: StoredEvent) {
  const { id, id_str, title, text, date_happened, tags, url, alert_type, host, device_name, source_type_name } = event;
  const optional = Object.fromEntries(Object.entries({ alert_type, host, device_name, source_type_name }).filter(([, v]) => v !== undefined));
  return { id, id_str, title, text, date_happened, tags, url, priority: event.priority ?? null, ...optional };
}

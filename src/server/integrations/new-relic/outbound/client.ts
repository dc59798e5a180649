import { gzipSync } from "node:zlib";
import { env } from "@/env";
import { TelemetrySendError } from "@/server/telemetry/sink";
import { ApiTransportError, callProviderApi, retryAfterMs } from "../../shared/api-call";

/**
 * Calls to New Relic's Metric API, Event API and NerdGraph, each on its region's host (or all on
 * NEW_RELIC_API_URL when the operator set one: a proxy, the test fake). Plain calls over the
 * guarded transport: New Relic's telemetry SDK hard-codes https on port 443.
 */
const USER_AGENT = "Switchboard-Telemetry/1.0";

const HOSTS = {
  US: { metric: "https://metric-api.newrelic.com", events: "https://insights-collector.newrelic.com", graphql: "https://api.newrelic.com" },
  EU: { metric: "https://metric-api.eu.newrelic.com", events: "https://insights-collector.eu01.nr-data.net", graphql: "https://api.eu.newrelic.com" },
} as const;

export type NewRelicApi = keyof (typeof HOSTS)["US"];

export function newRelicUrl(region: "US" | "EU", api: NewRelicApi, path: string): string {
  const base = env().NEW_RELIC_API_URL?.replace(/\/+$/, "") ?? HOSTS[region][api];
  return `${base}${path}`;
}

export type NewRelicCall = { region: "US" | "EU"; api: NewRelicApi; path: string; headers: Record<string, string>; body: unknown; gzip?: boolean };

/** The answer's JSON on a 2xx; a TelemetrySendError saying what New Relic said otherwise. */
export async function callNewRelic(call: NewRelicCall): Promise<unknown> {
  const text = JSON.stringify(call.body);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", ...call.headers };
  if (call.gzip) headers["content-encoding"] = "gzip";
  let answer;
  try {
    answer = await callProviderApi(
      { url: newRelicUrl(call.region, call.api, call.path), method: "POST", headers, body: call.gzip ? gzipSync(text) : text },
      { overrideUrl: env().NEW_RELIC_API_URL, timeoutMs: env().TELEMETRY_TIMEOUT_MS, userAgent: USER_AGENT },
    );
  } catch (error) {
    if (error instanceof ApiTransportError) throw new TelemetrySendError(`New Relic did not answer: ${error.message}`, { retryable: true });
    throw error;
  }
  let json: unknown = null;
  try {
    json = answer.body ? JSON.parse(answer.body) : null;
  } catch {
    json = answer.body;
  }
  if (answer.status >= 200 && answer.status < 300) return json;
  const said = describe(json);
  const message = `New Relic answered ${answer.status}${said ? `: ${said}` : ""}`;
  if (answer.status === 401 || answer.status === 403) {
    const which = call.api === "graphql" ? "userApiKey (a User key, NRAK-…)" : "apiKey (a license key)";
    return Promise.reject(new TelemetrySendError(`${message} — check ${which} and region`, { retryable: false, needsAttention: true }));
  }
  if (answer.status === 429 || answer.status >= 500 || answer.status === 408) {
    return Promise.reject(new TelemetrySendError(message, { retryable: true, retryAfterMs: retryAfterMs(answer.headers["retry-after"]) }));
  }
  return Promise.reject(new TelemetrySendError(message, { retryable: false }));
}

function describe(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 300);
  if (typeof body !== "object" || body === null) return "";
  const record = body as Record<string, unknown>;
  if (typeof record.error === "string") return record.error;
  if (typeof record.message === "string") return record.message;
  if (Array.isArray(record.errors)) return record.errors.map((e) => (typeof e === "object" && e && "message" in e ? String(e.message) : String(e))).join("; ");
  return JSON.stringify(body).slice(0, 300);
}

import { gzipSync } from "node:zlib";
import { env } from "@/env";
import { TelemetrySendError } from "@/server/telemetry/sink";
import { ApiTransportError, callProviderApi, retryAfterMs } from "../../shared/api-call";

/**
 * Calls to Datadog's API with an integration's API key (`DD-API-KEY`): plain `fetch`-style calls
 * over the guarded transport (the official client is 141 MB). The API host is the site's
 * (`https://api.<site>`), or DATADOG_API_URL when the operator set one.
 */
const USER_AGENT = "Switchboard-Telemetry/1.0";

export function datadogApiBase(site: string): string {
  return (env().DATADOG_API_URL ?? `https://api.${site}`).replace(/\/+$/, "");
}

export type DatadogCall = { site: string; apiKey: string; path: string; method?: "GET" | "POST"; body?: unknown; gzip?: boolean };

/** The answer's JSON on a 2xx; a TelemetrySendError saying what Datadog said otherwise. */
export async function callDatadog(call: DatadogCall): Promise<unknown> {
  const text = call.body === undefined ? undefined : JSON.stringify(call.body);
  const body = text !== undefined && call.gzip ? gzipSync(text) : text;
  const headers: Record<string, string> = { "dd-api-key": call.apiKey, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (call.gzip) headers["content-encoding"] = "gzip";
  let answer;
  try {
    answer = await callProviderApi(
      { url: `${datadogApiBase(call.site)}${call.path}`, method: call.method ?? "POST", headers, body },
      { overrideUrl: env().DATADOG_API_URL, timeoutMs: env().TELEMETRY_TIMEOUT_MS, userAgent: USER_AGENT },
    );
  } catch (error) {
    if (error instanceof ApiTransportError) throw new TelemetrySendError(`Datadog did not answer: ${error.message}`, { retryable: true });
    throw error;
  }
  const json = parseJson(answer.body);
  if (answer.status >= 200 && answer.status < 300) return json;
  throw datadogError(answer.status, json, answer.headers);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** Datadog's errors are `{"errors": ["…"]}`; its rate limit says when it resets in `X-RateLimit-Reset` (seconds). */
function datadogError(status: number, body: unknown, headers: Record<string, string>): TelemetrySendError {
  const said = typeof body === "object" && body !== null && Array.isArray((body as { errors?: unknown }).errors) ? (body as { errors: unknown[] }).errors.map(String).join("; ") : String(body ?? "").slice(0, 300);
  const message = `Datadog answered ${status}${said ? `: ${said}` : ""}`;
  if (status === 403 || status === 401) {
    return new TelemetrySendError(`${message} — check apiKey, and that site is the one the key belongs to`, { retryable: false, needsAttention: true });
  }
  if (status === 429) return new TelemetrySendError(message, { retryable: true, retryAfterMs: retryAfterMs(headers["retry-after"] ?? headers["x-ratelimit-reset"]) });
  if (status >= 500 || status === 408) return new TelemetrySendError(message, { retryable: true, retryAfterMs: retryAfterMs(headers["retry-after"]) });
  return new TelemetrySendError(message, { retryable: false });
}

import http from "node:http";
import https from "node:https";
import type net from "node:net";
import { webhookAgents } from "./agents";
import { classifySendError, type SendError } from "./classify-error";
import { guardedLookup, type LookupFunction, systemLookup } from "./guarded-lookup";
import { type AllowList, checkIpLiteral, ipLiteralOf, parseTargetUrl } from "./target-policy";

export type { LookupFunction } from "./guarded-lookup";
export type { SendError, SendErrorKind } from "./classify-error";

/**
 * One outgoing request. Webhooks always POST; other outbound callers (the Statuspage client) use
 * the same guarded transport with GET/PATCH, where a GET has an empty body.
 */
/** `body`: text, or bytes for an API call that sends a compressed body (telemetry). */
export type SendRequest = { url: string; headers: Record<string, string>; body: string | Uint8Array; method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE" };

export type SendOptions = {
  allowHttp: boolean;
  allowList: AllowList;
  /** From getting a socket to TCP connected (HTTPS: TLS handshake done), DNS included. */
  connectTimeoutMs: number;
  /** The whole exchange, from the call to the last byte of the response body read. */
  totalTimeoutMs: number;
  maxResponseBytes: number;
  lookup?: LookupFunction;
};

export type SendResult = {
  /** A complete 2xx response (a 2xx whose body never finished is not ok). */
  ok: boolean;
  status: number | null;
  /** Lowercase names; repeated headers joined with ", ". */
  headers: Record<string, string> | null;
  /** UTF-8, at most maxResponseBytes of it. */
  body: string | null;
  bodyTruncated: boolean;
  durationMs: number;
  error: SendError | null;
  /** The address connected to (on a failed connect, the address tried, when known). */
  remoteAddress: string | null;
};

export const USER_AGENT = "Switchboard-Webhooks/1.0";

/**
 * Sends one request (a webhook: a POST). Never throws and never hangs: every failure, including a refused target,
 * comes back as a result with `error` set. Redirects are never followed.
 */
export async function sendWebhookRequest(request: SendRequest, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const early = (error: SendError): SendResult => ({
    ok: false,
    status: null,
    headers: null,
    body: null,
    bodyTruncated: false,
    durationMs: elapsed(started),
    error,
    remoteAddress: null,
  });
  const parsed = parseTargetUrl(request.url, options);
  if (!parsed.ok) return early({ kind: parsed.kind, message: parsed.message });
  const url = parsed.url;
  // Node connects to IP literals without calling `lookup`, so they are checked here.
  const ip = ipLiteralOf(url);
  if (ip !== null) {
    const verdict = checkIpLiteral(ip, options.allowList);
    if (verdict.forbidden) {
      return early({ kind: "forbidden_address", message: `${verdict.reason}, which webhooks may not reach` });
    }
  }
  return new Promise((resolve) => exchange(url, ip, request, options, started, resolve));
}

function exchange(
  url: URL,
  ip: string | null,
  request: SendRequest,
  options: SendOptions,
  started: number,
  resolve: (result: SendResult) => void,
): void {
  const host = url.hostname;
  const isHttps = url.protocol === "https:";
  let status: number | null = null;
  let headers: Record<string, string> | null = null;
  let location: string | undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  let bodyTruncated = false;
  let remoteAddress: string | null = ip;
  let settled = false;
  let connectTimer: NodeJS.Timeout | undefined;
  let req: http.ClientRequest | undefined;

  const finish = (error: SendError | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
    // A 3xx is reported as a redirect whatever happened while reading its body.
    if (status !== null && status >= 300 && status < 400) {
      error = { kind: "redirect", message: `redirected to ${location ?? "(no Location header)"} (not followed)` };
    }
    resolve({
      ok: error === null && status !== null && status >= 200 && status < 300,
      status,
      headers,
      body: status === null ? null : Buffer.concat(chunks, size).toString("utf8"),
      bodyTruncated,
      durationMs: elapsed(started),
      error,
      remoteAddress,
    });
  };

  const totalTimer = setTimeout(() => {
    const what = status === null ? "no response" : "response body not complete";
    finish({ kind: "timeout", message: `${what} within ${options.totalTimeoutMs} ms` });
    req?.destroy();
  }, options.totalTimeoutMs);

  try {
    req = (isHttps ? https : http).request({
      protocol: url.protocol,
      hostname: ip ?? host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: request.method ?? "POST",
      headers: outgoingHeaders(request),
      agent: isHttps ? webhookAgents().https : webhookAgents().http,
      // On the request, not the agent: the agent passes request options to each new connection.
      lookup: guardedLookup(options.lookup ?? systemLookup, options.allowList),
    });
  } catch (error) {
    // Only invalid header names/values get here; they were supposed to be refused at save time.
    return finish({ kind: "invalid_url", message: `invalid request: ${(error as Error).message}` });
  }

  req.on("socket", (socket: net.Socket) => {
    const connected = () => {
      clearTimeout(connectTimer);
      remoteAddress = socket.remoteAddress ?? remoteAddress;
    };
    // A pooled socket is already connected (to an address that passed the policy then).
    if (req!.reusedSocket || !socket.connecting) return connected();
    socket.once("lookup", (_error: Error | null, address: string) => (remoteAddress = address ?? remoteAddress));
    socket.once(isHttps ? "secureConnect" : "connect", connected);
    connectTimer = setTimeout(() => {
      finish({ kind: "connect_timeout", message: `could not connect to ${host} within ${options.connectTimeoutMs} ms` });
      req!.destroy();
    }, options.connectTimeoutMs);
  });

  req.on("response", (res) => {
    status = res.statusCode ?? null;
    headers = joinHeaders(res.headersDistinct);
    location = res.headers.location;
    res.on("data", (chunk: Buffer) => {
      if (settled) return;
      const room = options.maxResponseBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        bodyTruncated = true;
        finish(null);
        // Stop reading: the rest may be huge, and this socket cannot be reused mid-body anyway.
        res.destroy();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    res.on("end", () => finish(null));
    res.on("error", (error) => finish(classifySendError(error, host)));
    res.on("aborted", () => finish(classifySendError(new Error("aborted"), host)));
  });

  req.on("error", (error) => finish(classifySendError(error, host)));
  req.end(request.body);
}

/** The caller's headers plus the few we own; content-length always matches the body. */
function outgoingHeaders(request: SendRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() !== "content-length") headers[name] = value;
  }
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  const bodiless = request.method === "GET" && request.body.length === 0;
  if (!has("content-type") && !bodiless) headers["content-type"] = "application/json";
  if (!has("user-agent")) headers["user-agent"] = USER_AGENT;
  if (!bodiless) headers["content-length"] = String(Buffer.byteLength(request.body));
  return headers;
}

function joinHeaders(distinct: NodeJS.Dict<string[]>): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, values] of Object.entries(distinct)) if (values) joined[name] = values.join(", ");
  return joined;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

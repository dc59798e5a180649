import { env } from "@/env";
import { sendWebhookRequest } from "@/server/webhooks/transport/send";
import { overridePolicy } from "../../shared/api-call";

export const STATUSPAGE_API_URL = "https://api.statuspage.io/v1";
const USER_AGENT = "Switchboard-Statuspage/1.0";
/** A page's components or incidents, 100 to a page, fit well inside this. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** A request that got no complete answer: the connection failed, timed out, or was refused by policy. */
export class TransportError extends Error {
  constructor(
    message: string,
    /** The transport's kind (`timeout`, `refused`, `forbidden_address`, …). */
    readonly kind: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** Where the management API is: Atlassian's, unless the operator points it elsewhere (a proxy, the test fake). */
export function statuspageApiBase(): string {
  return (env().STATUSPAGE_API_URL ?? STATUSPAGE_API_URL).replace(/\/+$/, "");
}

/**
 * The outgoing-request policy for Statuspage calls: the instance's (private, loopback and metadata
 * addresses refused, checked on the address actually connected), plus the host of
 * STATUSPAGE_API_URL when the operator set one, since they chose it. Users choose no URL here —
 * only a page id, which is format-checked — so this is defence in depth.
 */
const policy = () => overridePolicy(env().STATUSPAGE_API_URL);

/**
 * `fetch` over the guarded transport the webhook deliveries use (src/server/webhooks/transport):
 * SSRF policy on the connected address, connect and total timeouts, no redirects followed,
 * bounded response bodies. Answers a Response for every complete HTTP answer (a redirect too, as
 * its 3xx); throws a TransportError when there is none.
 */
export const guardedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const { allowList, allowHttp } = policy();
  const timeout = env().STATUSPAGE_TIMEOUT_MS;
  const headers = Object.fromEntries(request.headers);
  headers["user-agent"] ??= USER_AGENT;
  const result = await sendWebhookRequest(
    {
      url: request.url,
      method: request.method as "GET" | "POST" | "PATCH",
      headers,
      body: request.body ? await request.text() : "",
    },
    { allowHttp, allowList, connectTimeoutMs: Math.min(timeout, 5_000), totalTimeoutMs: timeout, maxResponseBytes: MAX_RESPONSE_BYTES },
  );
  if (result.status !== null && result.headers && (result.error === null || result.error.kind === "redirect")) {
    if (result.bodyTruncated) throw new TransportError(`the answer was larger than ${MAX_RESPONSE_BYTES} bytes`, "too_large");
    const empty = result.status === 204 || result.status === 304;
    return new Response(empty ? null : (result.body ?? ""), { status: result.status, headers: result.headers });
  }
  throw new TransportError(result.error?.message ?? "no answer", result.error?.kind ?? "network");
};

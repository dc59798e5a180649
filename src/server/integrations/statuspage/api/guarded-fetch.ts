import { env } from "@/env";
import { ApiTransportError, callProviderApi } from "../../shared/api-call";

export const STATUSPAGE_API_URL = "https://api.statuspage.io/v1";
const USER_AGENT = "Switchboard-Statuspage/1.0";
/** A page's components or incidents, 100 to a page, fit well inside this. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** A request that got no complete answer: the connection failed, timed out, or was refused by policy. */
export { ApiTransportError as TransportError };

/** Where the management API is: Atlassian's, unless the operator points it elsewhere (a proxy, the test fake). */
export function statuspageApiBase(): string {
  return (env().STATUSPAGE_API_URL ?? STATUSPAGE_API_URL).replace(/\/+$/, "");
}

/**
 * `fetch` over the guarded transport the webhook deliveries use (callProviderApi): SSRF policy on
 * the connected address — the instance's, plus the host of STATUSPAGE_API_URL when the operator set
 * one, since they chose it (users choose no URL here, only a format-checked page id: defence in
 * depth) — connect and total timeouts, no redirects followed, bounded response bodies. Answers a
 * Response for every complete HTTP answer (a redirect too, as its 3xx); throws a TransportError when
 * there is none.
 */
export const guardedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const answer = await callProviderApi(
    { url: request.url, method: request.method as "GET" | "POST" | "PATCH", headers: Object.fromEntries(request.headers), body: request.body ? await request.text() : undefined },
    { overrideUrl: env().STATUSPAGE_API_URL, timeoutMs: env().STATUSPAGE_TIMEOUT_MS, userAgent: USER_AGENT, maxResponseBytes: MAX_RESPONSE_BYTES },
  );
  const empty = answer.status === 204 || answer.status === 304;
  return new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers });
};

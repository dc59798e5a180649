import { env } from "@/env";
import { instanceAllowList } from "@/server/webhooks/target-config";
import { sendWebhookRequest } from "@/server/webhooks/transport/send";
import { ipLiteralOf, isAllowListedAddress, isAllowListedHost } from "@/server/webhooks/transport/target-policy";

const USER_AGENT = "Switchboard-IssueSync/1.0";
/** A page of 100 issues with their bodies fits well inside this. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** A request that got no complete answer: the connection failed, timed out, or was refused by policy. */
export class PlatformTransportError extends Error {
  constructor(
    message: string,
    /** The transport's kind (`timeout`, `refused`, `forbidden_address`, `invalid_url`, …). */
    readonly kind: string,
  ) {
    super(message);
    this.name = "PlatformTransportError";
  }
}

/**
 * `fetch` for the platforms' clients (octokit, gitbeaker, jira.js, gitea-js all take one) over the
 * guarded transport the webhook deliveries use: a base URL is chosen by a dataspace admin (GitHub
 * Enterprise, a self-hosted GitLab or Forgejo), so private, loopback and metadata addresses are
 * refused on the address actually connected, unless the operator allow-listed them
 * (WEBHOOK_ALLOWED_TARGETS). Plain http only to an allow-listed host: an operator's choice. No
 * redirects followed (a 3xx is answered as is), timeouts, bounded bodies. Answers a Response for
 * every complete HTTP answer; throws a PlatformTransportError when there is none.
 */
export const platformFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const allowList = instanceAllowList();
  const literal = ipLiteralOf(url);
  const allowHttp = literal ? isAllowListedAddress(allowList, literal) : isAllowListedHost(allowList, url.hostname);
  const timeout = env().ISSUE_SYNC_TIMEOUT_MS;
  const headers = Object.fromEntries(request.headers);
  headers["user-agent"] ??= USER_AGENT;
  const result = await sendWebhookRequest(
    {
      url: request.url,
      method: request.method as "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
      headers,
      body: request.body ? await request.text() : "",
    },
    { allowHttp, allowList, connectTimeoutMs: Math.min(timeout, 5_000), totalTimeoutMs: timeout, maxResponseBytes: MAX_RESPONSE_BYTES },
  );
  if (result.status !== null && result.headers && (result.error === null || result.error.kind === "redirect")) {
    if (result.bodyTruncated) throw new PlatformTransportError(`the answer was larger than ${MAX_RESPONSE_BYTES} bytes`, "too_large");
    const empty = result.status === 204 || result.status === 304;
    return new Response(empty ? null : (result.body ?? ""), { status: result.status, headers: result.headers });
  }
  throw new PlatformTransportError(result.error?.message ?? "no answer", result.error?.kind ?? "network");
};

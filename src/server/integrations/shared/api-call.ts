import { instanceAllowList } from "@/server/webhooks/target-config";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";
import { sendWebhookRequest } from "@/server/webhooks/transport/send";
import { parseAllowList, type AllowList } from "@/server/webhooks/transport/target-policy";

/**
 * One call to a provider's HTTP API over the guarded transport the webhook deliveries use: SSRF
 * policy on the address actually connected, connect and total timeouts, no redirects followed,
 * bounded answers. For providers whose hosts are fixed by the provider (Datadog's sites, New
 * Relic's regions): the operator may point them elsewhere (`overrideUrl`, a proxy or a test
 * double), and that host is then reachable, http included, since the operator chose it.
 */
export type ApiCall = { url: string; method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; headers: Record<string, string>; body?: string | Uint8Array };
export type ApiAnswer = { status: number; headers: Record<string, string>; body: string };

/** A call that got no complete answer: the connection failed, timed out, or was refused by policy. */
export class ApiTransportError extends Error {
  constructor(
    message: string,
    /** The transport's kind (`timeout`, `refused`, `forbidden_address`, …). */
    readonly kind: string,
  ) {
    super(message);
    this.name = "ApiTransportError";
  }
}

export type ApiCallOptions = { overrideUrl: string | undefined; timeoutMs: number; userAgent: string; maxResponseBytes?: number };

export async function callProviderApi(call: ApiCall, options: ApiCallOptions): Promise<ApiAnswer> {
  const { allowList, allowHttp } = overridePolicy(options.overrideUrl);
  const maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  const result = await sendWebhookRequest(
    { url: call.url, method: call.method, headers: { "user-agent": options.userAgent, ...call.headers }, body: call.body ?? "" },
    { allowHttp, allowList, connectTimeoutMs: Math.min(options.timeoutMs, 5_000), totalTimeoutMs: options.timeoutMs, maxResponseBytes },
  );
  if (result.status !== null && result.headers && (result.error === null || result.error.kind === "redirect")) {
    if (result.bodyTruncated) throw new ApiTransportError(`the answer was larger than ${maxResponseBytes} bytes`, "too_large");
    return { status: result.status, headers: result.headers, body: result.body ?? "" };
  }
  throw new ApiTransportError(result.error?.message ?? "no answer", result.error?.kind ?? "network");
}

/** The instance's outgoing-request policy, plus the host of an operator's override URL (http allowed there). */
export function overridePolicy(overrideUrl: string | undefined): { allowList: AllowList; allowHttp: boolean } {
  const base = instanceAllowList();
  if (!overrideUrl) return { allowList: base, allowHttp: false };
  const url = new URL(overrideUrl);
  const extra = parseAllowList(url.hostname.replace(/^\[(.*)\]$/, "$1"));
  return {
    allowList: { cidrs: [...base.cidrs, ...extra.cidrs], hostnames: new Set([...base.hostnames, ...extra.hostnames]), hostSuffixes: [...base.hostSuffixes, ...extra.hostSuffixes] },
    allowHttp: url.protocol === "http:",
  };
}

/** Retry-After (or a provider's reset header in seconds) as ms from now, read as webhook deliveries read it; undefined when absent or unreadable. */
export const retryAfterMs = (value: string | undefined): number | undefined => parseRetryAfter(value, new Date()) ?? undefined;

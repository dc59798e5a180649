import { env } from "@/env";
import { signalOutbox } from "@/server/events/outbox-signal";
import { lastForwardedHop } from "@/server/http/client-address";
import { AppError } from "@/server/errors";
import { hashInboundToken, looksLikeInboundToken } from "@/server/integrations/inbound-token";
import type { InboundRequest } from "@/server/integrations/provider";
import { providerFor } from "@/server/integrations/registry";
import { findHookTarget, type HookTarget } from "./find-hook-target";
import { takeHookSlot } from "./hook-rate-limit";
import { acceptsContentType, parseInboundPayload } from "./inbound-payload";
import { jsonbSafeText, needsJsonbCleaning } from "./jsonb-safe";
import { readLimitedBody } from "./read-body";
import { headersToStore } from "./stored-headers";
import { countRefusal, refusedAddressWait } from "./refused-requests";
import { recordAuthFailure, storeWebhookEvent } from "./store-webhook-event";

const HOOK_PATH = /^\/api\/hooks\/([^/]+)\/?$/;
// A verification failure re-reads the integration when its cached copy is older than this: a
// rotated signing secret works at once, while a flood of forgeries costs one read a second.
const REVERIFY_AFTER_MS = 1_000;

/** What the receiver needs of a request, whichever server it came through. */
export type HookRequest = {
  method: string;
  /** The full URL (path and query). */
  url: string;
  /** Lower-cased names → values. */
  headers: Readonly<Record<string, string>>;
  /**
   * The raw body, or null once it exceeds `limit` bytes (read only once the request got that far).
   * Rejects with a `HookRefusal` when the sender is too slow to send it.
   */
  readBody: (limit: number) => Promise<Buffer | null>;
  /** Where the request came from (the socket, or the proxy's X-Forwarded-For with TRUST_PROXY): refusals are counted per address. */
  sourceAddress: string;
};
export type HookAnswer = { status: number; headers: Record<string, string>; body: string; /** Counted against the source address. */ refused?: true };

/** A refusal raised below the receiver (the body was too slow to arrive). */
export class HookRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HookAnswer {
  return { status, body: JSON.stringify(body), headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } };
}
const refused = (status: number, body: unknown, headers: Record<string, string> = {}): HookAnswer => ({ ...json(status, body, headers), refused: true });

// Unknown and inactive integrations answer alike, so the URL reveals nothing about which.
const notFound = () => refused(404, { error: "Not found" });

/**
 * `POST /api/hooks/<token>`: the inbound webhook receiver. Public by design, so it refuses
 * cheaply first and stores nothing it has not verified: method, token shape, size, integration,
 * content type, signature (on the raw body), the integration's rate limit (verified deliveries
 * only), JSON, payload schema, duplicate delivery id. What passes is stored RECEIVED and
 * acknowledged with 202 before any processing; the outbox relay hands it to the runtime. Errors
 * are `{ "error": "…" }`, never a stack trace. Every refusal counts against the source address
 * (refused-requests.ts), and once that is over its budget its refusals are answered 429 — but a
 * genuine delivery from it still goes through: senders share addresses (GitHub's hook servers
 * deliver for everyone, forgers included), and verifying is cheap.
 *
 * Served two ways over this one function: `receiveHook` (Web-standard, the App Router route) and
 * `serveHook` (server.ts, before Next's router and without building a Web Request: this is the
 * hottest public path, and the Web layer cost it ~40 % of its CPU).
 */
export async function handleHook(request: HookRequest): Promise<HookAnswer> {
  let answer: HookAnswer;
  try {
    answer = await receive(request);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) answer = refused(error.status, { error: error.message });
    else if (error instanceof HookRefusal) answer = refused(error.status, { error: error.message });
    else {
      console.error(`[hooks] ${request.method} inbound webhook failed:`, error);
      return json(500, { error: "Internal server error" });
    }
  }
  const over = answer.refused ? await countRefusal(request.sourceAddress) : null;
  return over === null ? answer : tooManyRefused(over);
}

const tooManyRefused = (wait: number) => json(429, { error: `Too many refused requests from this address; retry in ${wait} s` }, { "retry-after": String(wait) });

/** The client address the Web-standard path sees: the last X-Forwarded-For hop (server.ts sets it from the socket unless TRUST_PROXY). */
function forwardedAddress(headers: Readonly<Record<string, string>>): string {
  return lastForwardedHop(headers["x-forwarded-for"]) ?? "unknown";
}

/** The Web-standard handler (App Router route, tests). */
export async function receiveHook(request: Request): Promise<Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const answer = await handleHook({ method: request.method, url: request.url, headers, readBody: (limit) => readLimitedBody(request, limit), sourceAddress: forwardedAddress(headers) });
  // A string body, even "", would get a text/plain content type: an empty answer has none.
  return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
}

async function receive(request: HookRequest): Promise<HookAnswer> {
  if (request.method !== "POST") return refused(405, { error: `Method ${request.method} not allowed: inbound webhooks are POST requests` }, { allow: "POST" });
  const token = HOOK_PATH.exec(pathOf(request.url))?.[1];
  if (!token || !looksLikeInboundToken(token)) return notFound();

  const limit = env().INBOUND_MAX_BODY_BYTES;
  const rawBody = await request.readBody(limit);
  if (!rawBody) return refused(413, { error: `Request body too large: the limit is ${limit} bytes` });

  const tokenHash = hashInboundToken(token);
  let target = await findHookTarget(tokenHash);
  if (!target) return notFound();

  const contentType = request.headers["content-type"] ?? null;
  const provider = providerFor(target.integration.type);
  if (!acceptsContentType(provider, contentType)) {
    const accepted = provider.inbound.decodeForm ? "application/json or application/x-www-form-urlencoded" : "application/json";
    return refused(415, { error: `Content-Type must be ${accepted} (got ${contentType ? JSON.stringify(contentType) : "none"})` });
  }

  const inbound: InboundRequest = { headers: request.headers, rawBody, receivedAt: new Date(), url: request.url };
  const verified = async (t: HookTarget) => (await provider.inbound.verify(inbound, t.secrets, t.config)).ok;
  if (!(await verified(target))) {
    const fresh = Date.now() - target.loadedAt > REVERIFY_AFTER_MS ? await findHookTarget(tokenHash, { maxAgeMs: 0 }) : target;
    if (!fresh) return notFound();
    if (fresh === target || !(await verified(fresh))) return refuseUnverified(fresh, inbound.receivedAt, request.sourceAddress);
    target = fresh;
  }

  // Only verified deliveries spend the integration's budget: forgeries cannot silence its URL.
  const slot = await takeHookSlot(target.integration.id);
  if (!slot.allowed) {
    return json(429, { error: `Too many requests for this integration; retry in ${slot.resetSeconds} s` }, { "retry-after": String(slot.resetSeconds) });
  }

  const text = rawBody.toString("utf8");
  const payload = parseInboundPayload(provider, contentType, text);

  const handshake = provider.inbound.handshake?.(payload);
  if (handshake) return json(200, handshake);

  const { eventType, deliveryId } = provider.inbound.envelope(inbound, payload, target.config);
  const check = provider.inbound.validate(eventType, payload, target.config);
  if (!check.ok) {
    const shown = check.errors.slice(0, 5).join("; ");
    const what = eventType ? `the ${provider.label} "${eventType}" schema` : `a ${provider.label} delivery`;
    return refused(422, { error: `Payload does not match ${what}: ${shown}`, errors: check.errors });
  }
  if (!eventType) return refused(400, { error: `The request names no event type: it is not a ${provider.label} delivery` });
  // Identifiers, stored as text: a NUL (PostgreSQL text cannot hold it) or a lone surrogate is no sender's.
  for (const [what, value] of [["event type", eventType], ["delivery id", deliveryId]] as const) {
    if (value !== null && needsJsonbCleaning(value)) {
      return refused(400, { error: `The ${what} contains a NUL character or a lone UTF-16 surrogate: ${JSON.stringify(jsonbSafeText(value))}` });
    }
  }

  const stored = await storeWebhookEvent(target, { eventType, deliveryId, headers: headersToStore(inbound.headers), body: text, receivedAt: inbound.receivedAt });
  if (!stored.duplicate) signalOutbox(); // the relay hands it to the runtime now; it coalesces wakes while a pass runs
  if (provider.inbound.silentAcknowledgement?.(payload)) return { status: 200, headers: { "cache-control": "no-store" }, body: "" };
  if (stored.duplicate) return json(200, { status: "duplicate", id: stored.id });
  return json(202, { status: "received", id: stored.id });
}

function pathOf(url: string): string {
  const start = url.indexOf("://") < 0 ? 0 : url.indexOf("/", url.indexOf("://") + 3);
  if (start < 0) return "/";
  const end = url.search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

async function refuseUnverified(target: HookTarget, at: Date, address: string): Promise<HookAnswer> {
  // An address already over its budget is answered 429 without another write.
  if ((await refusedAddressWait(address)) === null) await recordAuthFailure(target, at);
  return refused(401, { error: "Signature verification failed" });
}

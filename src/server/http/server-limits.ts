import type { IncomingMessage, Server } from "node:http";
import { env } from "@/env";
import { lastForwardedHop } from "./client-address";

/**
 * Node's defaults give a client 60 s to send its headers and 5 minutes for a whole request, so a
 * few slow clients hold connections (and their buffers) for minutes. Ours are shorter; the inbound
 * receiver cuts bodies off sooner still (INBOUND_BODY_TIMEOUT_MS, see docs/integrations.md).
 * A REST upload of the largest body (16 MB) still fits at ~300 KB/s.
 */
export const HEADERS_TIMEOUT_MS = 15_000;
export const REQUEST_TIMEOUT_MS = 60_000;

export function applyServerLimits(server: Server): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
}

/**
 * The client's address: the socket's, or with TRUST_PROXY the last X-Forwarded-For hop (the one
 * our own proxy added), as sign-in rate limits read it.
 */
export function sourceAddress(req: IncomingMessage): string {
  if (env().TRUST_PROXY) {
    const last = lastForwardedHop(req.headers["x-forwarded-for"]);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

import { createHash, randomBytes } from "node:crypto";

/**
 * The token in an integration's inbound URL (`/api/hooks/<token>`): 32 random bytes, base64url,
 * prefixed so it is recognisable in logs and secret scanners. Looked up by its SHA-256 (fast,
 * and enough for a high-entropy token); stored encrypted as well, so the URL can be shown again.
 */
export const INBOUND_TOKEN_PREFIX = "sbh_";

export function generateInboundToken(): string {
  return INBOUND_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashInboundToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a path segment could be a token at all: a cheap refusal before any database work. */
export function looksLikeInboundToken(value: string): boolean {
  return value.startsWith(INBOUND_TOKEN_PREFIX) && value.length === INBOUND_TOKEN_PREFIX.length + 43 && /^[A-Za-z0-9_-]+$/.test(value.slice(4));
}

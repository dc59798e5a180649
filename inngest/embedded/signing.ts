import { createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Inngest request signatures: `t=<unix seconds>&s=<hex HMAC-SHA256>` over the canonical JSON
 * (RFC 8785) of the body followed by `t`, keyed by the signing key without its
 * `signkey-<env>-` prefix — what the SDK's serve handler verifies.
 */
const stripPrefix = (key: string) => key.replace(/^signkey-[\w]+-/, "");

export function signBody(body: unknown, signingKey: string, now = Date.now()): string {
  const t = Math.round(now / 1_000).toString();
  const encoded = typeof body === "string" ? body : (canonicalize(body) ?? "");
  const s = createHmac("sha256", stripPrefix(signingKey)).update(encoded).update(t).digest("hex");
  return `t=${t}&s=${s}`;
}

/** Checks a signature made by `signBody` (the SDK signs its responses the same way). */
export function verifySignature(header: string | null, body: unknown, signingKey: string, now = Date.now()): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = params.get("t");
  const s = params.get("s");
  if (!t || !s || Math.abs(now - Number(t) * 1_000) > 5 * 60_000) return false;
  const expected = signBody(body, signingKey, Number(t) * 1_000).split("&s=")[1];
  return expected.length === s.length && timingSafeEqual(Buffer.from(expected), Buffer.from(s));
}

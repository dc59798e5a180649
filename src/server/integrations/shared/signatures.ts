import { createHmac, timingSafeEqual } from "node:crypto";
import type { Verification } from "../provider";

export const VERIFIED: Verification = { ok: true };
export const refuse = (reason: string): Verification => ({ ok: false, reason });

/** HMAC-SHA256 of `data` (the raw body, or the provider's signed string) with `key`. */
export function hmacSha256(key: string | Buffer, ...data: (string | Buffer)[]): Buffer {
  const mac = createHmac("sha256", key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

/**
 * Constant-time equality of two byte strings. Lengths are compared first: for digests the length
 * is public (it is the algorithm's), so only the contents need the constant-time comparison.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === "string" ? Buffer.from(a, "utf8") : a;
  const right = typeof b === "string" ? Buffer.from(b, "utf8") : b;
  return left.length === right.length && timingSafeEqual(left, right);
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `<prefix><hex HMAC-SHA256 of body>` (GitHub-style `sha256=…`, Forgejo's bare hex, …).
 * The hex is decoded and the digests compared, so upper- and lower-case hex both pass.
 */
export function verifyHexHmac(input: {
  signature: string | undefined;
  headerName: string;
  prefix?: string;
  secret: string | undefined;
  body: Buffer;
}): Verification {
  const { signature, headerName, prefix = "", secret, body } = input;
  if (!secret) return refuse("no signing secret is configured for this integration");
  if (!signature) return refuse(`the ${headerName} header is missing`);
  if (!signature.startsWith(prefix)) return refuse(`${headerName} must look like "${prefix}<hex HMAC-SHA256>"`);
  const hex = signature.slice(prefix.length);
  if (!HEX_SHA256.test(hex)) return refuse(`${headerName} must look like "${prefix}<hex HMAC-SHA256>"`);
  return safeEqual(Buffer.from(hex, "hex"), hmacSha256(secret, body))
    ? VERIFIED
    : refuse(`${headerName} does not match the body signed with the configured secret`);
}

/**
 * A shared secret sent as-is (GitLab's X-Gitlab-Token, a Bearer token), compared in constant
 * time. `label` names where it came from in the reason: "the X-Gitlab-Token header".
 */
export function verifySharedToken(input: { token: string | undefined; label: string; secret: string | undefined }): Verification {
  const { token, label, secret } = input;
  if (!secret) return refuse("no secret token is configured for this integration");
  if (!token) return refuse(`${label} is missing`);
  // Hash both sides so the comparison is constant-time whatever the lengths.
  return safeEqual(hmacSha256("token", token), hmacSha256("token", secret))
    ? VERIFIED
    : refuse(`${label} does not match the configured secret`);
}

import { createHash, randomBytes } from "node:crypto";

/**
 * An API token: `sb_` + 32 random bytes in base64url (43 characters). The prefix lets secret
 * scanners match leaked tokens. Only the SHA-256 of the whole string is stored: with 256 random
 * bits a slow hash buys nothing, and the lookup on every API request stays one indexed read.
 */
export const API_TOKEN_PREFIX = "sb_";
const BODY_LENGTH = 43;

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What lists show to tell tokens apart: `sb_` and the first 6 characters after it. */
export function displayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}

/** Whether a string could be a token at all: a refusal that costs no database work. */
export function looksLikeApiToken(value: string): boolean {
  return value.length === API_TOKEN_PREFIX.length + BODY_LENGTH && value.startsWith(API_TOKEN_PREFIX) && /^[A-Za-z0-9_-]+$/.test(value.slice(API_TOKEN_PREFIX.length));
}

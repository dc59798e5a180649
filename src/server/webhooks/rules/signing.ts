import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/**
 * Signatures
 * ==========
 *
 * Every delivery is signed per Standard Webhooks (https://www.standardwebhooks.com), so any of
 * its libraries verifies it:
 * - `webhook-id`: the message id, the same on every retry: use it to drop duplicates;
 * - `webhook-timestamp`: seconds since the epoch when this attempt was signed; refuse old ones
 *   (the libraries allow 5 minutes) so a captured request cannot be replayed later;
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed by the
 *   secret's bytes (the base64 after `whsec_`).
 *
 * While a secret is being rotated, the header carries one signature per secret, the new one
 * first, separated by spaces (`v1,abc… v1,def…`); a receiver holding either secret accepts the
 * delivery, so it can switch at its own pace within the grace period.
 */
const PREFIX = "whsec_";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A new secret: `whsec_` and 32 random bytes in base64. Shown once, stored encrypted. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** Whether `value` is a Standard Webhooks secret: `whsec_` and 24 to 64 bytes in base64. */
export function isWebhookSecret(value: string): boolean {
  if (typeof value !== "string" || !value.startsWith(PREFIX)) return false;
  const encoded = value.slice(PREFIX.length);
  if (!BASE64.test(encoded)) return false;
  const bytes = Buffer.from(encoded, "base64").length;
  return bytes >= 24 && bytes <= 64;
}

export type SignatureHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** Headers signing exactly `body`; `secrets` lists the current secret first, then any still in grace. */
export function signatureHeaders(input: {
  messageId: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): SignatureHeaders {
  const { messageId, timestamp, body, secrets } = input;
  if (secrets.length === 0) throw new Error("signatureHeaders: at least one secret is needed");
  if (!messageId) throw new Error("signatureHeaders: a message id is needed");
  for (const secret of secrets) {
    // A stored secret that is not one would sign with garbage: better to fail loudly here.
    if (!isWebhookSecret(secret)) throw new Error("signatureHeaders: a secret is not a whsec_ secret");
  }
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(" "),
  };
}

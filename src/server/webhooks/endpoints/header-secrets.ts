import { decryptSecret, encryptSecret } from "@/server/secrets/crypto";
import { isCredentialName } from "@/server/secrets/mask";

/**
 * Credential headers at rest. The values of a webhook's credential-like extra headers
 * (`authorization`, `x-api-key`, … — the names `maskHeaders` masks) are stored encrypted like
 * every other secret, in the endpoint and in each attempt's copy of the request headers; other
 * headers and our own `webhook-…` signature headers stay readable. Rows written before this
 * hold such values in clear: they are read as they are, and server.ts encrypts the endpoints'
 * at start (seal-legacy-headers.ts; SQL has no key, so the migration could only mask attempts).
 */

// An encrypted value as encryptSecret writes it: v1:<kid>:<iv>:<tag>:<ciphertext>.
const ENVELOPE = /^v1:[A-Za-z0-9_.-]{1,32}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/;

function isSecretHeader(name: string): boolean {
  return isCredentialName(name) && !name.toLowerCase().startsWith("webhook-");
}

/** Headers as stored: credential values encrypted. */
export function sealHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSecretHeader(name) ? encryptSecret(value) : value]));
}

/** Stored headers as sent: credential values decrypted; a value stored in clear before encryption is read as it is. */
export function openHeaders(stored: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((stored ?? {}) as Record<string, string>).map(([name, value]) => [
      name,
      isSecretHeader(name) && ENVELOPE.test(value) ? decryptSecret(value) : value,
    ]),
  );
}

/** Whether stored headers still hold a credential value in clear (written before encryption). */
export function hasClearCredential(stored: unknown): boolean {
  return Object.entries((stored ?? {}) as Record<string, string>).some(([name, value]) => isSecretHeader(name) && !ENVELOPE.test(value));
}

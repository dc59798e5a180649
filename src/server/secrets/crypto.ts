import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/env";

/**
 * Secrets at rest (SSO client secrets, integration tokens, webhook signing secrets): AES-256-GCM
 * in a self-describing envelope `v1:<kid>:<iv b64>:<tag b64>:<ciphertext b64>`.
 *
 * Keys come from SECRETS_KEY, `kid:base64key[,kid:base64key…]`. The first key encrypts; every
 * listed key decrypts, so rotation is: prepend a new key, re-encrypt at leisure, drop the old one.
 * The version and key id are bound as associated data, so an envelope cannot be relabelled.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;

export type Keyring = { currentKid: string; keys: ReadonlyMap<string, Buffer> };

export class SecretKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyConfigError";
  }
}

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

/** Parses a SECRETS_KEY value. Messages never include key material. */
export function parseKeyring(spec: string | undefined): Keyring {
  if (!spec?.trim()) {
    throw new SecretKeyConfigError("SECRETS_KEY is not set (expected kid:base64key, a 32-byte key in base64)");
  }
  const keys = new Map<string, Buffer>();
  let currentKid: string | undefined;
  spec.split(",").forEach((entry, index) => {
    const trimmed = entry.trim();
    const colon = trimmed.indexOf(":");
    const kid = colon > 0 ? trimmed.slice(0, colon) : "";
    const where = `SECRETS_KEY entry ${index + 1}`;
    if (!KID_PATTERN.test(kid)) throw new SecretKeyConfigError(`${where} must look like kid:base64key (kid: letters, digits, . _ -)`);
    const key = Buffer.from(trimmed.slice(colon + 1), "base64");
    if (key.length !== 32) throw new SecretKeyConfigError(`${where} (${kid}) must be a 32-byte key in base64, got ${key.length} bytes`);
    if (keys.has(kid)) throw new SecretKeyConfigError(`${where}: key id ${kid} is listed twice`);
    keys.set(kid, key);
    currentKid ??= kid;
  });
  return { currentKid: currentKid!, keys };
}

let cached: { spec: string | undefined; keyring: Keyring } | undefined;

/** The keyring from the environment, parsed once per distinct SECRETS_KEY value. */
export function keyringFromEnv(): Keyring {
  const spec = env().SECRETS_KEY;
  if (!cached || cached.spec !== spec) cached = { spec, keyring: parseKeyring(spec) };
  return cached.keyring;
}

const aad = (kid: string) => Buffer.from(`${VERSION}:${kid}`);

export function encryptSecret(plaintext: string, keyring: Keyring = keyringFromEnv()): string {
  const kid = keyring.currentKid;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.keys.get(kid)!, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(kid));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, kid, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptSecret(envelope: string, keyring: Keyring = keyringFromEnv()): string {
  const parts = envelope.split(":");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretDecryptionError("Not an encrypted secret (unknown format)");
  const [, kid, ivB64, tagB64, dataB64] = parts;
  const key = keyring.keys.get(kid);
  if (!key) throw new SecretDecryptionError(`This secret was encrypted with key "${kid}", which is not in SECRETS_KEY`);
  const iv = Buffer.from(ivB64, "base64");
  const tag = Buffer.from(tagB64, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("Encrypted secret is malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(kid));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("Encrypted secret failed its integrity check (tampered, or the key is wrong)");
  }
}

/** True when the envelope was written with a key other than the current one (re-encrypt it). */
export function isEncryptedWithOldKey(envelope: string, keyring: Keyring = keyringFromEnv()): boolean {
  return envelope.split(":")[1] !== keyring.currentKid;
}

/**
 * What a secret looks like after creation: "***" plus at most its last 4 characters, and only
 * when it is long enough that those reveal little (a quarter or less).
 */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return "";
  return secret.length >= 16 ? `***${secret.slice(-4)}` : "***";
}

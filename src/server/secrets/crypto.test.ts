import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import {
  decryptSecret,
  encryptSecret,
  isEncryptedWithOldKey,
  keyringFromEnv,
  maskSecret,
  parseKeyring,
  SecretDecryptionError,
  SecretKeyConfigError,
} from "./crypto";

const newKey = () => randomBytes(32).toString("base64");
const oldKey = newKey();
const currentKey = newKey();
const oldRing = parseKeyring(`old:${oldKey}`);
const rotatedRing = parseKeyring(`new:${currentKey},old:${oldKey}`);

describe("encryptSecret / decryptSecret", () => {
  it("round-trips a secret inside a v1 envelope that does not contain it", () => {
    const secret = "client-secret-ünïcode-🔑";
    const envelope = encryptSecret(secret, oldRing);
    expect(envelope).toMatch(/^v1:old:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(envelope).not.toContain("client-secret");
    expect(decryptSecret(envelope, oldRing)).toBe(secret);
  });

  it("uses a fresh IV every time", () => {
    expect(encryptSecret("same", oldRing)).not.toBe(encryptSecret("same", oldRing));
  });

  it("encrypts with the first key and still decrypts with an older one (rotation)", () => {
    const writtenBeforeRotation = encryptSecret("rotate me", oldRing);
    expect(decryptSecret(writtenBeforeRotation, rotatedRing)).toBe("rotate me");
    expect(isEncryptedWithOldKey(writtenBeforeRotation, rotatedRing)).toBe(true);

    const writtenAfter = encryptSecret("rotate me", rotatedRing);
    expect(writtenAfter.startsWith("v1:new:")).toBe(true);
    expect(isEncryptedWithOldKey(writtenAfter, rotatedRing)).toBe(false);
  });

  it("refuses an envelope whose key is no longer configured, naming the key id", () => {
    const envelope = encryptSecret("gone", rotatedRing);
    expect(() => decryptSecret(envelope, oldRing)).toThrow(/key "new", which is not in SECRETS_KEY/);
  });

  it("refuses tampered ciphertext, tag, or a relabelled key id", () => {
    const envelope = encryptSecret("do not touch", rotatedRing);
    const [v, kid, iv, tag, data] = envelope.split(":");
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[0] ^= 1;
      return bytes.toString("base64");
    };
    expect(() => decryptSecret([v, kid, iv, tag, flip(data)].join(":"), rotatedRing)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret([v, kid, iv, flip(tag), data].join(":"), rotatedRing)).toThrow(SecretDecryptionError);
    // Same key bytes under another id: the id is authenticated, so this fails too.
    const twin = parseKeyring(`new:${currentKey},twin:${currentKey}`);
    expect(() => decryptSecret([v, "twin", iv, tag, data].join(":"), twin)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("plaintext", rotatedRing)).toThrow(SecretDecryptionError);
  });
});

describe("parseKeyring", () => {
  it("explains bad settings without echoing key material", () => {
    expect(() => parseKeyring(undefined)).toThrow(SecretKeyConfigError);
    expect(() => parseKeyring("k1:" + Buffer.alloc(16).toString("base64"))).toThrow(/32-byte key.*got 16 bytes/);
    expect(() => parseKeyring(`${currentKey}`)).toThrow(/kid:base64key/);
    expect(() => parseKeyring(`a:${currentKey},a:${oldKey}`)).toThrow(/listed twice/);
    try {
      parseKeyring(`bad id:${currentKey}`);
    } catch (error) {
      expect(String(error)).not.toContain(currentKey);
    }
  });
});

describe("keyringFromEnv", () => {
  const saved = process.env.SECRETS_KEY;
  afterEach(() => {
    process.env.SECRETS_KEY = saved;
    resetEnvCache();
  });

  it("reads SECRETS_KEY and follows changes to it", () => {
    process.env.SECRETS_KEY = `old:${oldKey}`;
    resetEnvCache();
    const envelope = encryptSecret("from env");
    expect(keyringFromEnv().currentKid).toBe("old");
    process.env.SECRETS_KEY = `new:${currentKey},old:${oldKey}`;
    resetEnvCache();
    expect(keyringFromEnv().currentKid).toBe("new");
    expect(decryptSecret(envelope)).toBe("from env");
  });
});

describe("maskSecret", () => {
  it("shows at most the last 4 characters, and none of a short secret", () => {
    expect(maskSecret("abcdefghijklmnopWXYZ")).toBe("***WXYZ");
    expect(maskSecret("short-secret")).toBe("***");
    expect(maskSecret("")).toBe("");
    expect(maskSecret(null)).toBe("");
  });
});

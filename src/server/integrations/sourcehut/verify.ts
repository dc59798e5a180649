import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { InboundRequest, StoredConfig, Verification } from "../provider";
import { header } from "../shared/headers";
import { VERIFIED, refuse } from "../shared/signatures";
import { SRHT_PUBLIC_KEY, isEd25519PublicKey } from "./config";

/**
 * sr.ht signs every delivery with its instance key: `X-Payload-Signature` is the base64 Ed25519
 * signature of the body followed by `X-Payload-Nonce` (as ASCII). Nothing secret is shared, so
 * verification needs only the public key from the config (sr.ht's published key by default).
 */
const keys = new Map<string, KeyObject>();

function publicKey(base64: string): KeyObject {
  let key = keys.get(base64);
  if (!key) {
    key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(base64, "base64").toString("base64url") }, format: "jwk" });
    keys.set(base64, key);
  }
  return key;
}

export function verifySourcehut(request: InboundRequest, config: StoredConfig = {}): Verification {
  const configured = typeof config.publicKey === "string" ? config.publicKey : SRHT_PUBLIC_KEY;
  if (!isEd25519PublicKey(configured)) return refuse("the configured publicKey is not a base64 Ed25519 public key");
  const signature = header(request, "x-payload-signature");
  const nonce = header(request, "x-payload-nonce");
  if (!signature) return refuse("the X-Payload-Signature header is missing");
  if (!nonce) return refuse("the X-Payload-Nonce header is missing");
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return refuse("X-Payload-Signature must be a base64 Ed25519 signature (64 bytes)");
  const signed = Buffer.concat([request.rawBody, Buffer.from(nonce, "ascii")]);
  return verify(null, signed, publicKey(configured), bytes)
    ? VERIFIED
    : refuse(
        configured === SRHT_PUBLIC_KEY
          ? "X-Payload-Signature does not verify with sr.ht's published key (a self-hosted instance needs its own publicKey)"
          : "X-Payload-Signature does not verify with the configured publicKey",
      );
}

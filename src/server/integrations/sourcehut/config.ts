import { z } from "zod";
import { baseUrl, configObject, optionalToken, text } from "../shared/config-fields";

/**
 * The Ed25519 public key the sr.ht instance signs webhooks with. The default is the one sr.ht's
 * documentation publishes for the hosted service (man.sr.ht, "api-conventions.md", Webhook
 * signatures); a self-hosted instance has its own (its `[webhooks] private-key`'s public half).
 */
export const SRHT_PUBLIC_KEY = "uX7KWyyDNMaBma4aVbJ/cbUQpdjqczuCyK/HxzV/u+4=";

const REPOSITORY = /^~[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+$/;

/** Whether `value` is a base64 Ed25519 public key (32 bytes). */
export function isEd25519PublicKey(value: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32;
}

export const sourcehutConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://git.sr.ht").default("https://git.sr.ht"),
  repository: text("repository", 'a string like "~user/name"').regex(REPOSITORY, 'repository must be "~owner/name", e.g. "~sircmpwn/hare"'),
  publicKey: text("publicKey", "a base64 Ed25519 public key")
    .refine(isEd25519PublicKey, "publicKey must be the instance's Ed25519 public key in base64 (44 characters ending in =)")
    .default(SRHT_PUBLIC_KEY),
  token: optionalToken("token"),
});

export type SourcehutConfig = z.output<typeof sourcehutConfigSchema>;

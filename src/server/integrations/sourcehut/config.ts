import { z } from "zod";
import { issueSyncSchema } from "@/server/issue-sync/settings";
import { baseUrl, configObject, optionalToken, text } from "../shared/config-fields";

/**
 * The Ed25519 public key the sr.ht instance signs webhooks with. The default is the one sr.ht's
 * documentation publishes for the hosted service (man.sr.ht, "api-conventions.md", Webhook
 * signatures); a self-hosted instance has its own (its `[webhooks] private-key`'s public half).
 */
export const SRHT_PUBLIC_KEY = "uX7KWyyDNMaBma4aVbJ/cbUQpdjqczuCyK/HxzV/u+4=";

const REPOSITORY = /^~[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+$/;
// sr.ht's own rules: usernames start with a letter or "_" (lower-case letters, digits, "_", "-"),
// tracker names are letters, digits, ".", "_" and "-".
const TRACKER = /^~[a-z_][a-z0-9_-]*\/[A-Za-z0-9._-]{1,255}$/;

/** Whether `value` is a base64 Ed25519 public key (32 bytes). */
export function isEd25519PublicKey(value: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32;
}

/**
 * A git.sr.ht repository (its push webhooks), a todo.sr.ht tracker (its ticket webhooks and the
 * issue sync), or both: one of `repository` and `tracker` is needed, and `tracker` for issueSync.
 */
export const sourcehutConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://git.sr.ht").default("https://git.sr.ht"),
  repository: text("repository", 'a string like "~user/name"').regex(REPOSITORY, 'repository must be "~owner/name", e.g. "~sircmpwn/hare"').optional(),
  todoUrl: baseUrl("todoUrl", "https://todo.sr.ht").optional(),
  tracker: text("tracker", 'a string like "~owner/tracker-name"').regex(TRACKER, 'tracker must be "~owner/tracker-name", e.g. "~sircmpwn/hare"').optional(),
  publicKey: text("publicKey", "a base64 Ed25519 public key")
    .refine(isEd25519PublicKey, "publicKey must be the instance's Ed25519 public key in base64 (44 characters ending in =)")
    .default(SRHT_PUBLIC_KEY),
  token: optionalToken("token"),
  issueSync: issueSyncSchema.optional(),
}).superRefine((config, ctx) => {
  if (!config.repository && !config.tracker) {
    ctx.addIssue({ code: "custom", path: ["repository"], message: 'repository is required (or tracker, for a todo.sr.ht tracker): "~owner/name"' });
  }
  if (config.issueSync && !config.tracker) {
    ctx.addIssue({ code: "custom", path: ["tracker"], message: 'tracker is required for issueSync: the todo.sr.ht tracker to sync with, "~owner/tracker-name"' });
  }
});

export type SourcehutConfig = z.output<typeof sourcehutConfigSchema>;

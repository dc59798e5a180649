import { z } from "zod";
import { issueSyncSchema } from "@/server/issue-sync/settings";
import { baseUrl, configObject, optionalToken, secret, text } from "../shared/config-fields";

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const forgejoConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://codeberg.org"),
  repository: text("repository", 'a string like "owner/name"').regex(REPOSITORY, 'repository must be "owner/name", e.g. "forgejo/forgejo"'),
  webhookSecret: secret("webhookSecret", 16),
  token: optionalToken("token"),
  issueSync: issueSyncSchema.optional(),
});

export type ForgejoConfig = z.output<typeof forgejoConfigSchema>;

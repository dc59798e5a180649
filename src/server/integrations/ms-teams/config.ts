import { z } from "zod";
import { configObject, secret } from "../shared/config-fields";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Either half may be configured alone: `webhookUrl` to post notifications (a Workflows trigger;
 * Office 365 connectors are retired), `hmacSecret` for an outgoing webhook that sends @mentions
 * to Switchboard. Without `hmacSecret` every inbound request is refused (index.ts).
 */
export const msTeamsConfigSchema = configObject({
  // http is taken too, for a host the operator allow-listed (WEBHOOK_ALLOWED_TARGETS): sending
  // refuses plain http anywhere else (platformFetch), as it refuses private addresses.
  webhookUrl: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && ["https:", "http:"].includes(new URL(value).protocol), "webhookUrl must be a URL like https://…/workflows/…/triggers/manual/paths/invoke?… (a Teams Workflows webhook URL)")
    .optional(),
  hmacSecret: secret("hmacSecret", 16)
    .refine(
      (value) => BASE64.test(value) && Buffer.from(value, "base64").length >= 16,
      "hmacSecret must be the security token Teams shows when the outgoing webhook is created (base64)",
    )
    .optional(),
}).refine((config) => config.webhookUrl !== undefined || config.hmacSecret !== undefined, {
  message: "webhookUrl is required to post notifications (or give hmacSecret, for an outgoing webhook that only sends to Switchboard)",
  path: ["webhookUrl"],
});

export type MsTeamsConfig = z.output<typeof msTeamsConfigSchema>;

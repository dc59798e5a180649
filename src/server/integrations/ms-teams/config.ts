import { z } from "zod";
import { configObject, httpsUrl, secret } from "../shared/config-fields";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const msTeamsConfigSchema = configObject({
  // An incoming webhook (Workflows or the older connector) to post notifications to.
  webhookUrl: httpsUrl("webhookUrl", "https://….webhook.office.com/webhookb2/… or a Workflows URL").optional(),
  hmacSecret: secret("hmacSecret", 16).refine(
    (value) => BASE64.test(value) && Buffer.from(value, "base64").length >= 16,
    "hmacSecret must be the security token Teams shows when the outgoing webhook is created (base64)",
  ),
});

export type MsTeamsConfig = z.output<typeof msTeamsConfigSchema>;

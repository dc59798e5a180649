import { z } from "zod";
import { configObject, optionalToken, secret, text } from "../shared/config-fields";

export const statuspageConfigSchema = configObject({
  pageId: text("pageId", "the page id from Statuspage's API settings").regex(
    /^[a-z0-9]{6,32}$/i,
    "pageId must be the page's id (letters and digits, as shown under API info), not its URL",
  ),
  apiKey: optionalToken("apiKey"),
  webhookSecret: secret("webhookSecret", 16),
});

export type StatuspageConfig = z.output<typeof statuspageConfigSchema>;

import { z } from "zod";
import { configObject, httpsUrl, secret, text } from "../shared/config-fields";

export const slackConfigSchema = configObject({
  signingSecret: secret("signingSecret", 16),
  webhookUrl: httpsUrl("webhookUrl", "https://hooks.slack.com/services/T…/B…/…", /^hooks\.slack\.com$/).optional(),
  channel: text("channel", 'a channel like "#alerts" or its id')
    .regex(/^(?:#[a-z0-9._-]{1,80}|[CGD][A-Z0-9]{8,})$/, 'channel must be "#name" (lower-case) or a channel id like "C0123456789"')
    .optional(),
});

export type SlackConfig = z.output<typeof slackConfigSchema>;

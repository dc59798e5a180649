import { z } from "zod";
import { baseUrl, configObject, secret, text } from "../shared/config-fields";

/** Slack's own hosts for incoming webhooks: the commercial cloud and GovSlack. */
const SLACK_WEBHOOK_HOSTS = new Set(["hooks.slack.com", "hooks.slack-gov.com"]);
const WEBHOOK_EXAMPLE = "https://hooks.slack.com/services/T…/B…/…";

/** Checked again, with the apiUrl, by the config's refinement below: here only that it is a URL at all. */
const webhookUrl = (field: string) =>
  z
    .string({ error: `${field} must be a URL like ${WEBHOOK_EXAMPLE}` })
    .trim()
    .refine((value) => URL.canParse(value), `${field} must be a URL like ${WEBHOOK_EXAMPLE}`);

/**
 * How Switchboard talks to Slack: inbound (Events API, interactivity) verified by `signingSecret`;
 * notifications by a bot token (channel choice, threads, updates, buttons) or an incoming webhook
 * (one channel, chosen when the webhook was made). `webhook_url` is accepted beside `webhookUrl`
 * as Provenant's documented Slack config (`{"webhook_url", "channel", "username"}`) writes it, and
 * kept as written: read whichever the secrets have with `slackWebhookUrlOf`. `apiUrl` points the
 * bot at another Slack (GovSlack: https://slack-gov.com/api); a webhook URL may then also be on
 * its origin.
 */
export const slackConfigSchema = configObject({
  signingSecret: secret("signingSecret", 16).optional(),
  botToken: z
    .string({ error: "botToken must be a string" })
    .regex(/^xoxb-[A-Za-z0-9-]{10,}$/, "botToken must be a bot token, xoxb-… (OAuth & Permissions → Bot User OAuth Token)")
    .max(1024, "botToken must be at most 1024 characters")
    .optional(),
  webhookUrl: webhookUrl("webhookUrl").optional(),
  webhook_url: webhookUrl("webhook_url").optional(),
  channel: text("channel", 'a channel like "#alerts" or its id')
    .regex(/^(?:#[a-z0-9._-]{1,80}|[CGD][A-Z0-9]{8,})$/, 'channel must be "#name" (lower-case) or a channel id like "C0123456789"')
    .optional(),
  username: text("username", "the name messages are posted under").max(80, "username is at most 80 characters").optional(),
  apiUrl: baseUrl("apiUrl", "https://slack-gov.com/api").optional(),
}).superRefine((config, ctx) => {
  const given = (value: unknown): value is string => typeof value === "string" && value !== "";
  if (!given(config.signingSecret) && !given(config.botToken) && !given(config.webhookUrl) && !given(config.webhook_url)) {
    const message = "webhookUrl (an incoming webhook), botToken (a bot) or signingSecret (events from Slack) is required";
    ctx.addIssue({ code: "custom", path: ["webhookUrl"], message });
  }
  if (given(config.webhookUrl) && given(config.webhook_url) && config.webhookUrl !== config.webhook_url) {
    ctx.addIssue({ code: "custom", path: ["webhook_url"], message: "webhook_url and webhookUrl are different URLs: keep one of them" });
  }
  for (const field of ["webhookUrl", "webhook_url"] as const) {
    const value = config[field];
    if (given(value) && URL.canParse(value) && !isSlackWebhookUrl(value, given(config.apiUrl) ? config.apiUrl : undefined)) {
      const where = given(config.apiUrl) ? ` (or on ${new URL(config.apiUrl).origin}, the apiUrl's host)` : "";
      ctx.addIssue({ code: "custom", path: [field], message: `${field} must be a URL like ${WEBHOOK_EXAMPLE}${where}` });
    }
  }
});

export type SlackConfig = z.output<typeof slackConfigSchema>;

/** Whether `url` is an incoming webhook of Slack (https on its hooks hosts) or of the Slack at `apiUrl` (its origin). */
export function isSlackWebhookUrl(url: string, apiUrl?: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === "https:" && SLACK_WEBHOOK_HOSTS.has(parsed.hostname)) return true;
  return apiUrl !== undefined && URL.canParse(apiUrl) && parsed.origin === new URL(apiUrl).origin;
}

/** The incoming-webhook URL the secrets hold (`webhookUrl`, or its alias `webhook_url`), or undefined. */
export function slackWebhookUrlOf(secrets: Readonly<Record<string, unknown>>): string | undefined {
  const value = secrets.webhookUrl ?? secrets.webhook_url;
  return typeof value === "string" && value !== "" ? value : undefined;
}

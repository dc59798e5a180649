import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const slackConfigHelp = {
  signingSecret: { help: "Your Slack app's Signing Secret (Basic Information), to receive events and button clicks from Slack. Not needed to only send notifications." },
  botToken: {
    help: "The app's Bot User OAuth Token (xoxb-…, OAuth & Permissions), to post as the app: any channel it may post in, threads, message updates and buttons. Scopes: chat:write; chat:write.public to post in public channels without inviting the app; users:read and users:read.email to match button clicks to members.",
  },
  webhookUrl: { help: "An Incoming Webhook URL (https://hooks.slack.com/services/…), to post notifications to the one channel it was made for. It cannot thread or update messages: use botToken for that." },
  webhook_url: { help: "The same as webhookUrl, as Provenant's Slack config writes it (\"webhook_url\"); give one of the two.", starter: false },
  channel: { help: "Where notifications go by default: \"#name\" or a channel id. An incoming webhook always posts to its own channel.", example: "#alerts" },
  username: { help: "Optional: the name messages are posted under (a bot token needs the chat:write.customize scope for it).", example: "Switchboard", starter: false },
  apiUrl: { help: "Optional: another Slack's Web API, e.g. https://slack-gov.com/api for GovSlack. Leave it out for slack.com.", example: "https://slack-gov.com/api", starter: false },
} satisfies ConfigHelp;

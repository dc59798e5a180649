import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const slackConfigHelp = {
  signingSecret: { help: "Your Slack app's Signing Secret (Basic Information)." },
  channel: { help: "Where notifications go: \"#name\" or a channel id.", example: "#alerts" },
  webhookUrl: { help: "An Incoming Webhook URL (https://hooks.slack.com/…), to post notifications." },
} satisfies ConfigHelp;

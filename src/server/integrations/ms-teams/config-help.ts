import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const msTeamsConfigHelp = {
  hmacSecret: { help: "The security token Teams shows once when the outgoing webhook is created (base64)." },
  webhookUrl: { help: "An incoming webhook or Workflows URL, to post notifications." },
} satisfies ConfigHelp;

import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const newRelicConfigHelp = {
  region: { help: "\"US\" or \"EU\": where the account lives.", example: "US" },
  webhookSecret: { help: "A secret New Relic sends as the destination's bearer token (see the setup steps). At least 16 characters; a long random string is best." },
  apiKey: { help: "A New Relic API key, only needed to send metrics." },
} satisfies ConfigHelp;

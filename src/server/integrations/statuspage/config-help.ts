import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const statuspageConfigHelp = {
  pageId: { help: "The page's id, shown under API info (not its URL).", example: "abcd1234efgh" },
  webhookSecret: { help: "A secret Statuspage sends in the subscriber URL (see the setup steps). At least 16 characters; a long random string is best." },
  apiKey: { help: "A Statuspage API key, only needed to update the page." },
} satisfies ConfigHelp;

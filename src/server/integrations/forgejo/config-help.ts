import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const forgejoConfigHelp = {
  baseUrl: { help: "The Forgejo or Gitea instance.", example: "https://codeberg.org" },
  repository: { help: "The repository sending events, \"owner/name\". Deliveries for other repositories (from an organization's webhook) are stored but skipped: no event is published.", example: "owner/name" },
  webhookSecret: { help: "Paste the same value into the webhook's Secret on Forgejo / Gitea. At least 16 characters; a long random string is best." },
  token: { help: "An access token, only needed to act on the instance." },
} satisfies ConfigHelp;

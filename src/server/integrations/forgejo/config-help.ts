import { ISSUE_SYNC_HELP } from "@/server/issue-sync/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const forgejoConfigHelp = {
  baseUrl: { help: "The Forgejo or Gitea instance, as you open it in a browser (its API is under /api/v1 there).", example: "https://codeberg.org" },
  repository: { help: "The repository sending events, \"owner/name\". Deliveries for other repositories (from an organization's webhook) are stored but skipped: no event is published.", example: "owner/name" },
  webhookSecret: { help: "Paste the same value into the webhook's Secret on Forgejo / Gitea. At least 16 characters; a long random string is best." },
  token: {
    help: "An access token (Settings → Applications → Generate new token), only needed to act on the instance. Issue sync needs the scopes write:issue, read:repository and read:user, and its user needs Write access to the repository's issues.",
  },
  issueSync: ISSUE_SYNC_HELP,
} satisfies ConfigHelp;

import { ISSUE_SYNC_HELP } from "@/server/issue-sync/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const gitlabConfigHelp = {
  baseUrl: { help: "Your GitLab's address; https://gitlab.com unless self-managed. The API is reached at <baseUrl>/api/v4.", example: "https://gitlab.com" },
  projectId: { help: "The project: its numeric id or its path, like \"group/project\". Deliveries for other projects (from a group's webhook) are stored but skipped: no event is published. Issue sync creates and updates issues there.", example: "group/project" },
  project_id: { help: "Optional: the same as projectId, written the way Provenant's GitLab config writes it. Give one of the two." },
  branch: { help: "Optional: the project's branch this integration is about, e.g. \"main\" (kept from Provenant's GitLab config; issue sync does not use it)." },
  webhookToken: { help: "Paste the same value into the webhook's Secret token on GitLab. At least 16 characters; a long random string is best." },
  token: { help: "A GitLab access token, only needed to act on GitLab. Issue sync needs the \"api\" scope and at least the Planner or Reporter role on the project (a personal, project or group access token)." },
  issueSync: ISSUE_SYNC_HELP,
  deployments: {
    help: 'Optional. {"push": true} creates Switchboard\'s deployments (those with a commit and a ref; of "service" only, when named) on GitLab once they run, and keeps their status up to date. Needs token with the "api" scope and Developer on the project.',
    example: '{"push": true, "service": "Checkout API"}',
    starter: false,
  },
} satisfies ConfigHelp;

import { ISSUE_SYNC_HELP } from "@/server/issue-sync/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const githubConfigHelp = {
  repository: { help: "The repository sending events, \"owner/name\". Deliveries for other repositories (from an organization's webhook) are stored but skipped: no event is published.", example: "octo-org/octo-app" },
  repo: { help: "The same as repository, as Provenant's GitHub config writes it (\"repo\"); give one of the two.", example: "octo-org/octo-app", starter: false },
  branch: { help: "Optional, as Provenant's GitHub config has it: the branch this integration works with. Commit-based deployments follow deployments.branches.", example: "main", starter: false },
  webhookSecret: { help: "Paste the same value into the webhook's Secret on GitHub. At least 16 characters; a long random string is best." },
  token: { help: "A GitHub token, only needed to act on GitHub (create issues, comments)." },
  deployments: {
    help:
      'Optional. GitHub\'s deployment and deployment_status webhooks always record deployments. With {"branches": ["main"], "environment": "production"}, a push to main also records a successful deployment of its head commit to production (commit-based deployments, for repositories that deploy on merge). "service": "Checkout API" names the service of every deployment this integration records. "push": true sends Switchboard\'s own deployments (of that service, when named) to GitHub as deployments with their statuses, and posts status changes made in Switchboard to the deployments GitHub reported (needs token with Deployments: read and write).',
  },
  apiUrl: { help: "Optional: the API of a GitHub Enterprise Server, https://<host>/api/v3. Leave it out for github.com.", example: "https://github.example.com/api/v3", starter: false },
  issueSync: ISSUE_SYNC_HELP,
} satisfies ConfigHelp;

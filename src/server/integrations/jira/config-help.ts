import { ISSUE_SYNC_HELP } from "@/server/issue-sync/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const jiraConfigHelp = {
  baseUrl: { help: "Your Jira site.", example: "https://your-site.atlassian.net" },
  webhookSecret: { help: "Paste the same value into the webhook's Secret in Jira. At least 16 characters; a long random string is best." },
  projectKey: {
    help: "A project key like \"OPS\", to keep to one project: deliveries for other projects are stored but skipped (no event is published). Leave it empty for every project. Required with issueSync: the project its issues are created in.",
    example: "OPS",
  },
  token: { help: "An Atlassian API token (id.atlassian.com → Security → API tokens), only needed to act on Jira: with issueSync, of an account that can browse the project, create, edit and transition its issues and comment on them." },
  // No example: it would go into a new integration's starting config, a made-up address saved with it.
  email: { help: 'With issueSync: the email address of the Atlassian account the token belongs to, e.g. "switchboard-bot@example.com" (Jira Cloud takes the two together).' },
  issueType: { help: 'Optional, with issueSync: the issue type of the issues it creates, by name, one of the project\'s (default "Task").', example: "Task" },
  transitions: {
    help:
      'Optional, with issueSync: the Jira transition, by name, that takes an issue to each request status — draft, open, in_progress, blocked, closed — e.g. {"closed": "Done", "open": "Reopen", "in_progress": "Start progress"}. Default {"closed": "Done", "open": "To Do"}; the names your workflow uses are on the issue\'s status button in Jira (a transition is also found by the status it leads to). A closed request closes its issue with "closed" and a reopened one reopens it with "open"; the sync does not yet move issues between open statuses, so the other names are kept for when it does.',
  },
  issueSync: {
    ...ISSUE_SYNC_HELP,
    help: `${ISSUE_SYNC_HELP.help} On Jira it also needs projectKey and email; its labels are Jira labels, which hold no spaces, and pull requests are not Jira's.`,
  },
} satisfies ConfigHelp;

import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const jiraConfigHelp = {
  baseUrl: { help: "Your Jira site.", example: "https://your-site.atlassian.net" },
  webhookSecret: { help: "Paste the same value into the webhook's Secret in Jira. At least 16 characters; a long random string is best." },
  projectKey: { help: "A project key like \"OPS\", to keep to one project: deliveries for other projects are stored but skipped (no event is published). Leave it empty for every project.", example: "OPS" },
  token: { help: "An API token, only needed to act on Jira." },
} satisfies ConfigHelp;

import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const gitlabConfigHelp = {
  baseUrl: { help: "Your GitLab's address; https://gitlab.com unless self-managed.", example: "https://gitlab.com" },
  projectId: { help: "The project: its numeric id or its path, like \"group/project\". Deliveries for other projects (from a group's webhook) are stored but skipped: no event is published.", example: "group/project" },
  webhookToken: { help: "Paste the same value into the webhook's Secret token on GitLab. At least 16 characters; a long random string is best." },
  token: { help: "A GitLab access token, only needed to act on GitLab." },
} satisfies ConfigHelp;

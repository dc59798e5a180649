import { z } from "zod";
import { baseUrl, configObject, optionalToken, secret, text } from "../shared/config-fields";

export const jiraConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://your-site.atlassian.net"),
  webhookSecret: secret("webhookSecret", 16),
  projectKey: text("projectKey", 'a Jira project key like "OPS"')
    .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'projectKey must be a Jira project key: capital letters, digits and _, starting with a letter (e.g. "OPS")')
    .optional(),
  token: optionalToken("token"),
});

export type JiraConfig = z.output<typeof jiraConfigSchema>;

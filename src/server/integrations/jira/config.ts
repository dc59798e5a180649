import { z } from "zod";
import { issueSyncSchema } from "@/server/issue-sync/settings";
import { baseUrl, configObject, optionalToken, secret, text } from "../shared/config-fields";

/** The request statuses a Jira transition can be named for (RequestStatus). */
export const TRANSITION_STATUSES = ["draft", "open", "in_progress", "blocked", "closed"] as const;
export type TransitionStatus = (typeof TRANSITION_STATUSES)[number];

/** What the sync does when no transition is named: Jira's default workflows name them so. */
export const DEFAULT_TRANSITIONS: Partial<Record<TransitionStatus, string>> = { closed: "Done", open: "To Do" };
export const DEFAULT_ISSUE_TYPE = "Task";

const TRANSITIONS_EXAMPLE = '{"closed": "Done", "open": "Reopen", "in_progress": "Start progress"}';

export const jiraConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://your-site.atlassian.net"),
  webhookSecret: secret("webhookSecret", 16),
  projectKey: text("projectKey", 'a Jira project key like "OPS"')
    .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'projectKey must be a Jira project key: capital letters, digits and _, starting with a letter (e.g. "OPS")')
    .optional(),
  token: optionalToken("token"),
  email: text("email", 'the email address of the Atlassian account the token belongs to, like "bot@example.com"')
    .max(254, "email is at most 254 characters")
    .regex(/^[^\s@]+@[^\s@]+$/, 'email must be the email address of the Atlassian account the token belongs to, like "bot@example.com"')
    .optional(),
  issueType: text("issueType", 'the name of an issue type of the project, like "Task"').max(255, "issueType is at most 255 characters").optional(),
  transitions: z
    .partialRecord(z.enum(TRANSITION_STATUSES), text("transitions: each", 'the name of a Jira transition, like "Done"').max(255, "transitions: each name is at most 255 characters"), {
      error: `transitions must map request statuses (${TRANSITION_STATUSES.join(", ")}) to the names of Jira transitions, e.g. ${TRANSITIONS_EXAMPLE}`,
    })
    .optional(),
  issueSync: issueSyncSchema.optional(),
}).superRefine((config, ctx) => {
  if (!config.issueSync) return;
  if (config.projectKey === undefined) {
    ctx.addIssue({ code: "custom", path: ["projectKey"], message: 'projectKey is required for issue sync: the project its issues are created in (e.g. "OPS")' });
  }
  if (config.email === undefined) {
    ctx.addIssue({ code: "custom", path: ["email"], message: "email is required for issue sync: Jira Cloud takes an API token together with the email address of its account" });
  }
  // Jira refuses a label with a space in it ("The label … contains spaces which is invalid").
  const spaced = (path: (string | number)[], label: string | undefined) => {
    if (label !== undefined && /\s/.test(label)) {
      ctx.addIssue({ code: "custom", path, message: `issueSync.${path.slice(1).join(".")}: "${label}" holds a space, which Jira labels cannot (e.g. "${label.replace(/\s+/g, "-")}")` });
    }
  };
  config.issueSync.labels.forEach((label, i) => spaced(["issueSync", "labels", i], label));
  for (const [priority, label] of Object.entries(config.issueSync.priorityLabels)) spaced(["issueSync", "priorityLabels", priority], label);
  spaced(["issueSync", "createFromLabel"], config.issueSync.createFromLabel);
});

export type JiraConfig = z.output<typeof jiraConfigSchema>;

/** The transition named for each state of an issue, the defaults filled in. */
export function transitionsOf(config: Readonly<Record<string, unknown>>): Partial<Record<TransitionStatus, string>> {
  const parsed = jiraConfigSchema.shape.transitions.safeParse(config.transitions);
  return { ...DEFAULT_TRANSITIONS, ...(parsed.success ? parsed.data : {}) };
}

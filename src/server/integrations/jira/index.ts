import type { IntegrationProvider, MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { header } from "../shared/headers";
import { compact, firstStr, str } from "../shared/read";
import { verifyHexHmac } from "../shared/signatures";
import { jiraConfigSchema, transitionsOf, type JiraConfig } from "./config";
import { jiraConfigHelp } from "./config-help";
import { pullJiraChange } from "./issue-sync/pull";
import { jiraTracker } from "./issue-sync/tracker";
import { validateJiraPayload } from "./payloads";

/** The browser URL of an issue, from its REST `self` (`https://x.atlassian.net/rest/api/2/issue/10002`). */
function browseUrl(self: string | undefined, key: string | undefined): string | undefined {
  if (!self || !key) return undefined;
  try {
    return `${new URL(self).origin}/browse/${key}`;
  } catch {
    return undefined;
  }
}

const ISSUE_KEY = /^([A-Z][A-Z0-9_]{0,254}-\d{1,9})$/;
const ISSUE_URL = /\/(?:browse|issues)\/([A-Z][A-Z0-9_]{0,254}-\d{1,9})(?:[/?#]|$)|[?&]selectedIssue=([A-Z][A-Z0-9_]{0,254}-\d{1,9})(?:&|#|$)/;

/** "OPS-7" (any case), or an issue's URL (`/browse/OPS-7`, a board's `?selectedIssue=OPS-7`). */
function issueKeyOf(reference: string): string | null {
  const text = reference.trim();
  const key = ISSUE_KEY.exec(text.toUpperCase())?.[1];
  if (key) return key;
  const url = ISSUE_URL.exec(text);
  return url ? (url[1] ?? url[2]) : null;
}

const optional = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/** `jira:issue_updated` → `jira.issue_updated`, `comment_created` → `jira.comment_created`. */
function mapJiraEvent(type: string, payload: unknown): MappedEvent {
  const key = str(payload, "issue.key");
  const summary = {
    issue: key,
    project: str(payload, "issue.fields.project.key"),
    title: str(payload, "issue.fields.summary"),
    url: browseUrl(str(payload, "issue.self"), key),
    actor: firstStr(payload, "user.displayName", "comment.author.displayName") ?? null,
    change: str(payload, "issue_event_type_name"),
  };
  return { type: eventType("jira", type.replace(/^jira:/, "")), summary: compact(summary) };
}

export const jira = {
  type: "JIRA",
  label: "Jira",
  configSchema: jiraConfigSchema,
  configHelp: jiraConfigHelp,
  secretFields: ["webhookSecret", "token"],
  issueSync: {
    platform: "jira",
    tracker(config, secrets) {
      const [projectKey, email] = [optional(config.projectKey), optional(config.email)];
      if (!secrets.token) return { unavailable: "no token is configured: issue sync needs an Atlassian API token of an account that can work on the project's issues" };
      if (!email) return { unavailable: "no email is configured: Jira takes the API token together with the email address of its account" };
      if (!projectKey) return { unavailable: "no projectKey is configured: issue sync creates its issues in that project" };
      return jiraTracker({ baseUrl: String(config.baseUrl), projectKey, email, token: secrets.token, issueType: optional(config.issueType), transitions: transitionsOf(config) });
    },
    issueIdOf: issueKeyOf,
    pull: pullJiraChange,
  },
  inbound: {
    // Jira Cloud admin webhooks with a secret sign as WebSub does: `X-Hub-Signature: sha256=<hex>`.
    verify: (request, secrets) =>
      verifyHexHmac({
        signature: header(request, "x-hub-signature"),
        headerName: "X-Hub-Signature",
        prefix: "sha256=",
        secret: secrets.webhookSecret,
        body: request.rawBody,
      }),
    // The event is in the body; X-Atlassian-Webhook-Identifier is the same on every retry.
    envelope: (request, payload) => ({
      eventType: str(payload, "webhookEvent") ?? "",
      deliveryId: header(request, "x-atlassian-webhook-identifier") ?? null,
    }),
    validate: validateJiraPayload,
    // Jira's admin webhooks cover the whole site unless given a JQL filter; events naming no
    // project (users, versions, …) are kept.
    outOfScope(payload, config) {
      const named = firstStr(payload, "issue.fields.project.key", "project.key");
      const wanted = typeof config.projectKey === "string" ? config.projectKey : undefined;
      return named && wanted && named !== wanted ? `the delivery is for the project ${named}; this integration keeps to ${wanted} (its projectKey)` : null;
    },
    map: ({ eventType: type, payload }) => mapJiraEvent(type, payload),
    setupInstructions: (url) => [
      "As a Jira administrator, open Settings (⚙) → System → WebHooks → Create a WebHook.",
      `URL: ${url}`,
      "Secret: the webhookSecret of this integration, exactly as entered here (Jira then signs each delivery).",
      "Events: Issue created, updated and deleted, and Comment created, updated and deleted; optionally a JQL filter such as project = <projectKey>.",
      "Leave \"Exclude body\" unchecked and save.",
    ],
  },
} satisfies IntegrationProvider<JiraConfig>;

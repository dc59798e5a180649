import { Version3Client, type Version3Models } from "jira.js";
import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import type { ConnectionReport, ExternalIssue, IssueDraft, IssuePatch, IssueState, IssueTracker } from "@/server/issue-sync/tracker";
import { DEFAULT_ISSUE_TYPE, DEFAULT_TRANSITIONS, type TransitionStatus } from "../config";
import { jiraError } from "./errors";
import type { AdfDoc } from "./adf";
import { jiraDocument, markdownOfJira } from "./jira-body";

/** The fields the sync reads of an issue. */
const FIELDS = ["summary", "description", "status", "labels", "updated", "project"];
/** How far back a lost create is looked for: the project's newest issues. */
const MARKER_SEARCH_PAGE = 50;
/** What "Test connection" checks the token's account may do in the project. */
const NEEDED = ["BROWSE_PROJECTS", "CREATE_ISSUES", "EDIT_ISSUES", "TRANSITION_ISSUES", "ADD_COMMENTS"] as const;

/** GET /mypermissions: each permission asked for, and whether the account has it in the project. */
type MyPermissions = { permissions?: Record<string, { havePermission?: boolean; name?: string }> };

/** Our ADF as jira.js types a document (its type lists fewer node types than ADF has). */
const asDocument = (value: AdfDoc) => value as unknown as Version3Models.Document;

type JiraIssue = { key: string; fields?: Record<string, unknown>; transitions?: { id?: string; name?: string; to?: { name?: string } }[] };

/** Jira's times ("2026-12-07T10:15:00.000+0000") as ISO 8601; "" when there is none. */
export function isoOf(value: unknown): string {
  const at = typeof value === "string" ? new Date(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : "";
}

/** Closed when the issue's status is in Jira's "Done" category, whatever the workflow calls it. */
export const stateOfStatus = (status: unknown): IssueState =>
  (status as { statusCategory?: { key?: unknown } } | undefined)?.statusCategory?.key === "done" ? "closed" : "open";

/** An issue of the v3 API (body in ADF) or of a webhook (body in wiki markup), as the sync compares it. */
export function issueOf(site: string, issue: JiraIssue): ExternalIssue {
  const fields = issue.fields ?? {};
  return {
    id: issue.key,
    key: issue.key,
    url: `${site}/browse/${issue.key}`,
    title: typeof fields.summary === "string" ? fields.summary : "",
    body: markdownOfJira(fields.description),
    state: stateOfStatus(fields.status),
    labels: Array.isArray(fields.labels) ? fields.labels.filter((l): l is string => typeof l === "string") : [],
    updatedAt: isoOf(fields.updated),
  };
}

export type JiraTrackerOptions = {
  baseUrl: string;
  projectKey: string;
  email: string;
  token: string;
  issueType?: string;
  transitions?: Partial<Record<TransitionStatus, string>>;
  fetch?: typeof fetch;
};

/**
 * Jira Cloud's issues through jira.js (Version3Client), pointed at the site's `baseUrl`. jira.js
 * sends with axios; its `fetch` adapter is chosen and handed the guarded `platformFetch` as its
 * fetch (axios's `env.fetch`), so every call goes through the outgoing-request policy, its
 * timeouts and its size limit; redirects are not followed. Nothing retries here, the runtime does.
 * Each method is one call, except where Jira needs more: a state change is a transition, found
 * by name among those the issue offers (GET with `expand=transitions`), then made, and the issue
 * read back.
 */
export function jiraTracker(options: JiraTrackerOptions): IssueTracker {
  const site = options.baseUrl.replace(/\/+$/, "");
  const project = options.projectKey;
  const issueType = options.issueType ?? DEFAULT_ISSUE_TYPE;
  const transitions = { ...DEFAULT_TRANSITIONS, ...options.transitions };
  const client = new Version3Client({
    host: site,
    authentication: { basic: { email: options.email, apiToken: options.token } },
    baseRequestConfig: { adapter: "fetch", env: { fetch: options.fetch ?? platformFetch }, maxRedirects: 0, headers: { "User-Agent": "Switchboard-IssueSync/1.0" } },
  });
  async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw jiraError(error, what);
    }
  }
  const issue = (data: JiraIssue) => issueOf(site, data);
  const get = (id: string, expand?: string) =>
    call(`issue ${id}`, () => client.issues.getIssue<JiraIssue>({ issueIdOrKey: id, fields: FIELDS, ...(expand ? { expand } : {}) }));

  /** The transition to `state` the issue offers: by the configured name, else by the status it leads to. */
  async function transition(id: string, current: JiraIssue, state: IssueState): Promise<void> {
    const which: TransitionStatus = state === "closed" ? "closed" : "open";
    const name = transitions[which]!;
    const offered = current.transitions ?? [];
    const same = (value: string | undefined) => value?.trim().toLowerCase() === name.trim().toLowerCase();
    const found = offered.find((t) => same(t.name)) ?? offered.find((t) => same(t.to?.name));
    if (!found?.id) {
      const names = offered.map((t) => `"${t.name}"`).join(", ") || "none";
      const status = (current.fields?.status as { name?: string } | undefined)?.name ?? "its status";
      throw new IssueSyncApiError(
        "validation",
        `Jira offers no transition "${name}" for ${id} from ${status} (it offers ${names}): set transitions.${which} in the integration's config to one of them.`,
        { providerMessage: `transitions offered: ${names}` },
      );
    }
    await call(`the transition "${found.name}" of ${id}`, () => client.issues.doTransition({ issueIdOrKey: id, transition: { id: found.id } }));
  }

  return {
    target: `${project} on Jira (${new URL(site).host})`,

    async testConnection(): Promise<ConnectionReport> {
      const me = await call("the token's account (GET /rest/api/3/myself)", () => client.myself.getCurrentUser());
      const found = await call(`project ${project}`, () => client.projects.getProject({ projectIdOrKey: project }));
      const permissions = await call(`the token's permissions in ${project}`, () => client.permissions.getMyPermissions<MyPermissions>({ projectKey: project, permissions: NEEDED.join(",") }));
      const account = me.emailAddress ?? me.displayName ?? me.accountId ?? options.email;
      const missing = NEEDED.filter((key) => !permissions.permissions?.[key]?.havePermission);
      const problems: string[] = [];
      if (missing.length > 0) problems.push(`${account} lacks ${missing.map((key) => permissions.permissions?.[key]?.name ?? key).join(", ")} in ${project}: grant them in the project's permission scheme.`);
      const types = (found.issueTypes ?? []).map((t) => t.name).filter((n): n is string => Boolean(n));
      if (types.length > 0 && !types.some((t) => t.toLowerCase() === issueType.toLowerCase())) {
        problems.push(`${project} has no issue type "${issueType}" (it has ${types.map((t) => `"${t}"`).join(", ")}): set issueType to one of them.`);
      }
      return { account, target: `${found.name ?? project} (${found.key ?? project}) on Jira`, canWrite: missing.length === 0, problems };
    },

    async createIssue(draft: IssueDraft) {
      const description = jiraDocument(draft.body);
      const created = await call(`a new issue in ${project}`, () =>
        client.issues.createIssue({ fields: { project: { key: project }, issuetype: { name: issueType }, summary: draft.title, description: asDocument(description), labels: draft.labels } }),
      );
      // The answer is the new key alone: the issue is what was sent, in the workflow's first status.
      // Its time comes with Jira's webhook about it (until then the link has none).
      return { id: created.key, key: created.key, url: `${site}/browse/${created.key}`, title: draft.title, body: markdownOfJira(description), state: "open", labels: draft.labels, updatedAt: "" };
    },

    async findIssueByMarker(marker: string) {
      const page = await call(`the newest issues of ${project}`, () =>
        client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost<{ issues?: JiraIssue[] }>({ jql: `project = "${project}" ORDER BY created DESC`, fields: FIELDS, maxResults: MARKER_SEARCH_PAGE }),
      );
      const found = (page.issues ?? []).map(issue).find((candidate) => candidate.body.includes(marker));
      return found ?? null;
    },

    async getIssue(id: string) {
      const found = await get(id);
      const other = (found.fields?.project as { key?: string } | undefined)?.key;
      // Its webhooks would be skipped as another project's (index.ts, outOfScope): it could never sync.
      if (other && other !== project) throw new IssueSyncApiError("validation", `${found.key} is in the Jira project ${other}; this integration syncs ${project} (its projectKey)`);
      return issue(found);
    },

    async updateIssue(id: string, patch: IssuePatch) {
      const fields: Record<string, unknown> = {};
      if (patch.title !== undefined) fields.summary = patch.title;
      if (patch.body !== undefined) fields.description = asDocument(jiraDocument(patch.body));
      if (patch.labels !== undefined) fields.labels = patch.labels;
      let current: JiraIssue | null = null;
      if (patch.state !== undefined) {
        const before = await get(id, "transitions");
        if (stateOfStatus(before.fields?.status) === patch.state) current = before;
        else await transition(id, before, patch.state);
      }
      if (Object.keys(fields).length > 0) {
        return issue(await call(`issue ${id}`, () => client.issues.editIssue<JiraIssue>({ issueIdOrKey: id, fields, returnIssue: true })));
      }
      return issue(current ?? (await get(id)));
    },

    async addComment(issueId: string, body: string) {
      const comment = await call(`a comment on ${issueId}`, () => client.issueComments.addComment({ issueIdOrKey: issueId, comment: asDocument(jiraDocument(body)) }));
      const id = String(comment.id ?? "");
      return { id, url: id ? `${site}/browse/${issueId}?focusedCommentId=${id}` : null };
    },
  };
}

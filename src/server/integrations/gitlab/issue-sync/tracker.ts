import { Gitlab } from "@gitbeaker/rest";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import type { ConnectionReport, ExternalIssue, IssueDraft, IssuePatch, IssueTracker } from "@/server/issue-sync/tracker";
import { at, isObject, num, str } from "../../shared/read";
import { gitlabError, GitlabBadAnswer } from "./errors";
import { gitlabRequester } from "./requester";

export const GITLAB_BASE_URL = "https://gitlab.com";
/** How far back a lost create is looked for: the newest issues, most recently created first. */
const MARKER_SEARCH_PAGE = 50;
/** GitLab's roles (access levels): Planner (15, GitLab 17.7+) is the least that edits others' issues and labels. */
const PLANNER = 15;
const ROLE_NAMES: Record<number, string> = { 5: "Minimal access", 10: "Guest", 15: "Planner", 20: "Reporter", 30: "Developer", 40: "Maintainer", 50: "Owner" };

/**
 * An issue as GitLab's API answers it (and as its webhooks carry it): the sync's ExternalIssue.
 * Issues are addressed by `iid`, their number within the project; `references.full` is how people
 * write it ("group/project#12"). `updated_at` keeps GitLab's milliseconds.
 */
export function issueOf(project: string, issue: unknown): ExternalIssue {
  const iid = num(issue, "iid");
  const title = str(issue, "title");
  if (iid === undefined || title === undefined) throw new GitlabBadAnswer("an issue without iid or title");
  const labels = Array.isArray(at(issue, "labels")) ? (at(issue, "labels") as unknown[]) : [];
  return {
    id: String(iid),
    key: str(issue, "references.full") ?? `${project}#${iid}`,
    url: str(issue, "web_url") ?? "",
    title,
    body: str(issue, "description") ?? "",
    state: str(issue, "state") === "closed" ? "closed" : "open",
    labels: labels.map((label) => (typeof label === "string" ? label : (str(label, "title") ?? str(label, "name") ?? ""))).filter(Boolean),
    updatedAt: str(issue, "updated_at") ?? new Date(0).toISOString(),
  };
}

/** The token's role on the project: the higher of its own and the group's it inherits. */
function accessLevelOf(project: unknown): number | null {
  const levels = [num(project, "permissions.project_access.access_level"), num(project, "permissions.group_access.access_level")].filter((l): l is number => l !== undefined);
  return levels.length > 0 ? Math.max(...levels) : null;
}

/**
 * GitLab's issues through `@gitbeaker/rest`, pointed at `baseUrl` (gitlab.com or a self-managed
 * GitLab; the API is `<baseUrl>/api/v4`) over the guarded transport (./requester.ts: gitbeaker's
 * own requester would use the global fetch and retry by itself). One method, one request; the
 * runtime retries. Labels go as JSON arrays, as GitLab's OpenAPI description types them
 * (fake/gitlab-issues.openapi.json); `labels` replaces the issue's labels, so an update sends the
 * whole set the sync computed.
 */
export function gitlabTracker(options: { project: string; token: string; baseUrl?: string; fetch?: typeof fetch }): IssueTracker {
  const host = (options.baseUrl ?? GITLAB_BASE_URL).replace(/\/+$/, "");
  const project = options.project;
  const api = new Gitlab({ host, token: options.token, requesterFn: gitlabRequester(options.fetch ?? platformFetch), queryTimeout: null, rateLimits: {} });
  async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw gitlabError(error, what);
    }
  }
  /** One call whose answer is an issue, read (a malformed one is GitLab's `bad_answer`). */
  const issueCall = (what: string, work: () => Promise<unknown>) => call(what, async () => issueOf(project, await work()));
  /** A note's page: the issue's page and GitLab's `note_<id>` anchor, when the project is named by its path. */
  const noteUrl = (iid: string, noteId: number) => (/^\d+$/.test(project) ? null : `${host}/${project}/-/issues/${iid}#note_${noteId}`);

  return {
    target: `${project} on GitLab${host === GITLAB_BASE_URL ? "" : ` (${new URL(host).host})`}`,

    async testConnection(): Promise<ConnectionReport> {
      const user = await call("the token's user (GET /user)", () => api.Users.showCurrentUser());
      const found = await call(`project ${project}`, () => api.Projects.show(project));
      const login = str(user, "username") ?? "the token's user";
      const problems: string[] = [];
      const level = accessLevelOf(found);
      const admin = at(user, "is_admin") === true;
      const canWrite = admin || (level ?? 0) >= PLANNER;
      if (at(found, "issues_enabled") === false || str(found, "issues_access_level") === "disabled") {
        problems.push("Issues are turned off on this project (Settings → General → Visibility, project features, permissions → Issues).");
      }
      if (!canWrite) {
        const role = level === null ? "no role" : `the ${ROLE_NAMES[level] ?? `level ${level}`} role`;
        problems.push(`${login} has ${role} on ${project}: give it Planner, Reporter or a higher role so it can edit issues and their labels.`);
      }
      // The token's scopes, for a personal, project or group access token (others have no /self).
      const scopes = await api.PersonalAccessTokens.show().then((token) => at(token, "scopes"), () => undefined);
      if (Array.isArray(scopes) && !scopes.includes("api")) problems.push(`The token's scopes (${scopes.join(", ")}) lack "api", which writing issues needs.`);
      return { account: login, target: str(found, "path_with_namespace") ?? project, canWrite: canWrite && problems.length === 0, problems };
    },

    createIssue: (draft: IssueDraft) =>
      issueCall(`a new issue in ${project}`, () => api.Issues.create(project, draft.title, { description: draft.body, labels: draft.labels as unknown as string })),

    async findIssueByMarker(marker: string) {
      const page = await call(`the newest issues of ${project}`, () =>
        api.Issues.all({ projectId: project, state: "all", orderBy: "created_at", sort: "desc", perPage: MARKER_SEARCH_PAGE, page: 1 }),
      );
      const found = (page as unknown[]).find((item) => isObject(item) && (str(item, "description") ?? "").includes(marker));
      return found ? call(`issue ${str(found, "iid")} of ${project}`, async () => issueOf(project, found)) : null;
    },

    getIssue: (id: string) => issueCall(`issue #${id} of ${project}`, () => api.Issues.show(Number(id), { projectId: project })),

    updateIssue(id: string, patch: IssuePatch) {
      const fields = {
        ...(patch.title === undefined ? {} : { title: patch.title }),
        ...(patch.body === undefined ? {} : { description: patch.body }),
        ...(patch.state === undefined ? {} : { stateEvent: patch.state === "closed" ? "close" : "reopen" }),
        ...(patch.labels === undefined ? {} : { labels: patch.labels as unknown as string }),
      };
      // GitLab has no close reason: `closeReason` is GitHub's.
      return issueCall(`issue #${id} of ${project}`, () => api.Issues.edit(project, Number(id), fields as Parameters<typeof api.Issues.edit>[2]));
    },

    async addComment(issueId: string, body: string) {
      return call(`a comment on issue #${issueId} of ${project}`, async () => {
        const noteId = num(await api.IssueNotes.create(project, Number(issueId), body), "id");
        if (noteId === undefined) throw new GitlabBadAnswer("a note without id");
        return { id: String(noteId), url: noteUrl(issueId, noteId) };
      });
    },
  };
}

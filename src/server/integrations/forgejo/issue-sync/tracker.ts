import { giteaApi, type Issue } from "gitea-js";
import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import type { ConnectionReport, ExternalIssue, IssueDraft, IssuePatch, IssueTracker } from "@/server/issue-sync/tracker";
import { badAnswer, forgejoError } from "./errors";
import { labelResolver } from "./labels";

/** How far back a lost create is looked for: one page of the newest issues (Forgejo's largest page by default). */
const MARKER_SEARCH_PAGE = 50;
/** Forgejo stores a title in a 255-character column; a longer one fails the whole call. */
const MAX_TITLE = 255;
/**
 * Added to a comment the sync posts that carries no marker of its own (the "Closed in Switchboard"
 * note), so that its webhook is known as the sync's own (pull.ts) and not taken in as a person's
 * comment on the request. The core's markers, when a comment has one, do that already.
 */
export const SYNC_NOTE_MARKER = "<!-- switchboard:note -->";

type ForgejoIssue = Pick<Issue, "number" | "html_url" | "title" | "body" | "state" | "labels" | "updated_at" | "pull_request">;

const isoOf = (time: string | undefined) => (time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : "");

/** An issue as the sync compares it; Forgejo writes times with the instance's offset, the sync keeps them in UTC. */
export function issueOf(repository: string, issue: ForgejoIssue): ExternalIssue {
  return {
    id: String(issue.number),
    key: `${repository}#${issue.number}`,
    url: issue.html_url ?? "",
    title: issue.title ?? "",
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    labels: (issue.labels ?? []).map((label) => label?.name ?? "").filter(Boolean),
    updatedAt: isoOf(issue.updated_at),
  };
}

const titleOf = (title: string) => (title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title);

/**
 * Forgejo's (and Gitea's) issues through `gitea-js`, pointed at the instance's baseUrl (its API is
 * under /api/v1) over the guarded transport. gitea-js retries nothing; the runtime does. Each
 * method is one logical call; Forgejo makes two of some: labels are set by id (labels.ts looks
 * the names up and makes missing ones) and by their own request, not with an issue's edit.
 */
export function forgejoTracker(options: { baseUrl: string; repository: string; token: string; fetch?: typeof fetch }): IssueTracker {
  const [owner, repo] = options.repository.split("/");
  const api = giteaApi(options.baseUrl.replace(/\/+$/, ""), { token: options.token, customFetch: options.fetch ?? platformFetch });
  const labelIds = labelResolver(api, owner, repo);
  const repository = options.repository;

  async function call<T>(what: string, work: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await work()).data;
    } catch (error) {
      throw forgejoError(error, what);
    }
  }
  const issue = (data: ForgejoIssue | null, what: string) => {
    if (!data || typeof data.number !== "number") throw badAnswer(what, "something that is not an issue");
    return issueOf(repository, data);
  };

  return {
    target: `${repository} on Forgejo`,

    async testConnection(): Promise<ConnectionReport> {
      const user = await call("the token's user (GET /api/v1/user)", () => api.user.userGetCurrent());
      const found = await call(`repository ${repository}`, () => api.repos.repoGet(owner, repo));
      if (!user?.login || !found?.full_name) throw badAnswer("the token's user and repository", "something that is not a user and a repository");
      const problems: string[] = [];
      const permissions = found.permissions;
      const canWrite = Boolean(permissions?.push || permissions?.admin) && found.has_issues !== false && !found.archived;
      if (found.has_issues === false) problems.push(`Issues are turned off on ${found.full_name} (the repository's Settings → Units → Issues).`);
      if (found.archived) problems.push(`${found.full_name} is archived: Forgejo refuses new issues and comments until it is unarchived.`);
      if (permissions && !permissions.push && !permissions.admin) {
        problems.push(`${user.login} can read ${found.full_name} but not write its issues: Forgejo would drop the sync's labels and refuse edits and closing. Add ${user.login} as a collaborator with Write access.`);
      }
      return { account: user.login, target: found.full_name, canWrite, problems };
    },

    async createIssue(draft: IssueDraft) {
      const labels = await labelIds(draft.labels);
      const what = `a new issue in ${repository}`;
      return issue(await call(what, () => api.repos.issueCreateIssue(owner, repo, { title: titleOf(draft.title), body: draft.body, labels })), what);
    },

    // No `q` search for the marker: with a keyword Forgejo asks its issue indexer, which lags
    // behind a create by design; without one it lists from the database, newest first.
    async findIssueByMarker(marker: string) {
      const page = await call(`the newest issues of ${repository}`, () => api.repos.issueListIssues(owner, repo, { state: "all", type: "issues", page: 1, limit: MARKER_SEARCH_PAGE }));
      if (!Array.isArray(page)) throw badAnswer(`the newest issues of ${repository}`, "something that is not a list");
      const found = page.find((item) => !item.pull_request && (item.body ?? "").includes(marker));
      return found ? issueOf(repository, found) : null;
    },

    async getIssue(id: string) {
      const what = `issue #${id} of ${repository}`;
      const data = await call(what, () => api.repos.issueGetIssue(owner, repo, Number(id)));
      // Forgejo answers a pull request's number here too, as an issue with `pull_request`.
      if (data?.pull_request) throw new IssueSyncApiError("not_found", `${repository}#${id} is a pull request on Forgejo, not an issue: link an issue instead.`, { status: 404 });
      return issue(data, what);
    },

    /**
     * Labels first, then title, body and state in one edit, so that the edit's answer (and the
     * last webhook Forgejo sends) shows the issue with everything. Forgejo keeps no close reason.
     */
    async updateIssue(id: string, patch: IssuePatch) {
      const index = Number(id);
      const what = `issue #${id} of ${repository}`;
      if (patch.labels) {
        const ids = await labelIds(patch.labels);
        await call(`the labels of ${what}`, () => api.repos.issueReplaceLabels(owner, repo, index, { labels: ids }));
      }
      const edit = {
        ...(patch.title === undefined ? {} : { title: titleOf(patch.title) }),
        ...(patch.body === undefined ? {} : { body: patch.body }),
        ...(patch.state === undefined ? {} : { state: patch.state }),
      };
      const answer = Object.keys(edit).length > 0 ? await call(what, () => api.repos.issueEditIssue(owner, repo, index, edit)) : await call(what, () => api.repos.issueGetIssue(owner, repo, index));
      return issue(answer, what);
    },

    async addComment(issueId: string, body: string) {
      const what = `a comment on issue #${issueId} of ${repository}`;
      const marked = body.includes("<!-- switchboard:") ? body : `${body}\n\n${SYNC_NOTE_MARKER}`;
      const comment = await call(what, () => api.repos.issueCreateComment(owner, repo, Number(issueId), { body: marked }));
      if (typeof comment?.id !== "number") throw badAnswer(what, "something that is not a comment");
      return { id: String(comment.id), url: comment.html_url ?? null };
    },
  };
}

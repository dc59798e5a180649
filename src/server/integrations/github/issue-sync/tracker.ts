import { Octokit } from "@octokit/rest";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import type { ConnectionReport, ExternalIssue, IssueDraft, IssuePatch, IssueTracker } from "@/server/issue-sync/tracker";
import { githubError } from "./errors";

export const GITHUB_API_URL = "https://api.github.com";
/** How far back a lost create is looked for: the newest issues, most recently created first. */
const MARKER_SEARCH_PAGE = 50;

type GithubIssue = {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  labels: (string | { name?: string | null })[];
  updated_at: string;
  pull_request?: unknown;
};

export function issueOf(repository: string, issue: GithubIssue): ExternalIssue {
  return {
    id: String(issue.number),
    key: `${repository}#${issue.number}`,
    url: issue.html_url,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    labels: issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).filter(Boolean),
    updatedAt: issue.updated_at,
  };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * GitHub's issues through `@octokit/rest`, pointed at `apiUrl` (GitHub Enterprise Server's is
 * `https://<host>/api/v3`) over the guarded transport. One method, one request: octokit retries
 * nothing by itself here (no retry or throttling plugin), the runtime does.
 */
export function githubTracker(options: { repository: string; token: string; apiUrl?: string; fetch?: typeof fetch }): IssueTracker {
  const [owner, repo] = options.repository.split("/");
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: (options.apiUrl ?? GITHUB_API_URL).replace(/\/+$/, ""),
    userAgent: "Switchboard-IssueSync/1.0",
    log: silent,
    request: { fetch: options.fetch ?? platformFetch, redirect: "manual" },
  });
  async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw githubError(error, what);
    }
  }
  const issue = (data: GithubIssue) => issueOf(options.repository, data);

  return {
    target: `${options.repository} on GitHub`,

    async testConnection(): Promise<ConnectionReport> {
      const user = await call("the token's user (GET /user)", () => octokit.rest.users.getAuthenticated());
      const repository = await call(`repository ${options.repository}`, () => octokit.rest.repos.get({ owner, repo }));
      const problems: string[] = [];
      const permissions = repository.data.permissions;
      const canWrite = Boolean(permissions?.push || permissions?.triage || permissions?.maintain || permissions?.admin);
      if (!repository.data.has_issues) problems.push("Issues are turned off on this repository (Settings → General → Features → Issues).");
      if (permissions && !canWrite) problems.push(`${user.data.login} can read ${options.repository} but not write its issues: give the token's user Triage or Write access.`);
      const scopes = String(user.headers["x-oauth-scopes"] ?? "");
      if (scopes && !/\b(public_)?repo\b/.test(scopes)) problems.push(`The token's scopes (${scopes}) lack "repo" (or "public_repo" for a public repository).`);
      return { account: user.data.login, target: repository.data.full_name, canWrite, problems };
    },

    createIssue: async (draft: IssueDraft) =>
      issue((await call(`a new issue in ${options.repository}`, () => octokit.rest.issues.create({ owner, repo, title: draft.title, body: draft.body, labels: draft.labels }))).data),

    async findIssueByMarker(marker: string) {
      const page = await call(`the newest issues of ${options.repository}`, () =>
        octokit.rest.issues.listForRepo({ owner, repo, state: "all", sort: "created", direction: "desc", per_page: MARKER_SEARCH_PAGE }),
      );
      const found = page.data.find((item) => !item.pull_request && (item.body ?? "").includes(marker));
      return found ? issue(found) : null;
    },

    getIssue: async (id: string) => issue((await call(`issue #${id} of ${options.repository}`, () => octokit.rest.issues.get({ owner, repo, issue_number: Number(id) }))).data),

    async updateIssue(id: string, patch: IssuePatch) {
      const { closeReason, ...fields } = patch;
      const stateReason = fields.state === "closed" ? (closeReason ?? "completed") : fields.state === "open" ? "reopened" : undefined;
      const answer = await call(`issue #${id} of ${options.repository}`, () =>
        octokit.rest.issues.update({ owner, repo, issue_number: Number(id), ...fields, ...(stateReason ? { state_reason: stateReason } : {}) }),
      );
      return issue(answer.data);
    },

    async addComment(issueId: string, body: string) {
      const answer = await call(`a comment on issue #${issueId} of ${options.repository}`, () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: Number(issueId), body }),
      );
      return { id: String(answer.data.id), url: answer.data.html_url ?? null };
    },
  };
}

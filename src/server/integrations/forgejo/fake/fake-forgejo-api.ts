import { commentJson, currentUserJson, issueJson, labelJson, pullJson, repoJson, type Urls } from "./fake-forgejo-json";
import type { FakeIssue, FakeRepo, FakeUser, ForgejoState } from "./fake-forgejo-state";

/**
 * The fake Forgejo's answers to the operations of the vendored subset, once a request has passed
 * the contract gate and authentication (fake-forgejo.ts): Forgejo's own rules (routers/api/v1),
 * in its order. First the token's scope for the route's category (`read:` for GET, `write:`
 * otherwise; 403 naming the scope); then the repository — private, so a user who cannot see it
 * gets 404, as for one that does not exist; issue routes 404 when the repository has issues turned
 * off; an archived repository refuses new issues and comments (423); then the permission: a reader
 * may open issues (their labels silently dropped, as Forgejo drops them) and comment, but editing,
 * labelling and closing need write access or authorship (403, which Forgejo sends without a body).
 */

export type Answer = { status: number; body?: unknown; headers?: Record<string, string>; violation?: boolean };
export type OperationContext = {
  state: ForgejoState;
  urls: Urls;
  user: FakeUser | null;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  /** The path as requested, for Link headers. */
  path: string;
};

/** Forgejo's error body: `url` is the instance's API documentation (setting.API.SwaggerURL). */
export const forgejoError = (urls: Urls, status: number, message: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { message, url: `${urls.web}/api/swagger`, ...extra },
});
export const notFound = (urls: Urls, message = "The target couldn't be found.", errors: string[] = []) => forgejoError(urls, 404, message, { errors });
const FORBIDDEN: Answer = { status: 403 };
/** What the schema allows and Forgejo's form binding refuses (`binding:"Required"` on a string): a violation like the gate's. */
const required = (urls: Urls, field: string): Answer => ({ ...forgejoError(urls, 422, `[${field}]: Required`), violation: true });

/** The token scope category of each operation's route group (routers/api/v1/api.go). */
const CATEGORY: Record<string, string> = { userGetCurrent: "user", repoGet: "repository", repoGetPullRequest: "repository" };
/** Operations of the issue routes that 404 when the repository's issues are off (mustEnableIssuesOrPulls). */
const LABEL_ROUTES = new Set(["issueListLabels", "issueCreateLabel"]);

export function handleOperation(operationId: string, method: string, ctx: OperationContext): Answer {
  const { state, urls, user, params } = ctx;
  const category = CATEGORY[operationId] ?? "issue";
  const scope = `${method === "GET" ? "read" : "write"}:${category}`;
  if (user && !state.hasScope(user, scope)) return forgejoError(urls, 403, `token does not have at least one of required scope(s): [${scope}]`);
  if (operationId === "userGetCurrent") return user ? { status: 200, body: currentUserJson(user, urls) } : forgejoError(urls, 401, "token is required");

  const repo = state.repo(`${params.owner}/${params.repo}`);
  if (!repo || !user || !state.canRead(repo, user.login)) return notFound(urls);
  if (operationId === "repoGet") return { status: 200, body: repoJson(state, repo, urls, user) };
  if (operationId === "repoGetPullRequest") {
    const pull = repo.issues.get(Number(params.index));
    return pull?.pull ? { status: 200, body: pullJson(state, pull, urls) } : notFound(urls);
  }
  if (!repo.hasIssues && !LABEL_ROUTES.has(operationId)) return notFound(urls);
  if (repo.archived && ["issueCreateIssue", "issueCreateComment", "issueEditComment"].includes(operationId)) {
    return forgejoError(urls, 423, `<Repository ${repo.id}:${repo.owner}/${repo.name}> is archived`);
  }
  const writer = state.canWrite(repo, user.login);
  const body = ctx.body ?? {};
  const issue = params.index ? repo.issues.get(Number(params.index)) : undefined;
  const missingIssue = () => notFound(urls, "IsErrIssueNotExist", [`issue does not exist [id: 0, repo_id: ${repo.id}, index: ${params.index}]`]);

  switch (operationId) {
    case "issueListIssues": {
      const page = paged(listIssues(state, repo, ctx.query), ctx);
      return { status: 200, body: page.items.map((i) => issueJson(state, i, urls)), headers: page.headers };
    }
    case "issueGetIssue":
      return issue ? { status: 200, body: issueJson(state, issue, urls) } : notFound(urls);
    case "issueCreateIssue": {
      if (body.title === "") return required(urls, "Title");
      const labels = writer && Array.isArray(body.labels) ? (body.labels as number[]) : [];
      const created = state.openIssue(repo, { title: String(body.title), body: typeof body.body === "string" ? body.body : "", labels }, user.login);
      if (body.closed === true) state.setState(created, "closed", user.login);
      return { status: 201, body: issueJson(state, created, urls) };
    }
    case "issueEditIssue":
      if (!issue) return notFound(urls);
      if (!writer && issue.user.toLowerCase() !== user.login.toLowerCase()) return FORBIDDEN;
      if (issue.pull?.merged && body.state !== undefined) return forgejoError(urls, 412, "cannot change state of this pull request, it was already merged");
      state.editIssue(issue, { title: body.title as string | undefined, body: body.body as string | undefined }, user.login);
      if (typeof body.state === "string") state.setState(issue, body.state === "closed" ? "closed" : "open", user.login);
      return { status: 201, body: issueJson(state, issue, urls) };
    case "issueReplaceLabels":
      return issue ? replaceLabels(state, repo, issue, body, user, writer, urls) : notFound(urls);
    case "issueListLabels": {
      const labels = [...repo.labels.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
      const page = paged(labels, ctx);
      return { status: 200, body: page.items.map((l) => labelJson(l, urls)), headers: page.headers };
    }
    case "issueCreateLabel": {
      if (!writer) return forgejoError(urls, 403, "user should have a permission to write to a repo");
      const color = normalizeColor(String(body.color));
      if (!color) return { ...forgejoError(urls, 422, `invalid color: ${String(body.color)}`), violation: true };
      const label = state.addLabel(repo, { name: String(body.name), color, description: typeof body.description === "string" ? body.description : "", exclusive: body.exclusive === true });
      return { status: 201, body: labelJson(label, urls) };
    }
    case "issueGetComments":
      if (!issue) return missingIssue();
      return { status: 200, body: state.commentsOf(issue).map((c) => commentJson(state, c, urls)) };
    case "issueCreateComment":
      if (body.body === "") return required(urls, "Body");
      if (!issue) return missingIssue();
      return { status: 201, body: commentJson(state, state.addComment(issue, String(body.body), user.login), urls) };
    case "issueGetComment":
    case "issueEditComment":
    case "issueDeleteComment": {
      const comment = state.comments.get(Number(params.id));
      if (!comment || comment.repo !== repo.fullName) return notFound(urls);
      if (operationId === "issueGetComment") return { status: 200, body: commentJson(state, comment, urls) };
      if (!writer && comment.user.toLowerCase() !== user.login.toLowerCase()) return FORBIDDEN;
      if (operationId === "issueEditComment" && body.body === "") return required(urls, "Body");
      if (operationId === "issueDeleteComment") {
        state.deleteComment(comment, user.login);
        return { status: 204 };
      }
      state.editComment(comment, String(body.body), user.login);
      return { status: 200, body: commentJson(state, comment, urls) };
    }
    default:
      return forgejoError(urls, 501, `${operationId} is in the contract but the fake does not serve it`);
  }
}

/** Label ids, or names of the repository's labels (not both, as Forgejo requires); ids of no label of the repository are dropped. */
function replaceLabels(state: ForgejoState, repo: FakeRepo, issue: FakeIssue, body: Record<string, unknown>, user: FakeUser, writer: boolean, urls: Urls): Answer {
  const given = Array.isArray(body.labels) ? body.labels : [];
  if (given.some((l) => typeof l !== "number" && typeof l !== "string")) return { ...forgejoError(urls, 400, "a label must be an integer or a string"), violation: true };
  const ids = given.filter((l): l is number => typeof l === "number");
  const names = given.filter((l): l is string => typeof l === "string");
  if (ids.length > 0 && names.length > 0) return { ...forgejoError(urls, 400, "labels should be an array of strings or integers"), violation: true };
  if (!writer) return FORBIDDEN;
  const named = names.flatMap((name) => [...repo.labels.values()].filter((l) => l.name === name).map((l) => l.id));
  state.setLabels(issue, [...ids, ...named], user.login);
  return { status: 200, body: state.labelsOf(issue).map((l) => labelJson(l, urls)) };
}

/** Forgejo's label.NormalizeColor: "#rgb", "#rrggbb" (the "#" optional), kept as lower-case "#rrggbb". */
function normalizeColor(color: string): string | null {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return null;
  return `#${(hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex).toLowerCase()}`;
}

/** A page as Forgejo pages lists: `limit` (default 30, at most 50: MAX_RESPONSE_ITEMS), `page`; X-Total-Count and a Link header. */
function paged<T>(items: T[], ctx: OperationContext): { items: T[]; headers: Record<string, string> } {
  const limit = Math.min(Math.max(Number(ctx.query.get("limit") ?? 30) || 30, 1), 50);
  const page = Math.max(Number(ctx.query.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / limit), 1);
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(ctx.query);
    query.set("page", String(n));
    query.set("limit", String(limit));
    return `<${ctx.urls.web}${ctx.path}?${query}>; rel="${rel}"`;
  };
  const links = [page < last && link(page + 1, "next"), page < last && link(last, "last"), page > 1 && link(1, "first"), page > 1 && link(page - 1, "prev")].filter(Boolean);
  return { items: items.slice((page - 1) * limit, page * limit), headers: { "x-total-count": String(items.length), ...(links.length > 0 ? { link: links.join(",") } : {}) } };
}

/** Forgejo's filters for a repository's issues (pull requests included unless `type`), newest first. */
function listIssues(state: ForgejoState, repo: FakeRepo, query: URLSearchParams): FakeIssue[] {
  const wanted = query.get("state") ?? "open";
  const type = query.get("type");
  const labels = (query.get("labels") ?? "").split(",").map((l) => l.trim()).filter(Boolean);
  const since = query.get("since");
  const before = query.get("before");
  const creator = query.get("created_by")?.toLowerCase();
  const q = query.get("q")?.toLowerCase();
  return [...repo.issues.values()]
    .filter((i) => wanted === "all" || i.state === wanted)
    .filter((i) => !type || (type === "pulls") === Boolean(i.pull))
    .filter((i) => labels.length === 0 || state.labelsOf(i).some((l) => labels.includes(l.name)))
    .filter((i) => !since || Date.parse(i.updatedAt) >= Date.parse(since))
    .filter((i) => !before || Date.parse(i.updatedAt) <= Date.parse(before))
    .filter((i) => !creator || i.user.toLowerCase() === creator)
    .filter((i) => !q || `${i.title}\n${i.body}`.toLowerCase().includes(q))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number - a.number);
}

import { commentJson, issueJson, privateUserJson, pullJson, rateLimitJson, repoJson, type Urls } from "./fake-github-json";
import { deploymentJson, deploymentStatusJson, workflowRunJson } from "./fake-github-ci-json";
import type { DeploymentState, FakeIssue, FakeRepo, FakeUser, GithubState, StateReason } from "./fake-github-state";

/**
 * The fake GitHub's answers to the operations of the vendored subset, once a request has passed
 * the contract gate and authentication (fake-github.ts): the state's own rules, as GitHub applies
 * them. Every repository is private, so a user without access gets 404 (GitHub does not tell a
 * repository it hides from one that does not exist); a user with read-only access who writes gets
 * 403; input the schema allows but GitHub refuses (an empty title, a milestone or assignee the
 * repository does not have, reopening with `state_reason: "completed"`) gets 422
 * "Validation Failed" naming the field — and is a violation like the gate's.
 *
 * Deployments: a classic token needs `repo` or `repo_deployment`; creating one or a status needs
 * write access. A ref the repository does not have is GitHub's 422 "No ref found for: <ref>".
 * Workflow dispatch (write access, `repo` scope; the workflow by id or file name, else 404): the
 * ref must be a branch or tag, every input declared and every required one given (GitHub's 422s,
 * in its words), and it answers 204 — or 200 with the run when `return_run_details` is true.
 */

export type Answer = { status: number; body?: unknown; headers?: Record<string, string>; violation?: boolean };
export type OperationContext = {
  state: GithubState;
  urls: Urls;
  /** The path as GitHub documents it (without `/api/v3`), for Link headers. */
  path: string;
  user: FakeUser | null;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  rate: { limit: number; used: number; reset: number };
  /** The operation's documentation, GitHub's `documentation_url` in errors. */
  docs: string;
};

export const githubError = (status: number, message: string, docs: string) => ({ status, body: { message, documentation_url: docs, status: String(status) } });
const validationFailed = (docs: string, resource: string, code: string, field: string): Answer => ({
  status: 422,
  body: { message: "Validation Failed", errors: [{ resource, code, field }], documentation_url: docs, status: "422" },
  violation: true,
});

/** A page of `items` as GitHub pages lists: `per_page` (default 30, at most 100), `page`, and a Link header to the others. */
function paged<T>(items: T[], ctx: OperationContext): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 30), 1), 100);
  const page = Math.max(Number(ctx.query.get("page") ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(ctx.query);
    query.set("page", String(n));
    return `<${ctx.urls.api}${ctx.path}?${query}>; rel="${rel}"`;
  };
  const links = [page > 1 && link(page - 1, "prev"), page < last && link(page + 1, "next"), page < last && link(last, "last"), page > 1 && link(1, "first")].filter(Boolean);
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

const labelNames = (labels: unknown[]): string[] => labels.map((l) => (typeof l === "string" ? l : String((l as { name?: unknown }).name ?? ""))).filter((n) => n !== "");

const DEPLOYMENT_OPERATIONS = new Set(["repos/create-deployment", "repos/get-deployment", "repos/create-deployment-status", "repos/list-deployment-statuses"]);
const WRITES = new Set([
  "issues/create",
  "issues/update",
  "issues/create-comment",
  "issues/update-comment",
  "issues/delete-comment",
  "repos/create-deployment",
  "repos/create-deployment-status",
  "actions/create-workflow-dispatch",
]);

/** What a classic token's scopes let it see of a private repository: everything with `repo`, deployments with `repo_deployment`. */
function scopesAllow(user: FakeUser, operationId: string): boolean {
  if (!user.scopes || user.scopes.includes("repo")) return true;
  return DEPLOYMENT_OPERATIONS.has(operationId) && user.scopes.includes("repo_deployment");
}

export function handleOperation(operationId: string, ctx: OperationContext): Answer {
  const { state, urls, user, params, docs } = ctx;
  if (operationId === "rate-limit/get") return { status: 200, body: rateLimitJson(ctx.rate) };
  if (operationId === "users/get-authenticated") {
    if (!user) return githubError(401, "Requires authentication", docs);
    const owned = [...state.repos.values()].filter((r) => r.owner.toLowerCase() === user.login.toLowerCase()).length;
    return { status: 200, body: privateUserJson(user, urls, owned) };
  }

  const repo = state.repo(`${params.owner}/${params.repo}`);
  if (!repo || !user || !state.canRead(repo, user.login) || !scopesAllow(user, operationId)) return githubError(404, "Not Found", docs);
  if (WRITES.has(operationId) && !state.canWrite(repo, user.login)) return githubError(403, "Resource not accessible by personal access token", docs);
  const number = params.issue_number ?? params.pull_number;
  const issue = number ? repo.issues.get(Number(number)) : undefined;
  const comment = params.comment_id ? state.comments.get(Number(params.comment_id)) : undefined;
  const body = ctx.body ?? {};

  switch (operationId) {
    case "repos/get":
      return { status: 200, body: repoJson(state, repo, urls, user) };
    case "issues/list-for-repo": {
      const page = paged(listIssues(state, repo, ctx.query), ctx);
      return { status: 200, body: page.items.map((i) => issueJson(state, i, urls)), headers: page.headers };
    }
    case "issues/get":
      return issue ? { status: 200, body: issueJson(state, issue, urls) } : githubError(404, "Not Found", docs);
    case "pulls/get":
      return issue?.pull ? { status: 200, body: pullJson(state, issue, urls) } : githubError(404, "Not Found", docs);
    case "issues/create": {
      const title = String(body.title).trim();
      if (title === "") return validationFailed(docs, "Issue", "missing_field", "title");
      const problem = refusedExtras(state, repo, body, docs);
      if (problem) return problem;
      const assignees = assigneesOf(body);
      const input = { title, body: (body.body as string | undefined) ?? null, labels: labelNames((body.labels as unknown[]) ?? []), assignees };
      const created = state.openIssue(repo, input, user.login);
      const json = issueJson(state, created, urls);
      return { status: 201, body: json, headers: { location: json.url } };
    }
    case "issues/update":
      return issue ? updateIssue(state, issue, body, user, ctx) : githubError(404, "Not Found", docs);
    case "issues/list-comments": {
      if (!issue) return githubError(404, "Not Found", docs);
      const since = ctx.query.get("since");
      const page = paged(state.commentsOf(issue).filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since)), ctx);
      return { status: 200, body: page.items.map((c) => commentJson(state, c, urls)), headers: page.headers };
    }
    case "issues/create-comment": {
      if (!issue) return githubError(404, "Not Found", docs);
      if (String(body.body).trim() === "") return validationFailed(docs, "IssueComment", "missing_field", "body");
      const json = commentJson(state, state.addComment(issue, String(body.body), user.login), urls);
      return { status: 201, body: json, headers: { location: json.url } };
    }
    case "issues/get-comment":
    case "issues/update-comment":
    case "issues/delete-comment": {
      if (!comment || comment.repo !== repo.fullName) return githubError(404, "Not Found", docs);
      if (operationId === "issues/get-comment") return { status: 200, body: commentJson(state, comment, urls) };
      if (operationId === "issues/delete-comment") {
        state.deleteComment(comment, user.login);
        return { status: 204 };
      }
      if (String(body.body).trim() === "") return validationFailed(docs, "IssueComment", "missing_field", "body");
      state.editComment(comment, String(body.body), user.login);
      return { status: 200, body: commentJson(state, comment, urls) };
    }
    case "repos/create-deployment":
      return createDeployment(state, repo, body, user, ctx);
    case "repos/get-deployment":
    case "repos/create-deployment-status":
    case "repos/list-deployment-statuses": {
      const deployment = repo.deployments.get(Number(params.deployment_id));
      if (!deployment) return githubError(404, "Not Found", docs);
      if (operationId === "repos/get-deployment") return { status: 200, body: deploymentJson(state, deployment, urls) };
      if (operationId === "repos/list-deployment-statuses") {
        const page = paged([...deployment.statuses].reverse(), ctx);
        return { status: 200, body: page.items.map((s) => deploymentStatusJson(state, deployment, s, urls)), headers: page.headers };
      }
      const logUrl = str(body.log_url) ?? str(body.target_url) ?? "";
      const input = { state: body.state as DeploymentState, description: str(body.description) ?? "", environment: str(body.environment), logUrl, environmentUrl: str(body.environment_url) ?? "", autoInactive: body.auto_inactive !== false };
      const json = deploymentStatusJson(state, deployment, state.addDeploymentStatus(deployment, input, user.login), urls);
      return { status: 201, body: json, headers: { location: json.url } };
    }
    case "actions/create-workflow-dispatch":
      return dispatchWorkflow(state, repo, body, user, ctx);
    case "actions/get-workflow-run": {
      const run = repo.runs.get(Number(params.run_id));
      return run ? { status: 200, body: workflowRunJson(state, run, urls) } : githubError(404, "Not Found", docs);
    }
    case "actions/list-workflow-runs": {
      const workflow = state.workflow(repo, params.workflow_id);
      if (!workflow) return githubError(404, "Not Found", docs);
      const q = ctx.query;
      const runs = [...repo.runs.values()]
        .filter((r) => r.workflowId === workflow.id)
        .filter((r) => !q.get("branch") || r.headBranch === q.get("branch"))
        .filter((r) => !q.get("event") || r.event === q.get("event"))
        .filter((r) => !q.get("status") || r.status === q.get("status") || r.conclusion === q.get("status"))
        .filter((r) => !q.get("actor") || r.actor.toLowerCase() === q.get("actor")!.toLowerCase())
        .filter((r) => !q.get("head_sha") || r.headSha === q.get("head_sha"))
        .sort((a, b) => b.id - a.id);
      const page = paged(runs, ctx);
      return { status: 200, body: { total_count: runs.length, workflow_runs: page.items.map((r) => workflowRunJson(state, r, urls)) }, headers: page.headers };
    }
    default:
      return { status: 501, body: { message: `${operationId} is in the contract but the fake does not serve it`, documentation_url: docs } };
  }
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
/** GitHub's answer to a ref it cannot find (deployments and workflow dispatch alike); input the schema allows, so a violation too. */
const noRef = (ref: string, docs: string): Answer => ({ ...githubError(422, `No ref found for: ${ref}`, docs), violation: true });

function createDeployment(state: GithubState, repo: FakeRepo, body: Record<string, unknown>, user: FakeUser, ctx: OperationContext): Answer {
  const ref = String(body.ref);
  const resolved = state.resolveRef(repo, ref, true);
  if (!resolved) return noRef(ref, ctx.docs);
  const environment = str(body.environment) ?? "production";
  const input = {
    ref,
    sha: resolved.sha,
    task: str(body.task) ?? "deploy",
    payload: (body.payload as Record<string, unknown> | string | undefined) ?? {},
    environment,
    description: (body.description as string | null | undefined) ?? null,
    transient: body.transient_environment === true,
    production: typeof body.production_environment === "boolean" ? body.production_environment : environment === "production",
  };
  const json = deploymentJson(state, state.createDeployment(repo, input, user.login), ctx.urls);
  return { status: 201, body: json, headers: { location: json.url } };
}

function dispatchWorkflow(state: GithubState, repo: FakeRepo, body: Record<string, unknown>, user: FakeUser, ctx: OperationContext): Answer {
  const { docs } = ctx;
  const workflow = state.workflow(repo, ctx.params.workflow_id);
  if (!workflow) return githubError(404, "Not Found", docs);
  const refused = (message: string): Answer => ({ ...githubError(422, message, docs), violation: true });
  if (!workflow.dispatchable) return refused("Workflow does not have 'workflow_dispatch' trigger");
  const ref = String(body.ref);
  const resolved = state.resolveRef(repo, ref, false);
  if (!resolved) return noRef(ref, docs);
  const given = (body.inputs ?? {}) as Record<string, unknown>;
  const unexpected = Object.keys(given).filter((name) => !Object.hasOwn(workflow.inputs, name));
  if (unexpected.length > 0) return refused(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const inputs: Record<string, string | boolean | number> = {};
  for (const [name, declared] of Object.entries(workflow.inputs)) {
    const value = given[name];
    if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") inputs[name] = value;
    else if (declared.default !== undefined) inputs[name] = declared.default;
    else if (declared.required) return refused(`Required input '${name}' not provided`);
  }
  const run = state.dispatchWorkflow(repo, workflow, resolved, inputs, user.login);
  if (body.return_run_details !== true) return { status: 204 };
  const json = workflowRunJson(state, run, ctx.urls);
  return { status: 200, body: { workflow_run_id: run.id, run_url: json.url, html_url: json.html_url } };
}

/** Assignees and milestones the repository does not have: the fake has no milestones, and only collaborators can be assigned. */
function refusedExtras(state: GithubState, repo: FakeRepo, body: Record<string, unknown>, docs: string): Answer | null {
  if (body.milestone !== undefined && body.milestone !== null) return validationFailed(docs, "Issue", "invalid", "milestone");
  if (assigneesOf(body)?.some((login) => !state.canRead(repo, login))) return validationFailed(docs, "Issue", "invalid", "assignees");
  return null;
}

function assigneesOf(body: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(body.assignees)) return body.assignees.map((a) => (typeof a === "string" ? a : String((a as { login?: unknown }).login)));
  if (typeof body.assignee === "string") return [body.assignee];
  if (body.assignee === null) return [];
  return undefined;
}

function updateIssue(state: GithubState, issue: FakeIssue, body: Record<string, unknown>, user: FakeUser, ctx: OperationContext): Answer {
  const { docs } = ctx;
  const title = body.title === undefined || body.title === null ? undefined : String(body.title).trim();
  if (title === "") return validationFailed(docs, "Issue", "missing_field", "title");
  const problem = refusedExtras(state, state.repo(issue.repo)!, body, docs);
  if (problem) return problem;
  const nextState = body.state as "open" | "closed" | undefined;
  const reason = body.state_reason as StateReason | null | undefined;
  if (nextState === "closed" && reason === "reopened") return validationFailed(docs, "Issue", "invalid", "state_reason");
  if (nextState === "open" && reason && reason !== "reopened") return validationFailed(docs, "Issue", "invalid", "state_reason");
  state.editIssue(issue, { title, body: body.body as string | null | undefined }, user.login);
  const assignees = assigneesOf(body);
  if (assignees) issue.assignees = assignees.map((login) => state.user(login).login);
  if (Array.isArray(body.labels)) state.setLabels(issue, labelNames(body.labels), user.login);
  if (nextState) state.setState(issue, nextState, user.login, reason);
  return { status: 200, body: issueJson(state, issue, ctx.urls) };
}

/** `assignee`: "none", "*" (anyone) or a login. */
function assignedAs(assignees: string[], assignee: string): boolean {
  if (assignee === "none") return assignees.length === 0;
  if (assignee === "*") return assignees.length > 0;
  return assignees.some((a) => a.toLowerCase() === assignee);
}

/** GitHub's filters and order for listing a repository's issues (pull requests included, as GitHub does). */
function listIssues(state: GithubState, repo: FakeRepo, query: URLSearchParams): FakeIssue[] {
  const wanted = query.get("state") ?? "open";
  const labels = (query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const since = query.get("since");
  const creator = query.get("creator")?.toLowerCase();
  const assignee = query.get("assignee")?.toLowerCase();
  const milestone = query.get("milestone");
  const sort = query.get("sort") ?? "created";
  const direction = query.get("direction") === "asc" ? 1 : -1;
  const key = (i: FakeIssue) => (sort === "comments" ? state.commentsOf(i).length : Date.parse(sort === "updated" ? i.updatedAt : i.createdAt));
  return [...repo.issues.values()]
    .filter((i) => wanted === "all" || i.state === wanted)
    .filter((i) => labels.every((l) => i.labels.some((n) => n.toLowerCase() === l)))
    .filter((i) => !since || Date.parse(i.updatedAt) >= Date.parse(since))
    .filter((i) => !creator || i.user.toLowerCase() === creator)
    .filter((i) => !assignee || assignedAs(i.assignees, assignee))
    .filter((i) => !milestone || milestone === "none")
    .sort((a, b) => direction * (key(a) - key(b) || a.number - b.number));
}

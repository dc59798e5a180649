import { currentUserJson, deploymentJson, issueJson, noteJson, pipelineJson, projectJson, tokenJson, type Urls } from "./fake-gitlab-json";
import { ROLES, type DeploymentStatus, type FakeIssue, type FakeProject, type FakeUser, type GitlabState, type IssueEdit, type PipelineVariable } from "./fake-gitlab-state";

/**
 * The fake GitLab's answers to the operations of its contract, once a request has passed the
 * contract gate and authentication (fake-gitlab.ts): the state's rules, as GitLab applies them.
 * Every project is private, so a user who is not a member gets 404 "Project Not Found" (GitLab
 * does not tell a hidden project from a missing one). A token without the `api` scope gets 403
 * `insufficient_scope` on any write, and without `api` or `read_api` on any read. A Guest may open
 * issues and comment, but its labels are dropped (as GitLab does) and editing someone else's issue
 * is 403; Planner and above edit any. Input the description allows but GitLab refuses (a blank
 * title or note, an update naming nothing) is GitLab's 400 — and a violation like the gate's.
 *
 * Deployments and pipelines (whether or not issues are enabled): reading needs Reporter, creating a
 * deployment or a pipeline, or updating a deployment, Developer (else 403 "403 Forbidden"). A
 * deployment's status moves as GitLab's state machine allows, else 400 with its validation error;
 * a pipeline runs on a branch or tag of the project, else 400 "Reference not found". The pipeline
 * trigger (`triggerPipeline`) is authenticated by its trigger token alone: an unknown token, or one
 * of another project, is 404 "404 Not Found"; the pipeline runs as the token's owner.
 */

export type Answer = { status: number; body?: unknown; headers?: Record<string, string>; violation?: boolean };
export type OperationContext = {
  state: GitlabState;
  urls: Urls;
  /** The path asked for (for Link headers). */
  path: string;
  user: FakeUser;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
};

export const gitlabError = (status: number, message: string): Answer => ({ status, body: { message } });
const refused = (body: unknown): Answer => ({ status: 400, body, violation: true });
const INSUFFICIENT_SCOPE: Answer = {
  status: 403,
  body: { error: "insufficient_scope", error_description: "The request requires higher privileges than provided by the access token.", scope: "api" },
};
const WRITES = new Set([
  "postApiV4ProjectsIdIssues",
  "putApiV4ProjectsIdIssuesIssueIid",
  "createIssueNote",
  "updateIssueNote",
  "deleteIssueNote",
  "postApiV4ProjectsIdDeployments",
  "putApiV4ProjectsIdDeploymentsDeploymentId",
  "createPipeline",
]);
const CI_OPERATIONS = new Set(["postApiV4ProjectsIdDeployments", "getApiV4ProjectsIdDeploymentsDeploymentId", "putApiV4ProjectsIdDeploymentsDeploymentId", "createPipeline", "getPipeline"]);
const UPDATABLE = ["assignee_id", "assignee_ids", "confidential", "created_at", "description", "discussion_locked", "due_date", "start_date", "labels", "add_labels", "remove_labels", "milestone_id", "milestone", "severity", "state_event", "title", "issue_type", "weight", "epic_id", "epic_iid"];

/** A page of `items` as GitLab pages lists: `per_page` (default 20, at most 100), `page`, X-* headers and a Link header. */
function paged<T>(items: T[], ctx: OperationContext): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 20), 1), 100);
  const page = Math.max(Number(ctx.query.get("page") ?? 1), 1);
  const pages = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(ctx.query);
    query.set("page", String(n));
    return `<${ctx.urls.web}${ctx.path}?${query}>; rel="${rel}"`;
  };
  const links = [page > 1 && link(page - 1, "prev"), page < pages && link(page + 1, "next"), link(1, "first"), link(pages, "last")].filter(Boolean);
  const headers = {
    link: links.join(", "),
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-total": String(items.length),
    "x-total-pages": String(pages),
    "x-next-page": page < pages ? String(page + 1) : "",
    "x-prev-page": page > 1 ? String(page - 1) : "",
  };
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

const labelsOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(",") : []);

export function handleOperation(operationId: string, ctx: OperationContext): Answer {
  const { state, urls, user, params } = ctx;
  const scopes = user.scopes;
  if (!scopes.includes("api") && (WRITES.has(operationId) || !scopes.includes("read_api"))) return INSUFFICIENT_SCOPE;
  if (operationId === "getCurrentUser") return { status: 200, body: currentUserJson(user, urls) };
  if (operationId === "getPersonalAccessTokenSelf") return { status: 200, body: tokenJson(user) };

  const project = state.project(params.id);
  const role = project ? state.role(project, user.username) : 0;
  if (!project || (!role && !user.admin)) return gitlabError(404, "404 Project Not Found");
  if (operationId === "getProject") return { status: 200, body: projectJson(project, urls, role) };
  if (CI_OPERATIONS.has(operationId)) return ciOperation(operationId, ctx, project, user.admin ? ROLES.owner : role);
  if (!project.issuesEnabled) return gitlabError(403, "403 Forbidden");
  const issue = params.issue_iid ? project.issues.get(Number(params.issue_iid)) : undefined;
  if (params.issue_iid && !issue) return gitlabError(404, "404 Issue Not Found");
  const body = ctx.body ?? {};

  switch (operationId) {
    case "getApiV4ProjectsIdIssues": {
      const page = paged(listIssues(project, ctx.query), ctx);
      return { status: 200, body: page.items.map((i) => issueJson(state, i, urls)), headers: page.headers };
    }
    case "getApiV4ProjectsIdIssuesIssueIid":
      return { status: 200, body: issueJson(state, issue!, urls) };
    case "postApiV4ProjectsIdIssues": {
      const title = String(body.title ?? "").trim();
      if (title === "") return refused({ message: { title: ["can't be blank"] } });
      const labels = role >= ROLES.planner || user.admin ? labelsOf(body.labels) : [];
      const created = state.openIssue(project, { title, description: typeof body.description === "string" ? body.description : null, labels }, user.username);
      return { status: 201, body: issueJson(state, created, urls) };
    }
    case "putApiV4ProjectsIdIssuesIssueIid":
      return updateIssue(ctx, project, issue!, role);
    case "listIssueNotes": {
      const direction = ctx.query.get("sort") === "asc" ? 1 : -1;
      const key = ctx.query.get("order_by") === "updated_at" ? "updatedAt" : "createdAt";
      const notes = state.notesOf(issue!).sort((a, b) => direction * (Date.parse(a[key]) - Date.parse(b[key]) || a.id - b.id));
      const page = paged(notes, ctx);
      return { status: 200, body: page.items.map((n) => noteJson(state, n, urls)), headers: page.headers };
    }
    case "createIssueNote": {
      if (String(body.body ?? "").trim() === "") return refused({ message: { note: ["can't be blank"] } });
      return { status: 201, body: noteJson(state, state.addNote(issue!, String(body.body), user.username), urls) };
    }
    case "getIssueNote":
    case "updateIssueNote":
    case "deleteIssueNote": {
      const note = state.notes.get(Number(params.note_id));
      if (!note || note.projectId !== project.id || note.issueIid !== issue!.iid) return gitlabError(404, "404 Note Not Found");
      if (operationId === "getIssueNote") return { status: 200, body: noteJson(state, note, urls) };
      const own = note.author.toLowerCase() === user.username.toLowerCase();
      if (!own && role < ROLES.maintainer && !user.admin) return gitlabError(403, "403 Forbidden");
      if (operationId === "deleteIssueNote") {
        state.deleteNote(note);
        return { status: 204 };
      }
      if (body.body !== undefined && String(body.body).trim() === "") return refused({ message: { note: ["can't be blank"] } });
      if (typeof body.body === "string") state.editNote(note, body.body, user.username);
      return { status: 200, body: noteJson(state, note, urls) };
    }
    default:
      return { status: 501, body: { message: `${operationId} is in the contract but the fake does not serve it` } };
  }
}

function updateIssue(ctx: OperationContext, project: FakeProject, issue: FakeIssue, role: number): Answer {
  const { state, user } = ctx;
  const body = ctx.body ?? {};
  if (!UPDATABLE.some((field) => body[field] !== undefined)) return refused({ error: `${UPDATABLE.join(", ")} are missing, at least one parameter must be provided` });
  const own = issue.author.toLowerCase() === user.username.toLowerCase();
  const mayEdit = role >= ROLES.planner || user.admin;
  if (!mayEdit && !own) return gitlabError(403, "403 Forbidden");
  const edit: IssueEdit = {};
  if (body.title !== undefined && body.title !== null) {
    edit.title = String(body.title).trim();
    if (edit.title === "") return refused({ message: { title: ["can't be blank"] } });
  }
  if (body.description !== undefined) edit.description = body.description === null ? null : String(body.description);
  if (body.state_event === "close" || body.state_event === "reopen") edit.state = body.state_event;
  // A Guest's label changes are dropped, as GitLab drops them.
  if (mayEdit) {
    const current = body.labels !== undefined && body.labels !== null ? labelsOf(body.labels) : issue.labels;
    const removed = new Set(labelsOf(body.remove_labels).map((l) => l.toLowerCase()));
    const next = [...current, ...labelsOf(body.add_labels)].filter((l) => !removed.has(l.toLowerCase()));
    if (body.labels !== undefined || body.add_labels !== undefined || body.remove_labels !== undefined) edit.labels = next;
  }
  state.editIssue(issue, edit, user.username);
  return { status: 200, body: issueJson(state, issue, ctx.urls) };
}

/** GitLab's filters and order for a project's issues. */
function listIssues(project: FakeProject, query: URLSearchParams): FakeIssue[] {
  const wanted = query.get("state") ?? "all";
  const labels = labelsOf(query.get("labels") ?? "").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const key = query.get("order_by") === "updated_at" ? "updatedAt" : "createdAt";
  const direction = query.get("sort") === "asc" ? 1 : -1;
  const updatedAfter = query.get("updated_after");
  return [...project.issues.values()]
    .filter((i) => wanted === "all" || i.state === wanted)
    .filter((i) => labels.every((l) => i.labels.some((n) => n.toLowerCase() === l)))
    .filter((i) => !updatedAfter || Date.parse(i.updatedAt) >= Date.parse(updatedAfter))
    .sort((a, b) => direction * (Date.parse(a[key]) - Date.parse(b[key]) || a.iid - b.iid));
}

// ——— Deployments and pipelines ———

const FORBIDDEN = gitlabError(403, "403 Forbidden");
const REFERENCE_NOT_FOUND = refused({ message: { base: ["Reference not found"] } });
const isTrue = (value: unknown) => value === true || value === "true";

function ciOperation(operationId: string, ctx: OperationContext, project: FakeProject, role: number): Answer {
  const { state, urls, user, params } = ctx;
  const body = ctx.body ?? {};
  const needed = operationId.startsWith("get") ? ROLES.reporter : ROLES.developer;
  if (role < needed) return FORBIDDEN;
  switch (operationId) {
    case "postApiV4ProjectsIdDeployments": {
      const environment = String(body.environment ?? "").trim();
      if (environment === "") return refused({ message: { name: ["can't be blank"] } });
      const input = { environment, sha: String(body.sha), ref: String(body.ref), tag: isTrue(body.tag), status: body.status as Exclude<DeploymentStatus, "created"> };
      return { status: 201, body: deploymentJson(state, state.createDeployment(project, input, user.username), urls) };
    }
    case "getApiV4ProjectsIdDeploymentsDeploymentId":
    case "putApiV4ProjectsIdDeploymentsDeploymentId": {
      const deployment = project.deployments.get(Number(params.deployment_id));
      if (!deployment) return gitlabError(404, "404 Not found");
      if (operationId === "putApiV4ProjectsIdDeploymentsDeploymentId") {
        const why = state.updateDeployment(deployment, body.status as Exclude<DeploymentStatus, "created">, user.username);
        if (why) return refused({ message: { status: [why] } });
      }
      return { status: 200, body: deploymentJson(state, deployment, urls) };
    }
    case "createPipeline": {
      const ref = state.resolveRef(project, String(body.ref));
      if (!ref) return REFERENCE_NOT_FOUND;
      const variables = ((body.variables ?? []) as { key: string; value: string; variable_type?: string }[]).map(
        (v): PipelineVariable => ({ key: v.key, value: v.value, variableType: v.variable_type === "file" ? "file" : "env_var" }),
      );
      return { status: 201, body: pipelineJson(state, state.createPipeline(project, { ref, source: "api", variables }, user.username), urls) };
    }
    case "getPipeline": {
      const pipeline = project.pipelines.get(Number(params.pipeline_id));
      return pipeline ? { status: 200, body: pipelineJson(state, pipeline, urls) } : gitlabError(404, "404 Not found");
    }
    default:
      return { status: 501, body: { message: `${operationId} is in the contract but the fake does not serve it` } };
  }
}

/**
 * POST /projects/:id/trigger/pipeline, which takes no access token: `token` and `ref` from the
 * body or the query string, `variables` a map of strings. `hookEvent`: the request's
 * X-Gitlab-Event — GitLab refuses a trigger sent by a pipeline hook, to avoid loops.
 */
export function triggerPipeline(ctx: Omit<OperationContext, "user">, hookEvent: string | undefined): Answer {
  const { state, urls, params, query } = ctx;
  const body = ctx.body ?? {};
  if (hookEvent === "Pipeline Hook") return FORBIDDEN;
  const token = body.token ?? query.get("token") ?? undefined;
  const ref = body.ref ?? query.get("ref") ?? undefined;
  const missing = [ref === undefined && "ref is missing", token === undefined && "token is missing"].filter(Boolean);
  if (missing.length > 0) return refused({ error: missing.join(", ") });
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  if (typeof variables !== "object" || Array.isArray(variables) || !Object.values(variables).every((v) => typeof v === "string")) {
    return refused({ message: "variables needs to be a map of key-valued strings" });
  }
  const project = state.project(params.id);
  const trigger = state.triggerByToken(String(token));
  if (!project || !trigger || trigger.projectId !== project.id) return gitlabError(404, "404 Not Found");
  if (state.role(project, trigger.owner) < ROLES.developer) return refused({ message: { base: ["Insufficient permissions to create a new pipeline"] } });
  const resolved = state.resolveRef(project, String(ref));
  if (!resolved) return REFERENCE_NOT_FOUND;
  const pipelineVariables = Object.entries(variables as Record<string, string>).map(([key, value]): PipelineVariable => ({ key, value, variableType: "env_var" }));
  const pipeline = state.createPipeline(project, { ref: resolved, source: "trigger", variables: pipelineVariables }, trigger.owner);
  return { status: 201, body: pipelineJson(state, pipeline, urls) };
}

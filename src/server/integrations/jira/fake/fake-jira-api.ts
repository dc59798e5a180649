import type { AdfDoc } from "../issue-sync/adf";
import { adfToWiki } from "./adf-to-wiki";
import { commentJson, errorCollection, issueJson, projectJson, userJson } from "./fake-jira-json";
import { PERMISSIONS, type FakeIssue, type FakeProject, type FakeUser, type JiraState, type Permission } from "./fake-jira-state";
import { searchIssues } from "./fake-jira-search";

/**
 * The fake Jira's answers to the operations of the vendored subset, once a request has passed the
 * contract gate, its ADF check and authentication (fake-jira.ts): the state's rules, as Jira
 * applies them. A project or issue the user may not browse is 404, as if it did not exist (Jira
 * says "does not exist or you do not have permission to see it"); an action the user may not do
 * is 403; input the description allows but Jira refuses — a missing summary, an issue type the
 * project does not have, a label with a space, a transition the issue does not offer, a field
 * the fake does not know — is 400 with Jira's words, by field, and is a violation like the
 * gate's (`violation`): the sync should never send it.
 */

export type Answer = { status: number; body?: unknown; headers?: Record<string, string>; violation?: boolean };
export type OperationContext = {
  state: JiraState;
  site: string;
  user: FakeUser;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  /** Search answers leave out issues younger than this (Jira's index is eventually consistent). */
  searchLagMs: number;
};

const fail = (status: number, messages: string[], errors: Record<string, string> = {}, violation = false): Answer => ({ status, body: errorCollection(messages, errors), violation });
const refused = (field: string, message: string): Answer => fail(400, [], { [field]: message }, true);
const NO_ISSUE = fail(404, ["Issue does not exist or you do not have permission to see it."]);
const FIELDS = new Set(["summary", "description", "labels", "project", "issuetype"]);

/** `fields=a,b` or `fields=a&fields=b`, as Jira takes both. */
const listParam = (query: URLSearchParams, name: string): string[] | null => {
  const values = query.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : null;
};

export function handleOperation(operationId: string, ctx: OperationContext): Answer {
  const { state, site, user, params, query } = ctx;
  const body = ctx.body ?? {};
  if (operationId === "getCurrentUser") return { status: 200, body: userJson(site, user) };
  if (operationId === "searchAndReconsileIssuesUsingJqlPost") return searchIssues(ctx);

  if (operationId === "getProject" || operationId === "getMyPermissions") {
    const key = operationId === "getProject" ? params.projectIdOrKey : query.get("projectKey");
    const project = key ? [...state.projects.values()].find((p) => p.key === key.toUpperCase() || p.id === key) : undefined;
    if (operationId === "getMyPermissions" && !query.get("permissions")) return fail(400, ["The 'permissions' query parameter is required."], {}, true);
    if (!project || !state.may(project, user, "BROWSE_PROJECTS")) return fail(404, [`No project could be found with key '${key ?? ""}'.`]);
    if (operationId === "getProject") return { status: 200, body: projectJson(site, project) };
    const wanted = query.get("permissions")!.split(",").map((p) => p.trim()) as Permission[];
    const unknown = wanted.filter((p) => !(p in PERMISSIONS));
    if (unknown.length > 0) return fail(400, [`Unrecognized permission keys: ${unknown.join(", ")}`], {}, true);
    const permissions = Object.fromEntries(
      wanted.map((key) => [key, { id: String(Object.keys(PERMISSIONS).indexOf(key) + 10), key, name: PERMISSIONS[key], type: "PROJECT", description: `Ability to ${PERMISSIONS[key].toLowerCase()}.`, havePermission: state.may(project, user, key) }]),
    );
    return { status: 200, body: { permissions } };
  }

  if (operationId === "createIssue") return createIssue(ctx, body);

  const issue = state.issue(params.issueIdOrKey ?? "");
  const project = issue ? state.projectOf(issue) : undefined;
  if (!issue || !project || !state.may(project, user, "BROWSE_PROJECTS")) return NO_ISSUE;
  const may = (permission: Permission, what: string) => (state.may(project, user, permission) ? null : fail(403, [`You do not have permission to ${what}.`]));
  const render = (doc: AdfDoc | null) => (doc ? adfToWiki(doc) : null);

  switch (operationId) {
    case "getIssue":
      return { status: 200, body: issueJson(site, state, issue, { fields: listParam(query, "fields"), transitions: (query.get("expand") ?? "").includes("transitions") }) };
    case "editIssue": {
      const denied = may("EDIT_ISSUES", "edit this issue");
      if (denied) return denied;
      const fields = (body.fields ?? {}) as Record<string, unknown>;
      const problem = fieldProblem(project, fields, false);
      if (problem) return problem;
      const labels = labelsAfter(issue.labels, fields.labels, body.update);
      if (labels !== undefined && !Array.isArray(labels)) return labels;
      state.editIssue(issue, { summary: fields.summary as string | undefined, description: fields.description as AdfDoc | null | undefined, labels }, user, render);
      if (query.get("returnIssue") !== "true") return { status: 204 };
      return { status: 200, body: issueJson(site, state, issue, { transitions: (query.get("expand") ?? "").includes("transitions") }) };
    }
    case "getTransitions": {
      const offered = state.may(project, user, "TRANSITION_ISSUES") ? state.transitionsOf(issue) : [];
      return { status: 200, body: { expand: "transitions", transitions: (issueJson(site, state, issue, { transitions: true }).transitions ?? []).filter((t) => offered.some((o) => o.id === t.id)) } };
    }
    case "doTransition": {
      const denied = may("TRANSITION_ISSUES", "transition this issue");
      if (denied) return denied;
      const id = String((body.transition as { id?: unknown } | undefined)?.id ?? "");
      if (!id) return fail(400, ["Missing 'transition' identifier"], {}, true);
      const transition = state.transitionsOf(issue).find((t) => t.id === id);
      if (!transition) return fail(400, [`Transition id '${id}' is not valid for this issue.`], {}, true);
      if (body.fields || body.update) return fail(400, [], { transition: "The transition has no screen: fields cannot be set with it." }, true);
      state.transition(issue, transition, user);
      return { status: 204 };
    }
    case "getComments": {
      const all = state.commentsOf(issue);
      if (query.get("orderBy") === "-created") all.reverse();
      const startAt = Number(query.get("startAt") ?? 0);
      const maxResults = Math.min(Number(query.get("maxResults") ?? 100), 5000);
      return { status: 200, body: { startAt, maxResults, total: all.length, comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(site, state, c)) } };
    }
    case "addComment": {
      const denied = may("ADD_COMMENTS", "add comments to this issue");
      if (denied) return denied;
      if (!hasContent(body.body)) return fail(400, [], { comment: "Comment body can not be empty!" }, true);
      const comment = state.addComment(issue, body.body as AdfDoc, user);
      return { status: 201, body: commentJson(site, state, comment) };
    }
    default:
      return commentOperation(operationId, ctx, issue, project, body);
  }
}

function commentOperation(operationId: string, ctx: OperationContext, issue: FakeIssue, project: FakeProject, body: Record<string, unknown>): Answer {
  const { state, site, user, params } = ctx;
  const comment = state.comments.get(params.id ?? "");
  if (!comment || comment.issueId !== issue.id) return fail(404, [`Can not find a comment for the id: ${params.id}.`]);
  if (operationId === "getComment") return { status: 200, body: commentJson(site, state, comment) };
  const own = comment.author === user.accountId;
  if (operationId === "deleteComment") {
    if (!own && !state.may(project, user, "DELETE_ALL_COMMENTS")) return fail(403, ["You do not have the permission to delete this comment."]);
    state.deleteComment(comment, user);
    return { status: 204 };
  }
  if (operationId === "updateComment") {
    if (!own && !state.may(project, user, "EDIT_ALL_COMMENTS")) return fail(403, ["You do not have the permission to edit this comment."]);
    if (!hasContent(body.body)) return fail(400, [], { comment: "Comment body can not be empty!" }, true);
    state.editComment(comment, body.body as AdfDoc, user);
    return { status: 200, body: commentJson(site, state, comment) };
  }
  return { status: 501, body: errorCollection([`${operationId} is in the contract but the fake does not serve it`]) };
}

const hasContent = (doc: unknown) => typeof doc === "object" && doc !== null && Array.isArray((doc as AdfDoc).content) && (doc as AdfDoc).content.length > 0;

/** What Jira refuses in `fields` (create: `creating`, with its required fields), by field, in Jira's words. */
function fieldProblem(project: FakeProject, fields: Record<string, unknown>, creating: boolean): Answer | null {
  for (const name of Object.keys(fields)) {
    if (!FIELDS.has(name) || (!creating && (name === "project" || name === "issuetype"))) {
      return refused(name, `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`);
    }
  }
  if ((creating || fields.summary !== undefined) && (typeof fields.summary !== "string" || fields.summary.trim() === "")) return refused("summary", "You must specify a summary of the issue.");
  if (typeof fields.summary === "string" && fields.summary.length > 255) return refused("summary", "Summary must be less than 255 characters.");
  if (fields.labels !== undefined) {
    if (!Array.isArray(fields.labels) || fields.labels.some((l) => typeof l !== "string")) return refused("labels", "Operation value must be a string");
    const spaced = (fields.labels as string[]).find((l) => /\s/.test(l) || l === "");
    if (spaced !== undefined) return refused("labels", `The label '${spaced}' contains spaces which is invalid.`);
    const long = (fields.labels as string[]).find((l) => l.length > 255);
    if (long) return refused("labels", "The label must not exceed 255 characters.");
  }
  return null;
}

/** The labels after an edit: `fields.labels` replaces them; `update.labels` adds, removes or sets. */
function labelsAfter(current: string[], set: unknown, update: unknown): string[] | Answer | undefined {
  if (set !== undefined) return set as string[];
  const ops = (update as { labels?: { add?: unknown; remove?: unknown; set?: unknown }[] } | undefined)?.labels;
  if (!ops) return undefined;
  let labels = [...current];
  for (const op of ops) {
    const values = [op.add, op.remove, ...(Array.isArray(op.set) ? op.set : [op.set])].filter((v) => v !== undefined);
    const spaced = values.find((v) => typeof v !== "string" || /\s/.test(v));
    if (spaced !== undefined) return refused("labels", `The label '${String(spaced)}' contains spaces which is invalid.`);
    if (typeof op.add === "string") labels.push(op.add);
    if (typeof op.remove === "string") labels = labels.filter((l) => l !== op.remove);
    if (Array.isArray(op.set)) labels = op.set as string[];
  }
  return labels;
}

function createIssue(ctx: OperationContext, body: Record<string, unknown>): Answer {
  const { state, site, user } = ctx;
  const fields = (body.fields ?? {}) as Record<string, unknown>;
  const ref = (fields.project ?? {}) as { key?: unknown; id?: unknown };
  const project = [...state.projects.values()].find((p) => p.key === ref.key || p.id === ref.id);
  if (!project || !state.may(project, user, "BROWSE_PROJECTS")) return refused("project", "Specify a valid project ID or key");
  if (!state.may(project, user, "CREATE_ISSUES")) return fail(403, ["You do not have permission to create issues in this project."]);
  const type = (fields.issuetype ?? {}) as { name?: unknown; id?: unknown };
  if (type.name === undefined && type.id === undefined) return refused("issuetype", "Specify an issue type");
  const issueType = project.issueTypes.find((t) => t.id === type.id || (typeof type.name === "string" && t.name.toLowerCase() === type.name.toLowerCase()));
  if (!issueType) return refused("issuetype", "The issue type selected is invalid.");
  const problem = fieldProblem(project, fields, true);
  if (problem) return problem;
  if (body.update && Object.keys(body.update as object).length > 0) return refused("update", "The fake Jira sets fields only through `fields` on create.");
  const created = state.createIssue(project, { issueTypeId: issueType.id, summary: fields.summary as string, description: (fields.description as AdfDoc | null | undefined) ?? null, labels: (fields.labels as string[] | undefined) ?? [] }, user);
  return { status: 201, body: { id: created.id, key: created.key, self: `${site}/rest/api/3/issue/${created.id}` } };
}

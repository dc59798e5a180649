import { adfToWiki } from "./adf-to-wiki";
import type { FakeComment, FakeIssue, FakeProject, FakeStatus, FakeTransition, FakeUser, JiraState } from "./fake-jira-state";

/**
 * The fake Jira's objects as Jira's JSON: the v3 API's (bodies in ADF; the shapes of the vendored
 * description, which the fake's answers are checked against) and, with `version: 2`, as its
 * webhooks carry them (REST `self` links under /rest/api/2, bodies in wiki markup). `site` is the
 * fake's origin, what a Jira Cloud site's https://<name>.atlassian.net is.
 */
export type Version = 2 | 3;

const avatars = (site: string, kind: string, id: string) =>
  Object.fromEntries(["48x48", "24x24", "16x16", "32x32"].map((size) => [size, `${site}/secure/viewavatar?size=${size}&${kind}=${encodeURIComponent(id)}`]));

/** The user as anyone sees them (comment authors, reporters): `UserDetails`. Email shown, as on a site whose users allow it. */
export function userDetailsJson(site: string, user: FakeUser, version: Version = 3) {
  return {
    self: `${site}/rest/api/${version}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    emailAddress: user.email,
    avatarUrls: avatars(site, "accountId", user.accountId),
    displayName: user.displayName,
    active: true,
    timeZone: "Etc/UTC",
    accountType: "atlassian",
  };
}

/** GET /myself: `User`. */
export function userJson(site: string, user: FakeUser) {
  return { ...userDetailsJson(site, user), locale: "en_US" };
}

const CATEGORIES = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
} as const;

export function statusJson(site: string, status: FakeStatus, version: Version = 3) {
  const category = CATEGORIES[status.category];
  return {
    self: `${site}/rest/api/${version}/status/${status.id}`,
    description: "",
    iconUrl: `${site}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${site}/rest/api/${version}/statuscategory/${category.id}`, ...category },
  };
}

export function issueTypeJson(site: string, type: { id: string; name: string }, version: Version = 3) {
  return {
    self: `${site}/rest/api/${version}/issuetype/${type.id}`,
    id: type.id,
    description: `A ${type.name.toLowerCase()}.`,
    iconUrl: `${site}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`,
    name: type.name,
    subtask: false,
    avatarId: 10318,
    hierarchyLevel: 0,
  };
}

/** A project as issues and webhooks name it. */
function projectRef(site: string, project: FakeProject, version: Version) {
  return { self: `${site}/rest/api/${version}/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: "software", simplified: true, avatarUrls: avatars(site, "pid", project.id) };
}

/** GET /project/{key}: `Project`. */
export function projectJson(site: string, project: FakeProject) {
  return {
    ...projectRef(site, project, 3),
    expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
    description: "",
    issueTypes: project.issueTypes.map((type) => issueTypeJson(site, type)),
    assigneeType: "UNASSIGNED",
    style: "next-gen",
    isPrivate: true,
    properties: {},
  };
}

export function transitionJson(site: string, state: JiraState, issue: FakeIssue, transition: FakeTransition) {
  const to = state.projectOf(issue).statuses.find((s) => s.id === transition.to)!;
  return { id: transition.id, name: transition.name, to: statusJson(site, to), hasScreen: false, isGlobal: transition.from === "any", isInitial: false, isAvailable: true, isConditional: false, isLooped: false };
}

/** The issue's fields, all of them, or those `wanted` names (Jira's `fields` parameter: names, `*all`, `*navigable`, `-name`). */
function fieldsJson(site: string, state: JiraState, issue: FakeIssue, version: Version, wanted: string[] | null) {
  const project = state.projectOf(issue);
  const reporter = userDetailsJson(site, state.userByAccountId(issue.reporter), version);
  const all: Record<string, unknown> = {
    summary: issue.summary,
    description: version === 3 ? issue.description : issue.description ? adfToWiki(issue.description) : null,
    status: statusJson(site, state.statusOf(issue), version),
    labels: issue.labels,
    issuetype: issueTypeJson(site, project.issueTypes.find((t) => t.id === issue.issueTypeId)!, version),
    project: projectRef(site, project, version),
    reporter,
    creator: reporter,
    assignee: null,
    created: issue.created,
    updated: issue.updated,
  };
  if (!wanted || wanted.some((name) => name === "*all" || name === "*navigable")) {
    const excluded = new Set((wanted ?? []).filter((name) => name.startsWith("-")).map((name) => name.slice(1)));
    return Object.fromEntries(Object.entries(all).filter(([name]) => !excluded.has(name)));
  }
  return Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name)));
}

export function issueJson(site: string, state: JiraState, issue: FakeIssue, options: { version?: Version; fields?: string[] | null; transitions?: boolean } = {}) {
  const version = options.version ?? 3;
  return {
    expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
    id: issue.id,
    self: `${site}/rest/api/${version}/issue/${issue.id}`,
    key: issue.key,
    fields: fieldsJson(site, state, issue, version, options.fields ?? null),
    ...(options.transitions ? { transitions: state.transitionsOf(issue).map((t) => transitionJson(site, state, issue, t)) } : {}),
  };
}

export function commentJson(site: string, state: JiraState, comment: FakeComment, version: Version = 3) {
  return {
    self: `${site}/rest/api/${version}/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    author: userDetailsJson(site, state.userByAccountId(comment.author), version),
    body: version === 3 ? comment.body : adfToWiki(comment.body),
    updateAuthor: userDetailsJson(site, state.userByAccountId(comment.updateAuthor), version),
    created: comment.created,
    updated: comment.updated,
    jsdPublic: true,
  };
}

/** Jira's error body: `errorMessages` and `errors` by field. */
export const errorCollection = (messages: string[], errors: Record<string, string> = {}) => ({ errorMessages: messages, errors });

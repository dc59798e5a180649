import type { FakeDeployment, FakeIssue, FakeLabel, FakeMergeRequest, FakeNote, FakePipeline, FakeProject, FakeUser, GitlabState } from "./fake-gitlab-state";

/**
 * The fake's state as GitLab shows it: the REST API's entities (the fields of the vendored
 * APIEntitiesIssue, the documented note, user, project and token) and the objects GitLab puts in
 * webhook payloads, which differ — hooks write times as "2024-05-01 10:00:00 UTC" (to the second),
 * labels as objects, states with a `state_id`. `web` is the fake's root, where gitlab.com's pages
 * would be (`<web>/<group>/<project>/-/issues/<iid>`); the API is `<web>/api/v4`.
 */
export type Urls = { web: string };

/** A webhook's time: GitLab's hook format, to the second. */
export const hookTime = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : null);

export function userBasicJson(user: FakeUser, urls: Urls) {
  return {
    id: user.id,
    username: user.username,
    public_email: null,
    name: user.name,
    state: "active",
    locked: false,
    avatar_url: `${urls.web}/_fake/avatars/${user.id}`,
    web_url: `${urls.web}/${user.username}`,
  };
}

/** GET /user: the token's own user, with its private fields (and `is_admin` for an administrator). */
export function currentUserJson(user: FakeUser, urls: Urls) {
  return {
    ...userBasicJson(user, urls),
    created_at: user.createdAt,
    bio: "",
    location: "",
    public_email: null,
    linkedin: "",
    twitter: "",
    discord: "",
    website_url: "",
    organization: "",
    job_title: "",
    pronouns: null,
    bot: false,
    work_information: null,
    local_time: null,
    last_sign_in_at: user.createdAt,
    confirmed_at: user.createdAt,
    last_activity_on: user.createdAt.slice(0, 10),
    email: user.email,
    theme_id: 3,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: user.createdAt,
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: true,
    external: false,
    private_profile: false,
    commit_email: user.email,
    ...(user.admin ? { is_admin: true } : {}),
  };
}

export function tokenJson(user: FakeUser) {
  return { id: user.tokenId, name: `${user.username}'s token`, revoked: false, created_at: user.createdAt, description: null, scopes: user.scopes, user_id: user.id, last_used_at: new Date().toISOString(), active: true, expires_at: null };
}

const projectWeb = (project: FakeProject, urls: Urls) => `${urls.web}/${project.path}`;

/** GET /projects/:id, as the token's user sees it (`permissions` is that user's role). */
export function projectJson(project: FakeProject, urls: Urls, viewerRole: number) {
  const [namespace] = project.path.split("/");
  return {
    id: project.id,
    description: null,
    name: project.name,
    name_with_namespace: project.path.split("/").join(" / "),
    path: project.name,
    path_with_namespace: project.path,
    created_at: project.createdAt,
    default_branch: "main",
    ssh_url_to_repo: `git@${new URL(urls.web).host}:${project.path}.git`,
    http_url_to_repo: `${projectWeb(project, urls)}.git`,
    web_url: projectWeb(project, urls),
    visibility: "private",
    namespace: { id: project.id + 1, name: namespace, path: namespace, kind: "group", full_path: project.path.split("/").slice(0, -1).join("/"), web_url: `${urls.web}/groups/${namespace}` },
    issues_enabled: project.issuesEnabled,
    issues_access_level: project.issuesEnabled ? "private" : "disabled",
    merge_requests_enabled: true,
    open_issues_count: [...project.issues.values()].filter((i) => i.state === "opened").length,
    _links: { self: `${urls.web}/api/v4/projects/${project.id}`, issues: `${urls.web}/api/v4/projects/${project.id}/issues` },
    permissions: { project_access: viewerRole ? { access_level: viewerRole, notification_level: 3 } : null, group_access: null },
  };
}

export function issueJson(state: GitlabState, issue: FakeIssue, urls: Urls) {
  const project = state.projects.get(issue.projectId)!;
  const api = `${urls.web}/api/v4/projects/${project.id}`;
  return {
    id: issue.id,
    iid: issue.iid,
    project_id: project.id,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.closedBy ? userBasicJson(state.user(issue.closedBy), urls) : null,
    labels: issue.labels,
    milestone: null,
    assignees: [],
    author: userBasicJson(state.user(issue.author), urls),
    type: "ISSUE",
    assignee: null,
    user_notes_count: state.notesOf(issue).length,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    start_date: null,
    due_date: null,
    confidential: false,
    discussion_locked: null,
    issue_type: "issue",
    web_url: `${projectWeb(project, urls)}/-/issues/${issue.iid}`,
    time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
    task_completion_status: { count: 0, completed_count: 0 },
    weight: null,
    blocking_issues_count: 0,
    has_tasks: false,
    task_status: "",
    _links: { self: `${api}/issues/${issue.iid}`, notes: `${api}/issues/${issue.iid}/notes`, award_emoji: `${api}/issues/${issue.iid}/award_emoji`, project: api, closed_as_duplicate_of: null },
    references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${project.path}#${issue.iid}` },
    severity: "UNKNOWN",
    subscribed: true,
    moved_to_id: null,
    imported: false,
    imported_from: "none",
    service_desk_reply_to: null,
  };
}

export const noteUrl = (state: GitlabState, note: FakeNote, urls: Urls) => `${projectWeb(state.projects.get(note.projectId)!, urls)}/-/issues/${note.issueIid}#note_${note.id}`;

export function noteJson(state: GitlabState, note: FakeNote, urls: Urls) {
  const issue = state.issueOf(note);
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: userBasicJson(state.user(note.author), urls),
    created_at: note.createdAt,
    updated_at: note.updatedAt,
    system: false,
    noteable_id: issue.id,
    noteable_type: "Issue",
    project_id: note.projectId,
    commands_changes: {},
    resolvable: false,
    confidential: false,
    internal: false,
    imported: false,
    imported_from: "none",
    noteable_iid: issue.iid,
  };
}

/** A deployment as the API answers it (Entities::DeploymentExtended, without the EE approvals); one made through the API has no deployable job. */
export function deploymentJson(state: GitlabState, deployment: FakeDeployment, urls: Urls) {
  const project = state.projects.get(deployment.projectId)!;
  const environment = state.environment(project, deployment.environment);
  return {
    id: deployment.id,
    iid: deployment.iid,
    ref: deployment.ref,
    sha: deployment.sha,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    status: deployment.status,
    finished_at: deployment.finishedAt,
    user: userBasicJson(state.user(deployment.user), urls),
    environment: {
      id: environment.id,
      name: environment.name,
      slug: environment.slug,
      external_url: environment.externalUrl,
      state: "available",
      tier: environment.tier,
      created_at: environment.createdAt,
      updated_at: environment.updatedAt,
    },
    deployable: null,
  };
}

const pipelineWeb = (project: FakeProject, pipeline: FakePipeline, urls: Urls) => `${projectWeb(project, urls)}/-/pipelines/${pipeline.id}`;
const seconds = (from: string | null, to: string | null) => (from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null);

/** A pipeline as the API answers it (Entities::Ci::Pipeline). */
export function pipelineJson(state: GitlabState, pipeline: FakePipeline, urls: Urls) {
  const project = state.projects.get(pipeline.projectId)!;
  const web = pipelineWeb(project, pipeline, urls);
  return {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: project.id,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipeline.status,
    source: pipeline.source,
    created_at: pipeline.createdAt,
    updated_at: pipeline.updatedAt,
    web_url: web,
    before_sha: "0000000000000000000000000000000000000000",
    tag: pipeline.tag,
    yaml_errors: null,
    user: userBasicJson(state.user(pipeline.user), urls),
    started_at: pipeline.startedAt,
    finished_at: pipeline.finishedAt,
    committed_at: null,
    duration: seconds(pipeline.startedAt, pipeline.finishedAt),
    queued_duration: seconds(pipeline.createdAt, pipeline.startedAt),
    coverage: null,
    detailed_status: { icon: `status_${pipeline.status}`, text: pipeline.status, label: pipeline.status, group: pipeline.status, tooltip: pipeline.status, has_details: true, details_path: new URL(web).pathname, illustration: null, favicon: `/assets/ci_favicons/favicon_status_${pipeline.status}.png` },
    name: null,
  };
}

// ——— Webhook objects ———

export function hookUserJson(user: FakeUser, urls: Urls) {
  return { id: user.id, name: user.name, username: user.username, avatar_url: `${urls.web}/_fake/avatars/${user.id}`, email: "[REDACTED]" };
}

export function hookProjectJson(project: FakeProject, urls: Urls) {
  const web = projectWeb(project, urls);
  const ssh = `git@${new URL(urls.web).host}:${project.path}.git`;
  return {
    id: project.id,
    name: project.name,
    description: null,
    web_url: web,
    avatar_url: null,
    git_ssh_url: ssh,
    git_http_url: `${web}.git`,
    namespace: project.path.split("/")[0],
    visibility_level: 0,
    path_with_namespace: project.path,
    default_branch: "main",
    ci_config_path: null,
    homepage: web,
    url: ssh,
    ssh_url: ssh,
    http_url: `${web}.git`,
  };
}

export const hookRepositoryJson = (project: FakeProject, urls: Urls) => ({ name: project.name, url: `git@${new URL(urls.web).host}:${project.path}.git`, description: null, homepage: projectWeb(project, urls) });

export function hookLabelJson(project: FakeProject, label: FakeLabel) {
  return { id: label.id, title: label.title, color: label.color, project_id: project.id, created_at: hookTime(label.createdAt), updated_at: hookTime(label.createdAt), template: false, description: null, type: "ProjectLabel", group_id: null };
}

/** An issue's attributes as the Issue Hook's `object_attributes` (and the Note Hook's `issue`) carry them. */
export function hookIssueJson(state: GitlabState, issue: FakeIssue, urls: Urls) {
  const project = state.projects.get(issue.projectId)!;
  const author = state.user(issue.author);
  return {
    author_id: author.id,
    closed_at: hookTime(issue.closedAt),
    confidential: false,
    created_at: hookTime(issue.createdAt),
    description: issue.description,
    discussion_locked: null,
    due_date: null,
    id: issue.id,
    iid: issue.iid,
    last_edited_at: issue.lastEditedBy ? hookTime(issue.updatedAt) : null,
    last_edited_by_id: issue.lastEditedBy ? state.user(issue.lastEditedBy).id : null,
    milestone_id: null,
    moved_to_id: null,
    duplicated_to_id: null,
    project_id: project.id,
    relative_position: issue.iid * 513,
    state_id: issue.state === "opened" ? 1 : 2,
    time_estimate: 0,
    title: issue.title,
    updated_at: hookTime(issue.updatedAt),
    updated_by_id: author.id,
    type: "Issue",
    url: `${projectWeb(project, urls)}/-/issues/${issue.iid}`,
    total_time_spent: 0,
    time_change: 0,
    human_total_time_spent: null,
    human_time_change: null,
    human_time_estimate: null,
    assignee_ids: [],
    assignee_id: null,
    labels: issue.labels.map((title) => hookLabelJson(project, state.label(project, title))),
    state: issue.state,
    severity: "unknown",
    customer_relations_contacts: [],
  };
}

export function hookMergeRequestJson(state: GitlabState, mergeRequest: FakeMergeRequest, urls: Urls) {
  const project = state.projects.get(mergeRequest.projectId)!;
  const target = hookProjectJson(project, urls);
  return {
    id: mergeRequest.id,
    iid: mergeRequest.iid,
    target_branch: mergeRequest.targetBranch,
    source_branch: mergeRequest.sourceBranch,
    source_project_id: project.id,
    author_id: state.user(mergeRequest.author).id,
    title: mergeRequest.title,
    description: mergeRequest.description,
    created_at: hookTime(mergeRequest.createdAt),
    updated_at: hookTime(mergeRequest.updatedAt),
    merged_at: hookTime(mergeRequest.mergedAt),
    state: mergeRequest.state,
    merge_status: "can_be_merged",
    target_project_id: project.id,
    url: `${projectWeb(project, urls)}/-/merge_requests/${mergeRequest.iid}`,
    source: target,
    target,
    work_in_progress: false,
    draft: false,
    assignee_ids: [],
    reviewer_ids: [],
    labels: [],
  };
}

/** A Pipeline Hook's payload: the pipeline as `object_attributes`, with its variables, commit and (no) builds. */
export function hookPipelinePayload(state: GitlabState, pipeline: FakePipeline, user: FakeUser, urls: Urls) {
  const project = state.projects.get(pipeline.projectId)!;
  const commitUrl = `${projectWeb(project, urls)}/-/commit/${pipeline.sha}`;
  return {
    object_kind: "pipeline",
    object_attributes: {
      id: pipeline.id,
      iid: pipeline.iid,
      name: null,
      ref: pipeline.ref,
      tag: pipeline.tag,
      sha: pipeline.sha,
      before_sha: "0000000000000000000000000000000000000000",
      source: pipeline.source,
      status: pipeline.status,
      detailed_status: pipeline.status,
      stages: [],
      created_at: hookTime(pipeline.createdAt),
      finished_at: hookTime(pipeline.finishedAt),
      duration: seconds(pipeline.startedAt, pipeline.finishedAt),
      queued_duration: seconds(pipeline.createdAt, pipeline.startedAt),
      variables: pipeline.variables.map((v) => ({ key: v.key, value: v.value })),
      url: pipelineWeb(project, pipeline, urls),
    },
    merge_request: null,
    user: hookUserJson(user, urls),
    project: hookProjectJson(project, urls),
    commit: { id: pipeline.sha, message: `The head of ${pipeline.ref}\n`, title: `The head of ${pipeline.ref}`, timestamp: project.createdAt, url: commitUrl, author: { name: project.name, email: "[REDACTED]" } },
    builds: [],
  };
}

/** A Deployment Hook's payload, as GitLab documents it; a deployment made through the API has no deployable job. */
export function hookDeploymentPayload(state: GitlabState, deployment: FakeDeployment, user: FakeUser, urls: Urls) {
  const project = state.projects.get(deployment.projectId)!;
  const environment = state.environment(project, deployment.environment);
  const web = projectWeb(project, urls);
  return {
    object_kind: "deployment",
    status: deployment.status,
    status_changed_at: `${deployment.updatedAt.slice(0, 10)} ${deployment.updatedAt.slice(11, 19)} +0000`,
    deployment_id: deployment.id,
    deployable_id: null,
    deployable_url: null,
    environment: environment.name,
    environment_tier: environment.tier,
    environment_slug: environment.slug,
    environment_external_url: environment.externalUrl,
    project: hookProjectJson(project, urls),
    short_sha: deployment.sha.slice(0, 8),
    user: hookUserJson(user, urls),
    user_url: `${urls.web}/${user.username}`,
    commit_url: `${web}/-/commit/${deployment.sha}`,
    commit_title: `The head of ${deployment.ref}`,
  };
}

import type { FakeComment, FakeIssue, FakeLabel, FakeRepo, FakeUser, ForgejoState } from "./fake-forgejo-state";

/**
 * The fake's state as Forgejo's API writes it (modules/structs, through services/convert) — the
 * same objects Forgejo puts in webhook payloads. Go's zero values are written as Forgejo writes
 * them: "" for an unset string, `null` for a nil pointer or slice, "0001-01-01T00:00:00Z" for a
 * zero time. URLs are on the fake: `web` is the instance's root (pages at `<web>/<owner>/<repo>/
 * issues/<n>`), the API is `<web>/api/v1`.
 */
export type Urls = { web: string };
const api = (urls: Urls) => `${urls.web}/api/v1`;
const ZERO_TIME = "0001-01-01T00:00:00Z";

export function userJson(user: FakeUser, urls: Urls) {
  return {
    id: user.id,
    login: user.login,
    login_name: "",
    source_id: 0,
    full_name: user.fullName,
    email: user.email,
    avatar_url: `${urls.web}/avatars/${user.id}`,
    html_url: `${urls.web}/${user.login}`,
    language: "",
    is_admin: false,
    last_login: ZERO_TIME,
    created: user.createdAt,
    restricted: false,
    active: false,
    prohibit_login: false,
    location: "",
    pronouns: "",
    website: "",
    description: "",
    visibility: "public",
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    // Gitea's old name of `login`, still sent (User.MarshalJSON).
    username: user.login,
  };
}

/** GET /user: the token's own user (with `language` and `last_login` set, as for the signed-in user). */
export function currentUserJson(user: FakeUser, urls: Urls) {
  return { ...userJson(user, urls), language: "en-US", active: true, last_login: user.createdAt };
}

/** A repository; `viewer`'s permissions on it when given (Forgejo adds them for the requesting user). */
export function repoJson(state: ForgejoState, repo: FakeRepo, urls: Urls, viewer?: FakeUser) {
  const web = `${urls.web}/${repo.fullName}`;
  const issues = [...repo.issues.values()];
  const open = (pull: boolean) => issues.filter((i) => i.state === "open" && Boolean(i.pull) === pull).length;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    owner: userJson(state.user(repo.owner), urls),
    name: repo.name,
    full_name: repo.fullName,
    description: "",
    empty: false,
    private: true,
    fork: false,
    template: false,
    parent: null,
    mirror: false,
    size: 25,
    language: "",
    languages_url: `${api(urls)}/repos/${repo.fullName}/languages`,
    html_url: web,
    url: `${api(urls)}/repos/${repo.fullName}`,
    link: "",
    ssh_url: `ssh://git@${host}/${repo.fullName}.git`,
    clone_url: `${web}.git`,
    original_url: "",
    website: "",
    stars_count: 0,
    forks_count: 0,
    watchers_count: 1,
    open_issues_count: open(false),
    open_pr_counter: open(true),
    release_counter: 0,
    default_branch: repo.defaultBranch,
    archived: repo.archived,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    archived_at: "1970-01-01T00:00:00Z",
    ...(viewer
      ? {
          permissions: {
            admin: viewer.login.toLowerCase() === repo.owner.toLowerCase(),
            push: state.canWrite(repo, viewer.login),
            pull: state.canRead(repo, viewer.login),
          },
        }
      : {}),
    has_issues: repo.hasIssues,
    ...(repo.hasIssues ? { internal_tracker: { enable_time_tracker: true, allow_only_contributors_to_track_time: true, enable_issue_dependencies: true } } : {}),
    has_wiki: false,
    wiki_branch: "main",
    globally_editable_wiki: false,
    has_pull_requests: true,
    has_projects: false,
    has_releases: true,
    has_packages: false,
    has_actions: false,
    ignore_whitespace_conflicts: false,
    allow_merge_commits: true,
    allow_rebase: true,
    allow_rebase_explicit: true,
    allow_squash_merge: true,
    allow_fast_forward_only_merge: true,
    allow_rebase_update: true,
    default_delete_branch_after_merge: false,
    default_merge_style: "merge",
    default_update_style: "merge",
    default_allow_maintainer_edit: false,
    avatar_url: "",
    internal: false,
    mirror_interval: "",
    object_format_name: "sha1",
    mirror_updated: ZERO_TIME,
    repo_transfer: null,
    topics: null,
  };
}

export function labelJson(label: FakeLabel, urls: Urls) {
  return {
    id: label.id,
    name: label.name,
    exclusive: label.exclusive,
    is_archived: false,
    // Stored as "#rrggbb", written without the "#".
    color: label.color.replace(/^#/, ""),
    description: label.description,
    url: `${api(urls)}/repos/${label.repo}/labels/${label.id}`,
  };
}

export function issueJson(state: ForgejoState, issue: FakeIssue, urls: Urls) {
  const repo = state.repo(issue.repo)!;
  return {
    id: issue.id,
    url: `${api(urls)}/repos/${repo.fullName}/issues/${issue.number}`,
    html_url: `${urls.web}/${repo.fullName}/${issue.pull ? "pulls" : "issues"}/${issue.number}`,
    number: issue.number,
    user: userJson(state.user(issue.user), urls),
    original_author: "",
    original_author_id: 0,
    title: issue.title,
    body: issue.body,
    ref: "",
    assets: [],
    labels: state.labelsOf(issue).map((l) => labelJson(l, urls)),
    milestone: null,
    assignee: null,
    assignees: null,
    state: issue.state,
    is_locked: false,
    comments: state.commentsOf(issue).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    due_date: null,
    pull_request: issue.pull
      ? { merged: issue.pull.merged, merged_at: issue.pull.mergedAt, draft: false, html_url: `${urls.web}/${repo.fullName}/pulls/${issue.number}` }
      : null,
    repository: { id: repo.id, name: repo.name, owner: repo.owner, full_name: repo.fullName },
    pin_order: 0,
  };
}

export function commentJson(state: ForgejoState, comment: FakeComment, urls: Urls) {
  const issue = state.repo(comment.repo)!.issues.get(comment.issueNumber)!;
  const issueUrl = `${urls.web}/${comment.repo}/${issue.pull ? "pulls" : "issues"}/${comment.issueNumber}`;
  return {
    id: comment.id,
    html_url: `${issueUrl}#issuecomment-${comment.id}`,
    pull_request_url: issue.pull ? issueUrl : "",
    issue_url: issue.pull ? "" : issueUrl,
    user: userJson(state.user(comment.user), urls),
    original_author: "",
    original_author_id: 0,
    body: comment.body,
    assets: [],
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  };
}

export function pullJson(state: ForgejoState, issue: FakeIssue, urls: Urls) {
  const pull = issue.pull!;
  const repo = state.repo(issue.repo)!;
  const asIssue = issueJson(state, issue, urls);
  const repository = repoJson(state, repo, urls);
  const end = (ref: string, sha: string) => ({ label: ref, ref, sha, repo_id: repo.id, repo: repository });
  return {
    id: pull.id,
    url: asIssue.html_url,
    number: issue.number,
    user: asIssue.user,
    title: issue.title,
    body: issue.body,
    labels: asIssue.labels,
    milestone: null,
    assignee: null,
    assignees: null,
    requested_reviewers: null,
    requested_reviewers_teams: null,
    state: issue.state,
    draft: false,
    is_locked: false,
    comments: asIssue.comments,
    review_comments: 0,
    additions: 1,
    deletions: 0,
    changed_files: 1,
    html_url: asIssue.html_url,
    diff_url: `${asIssue.html_url}.diff`,
    patch_url: `${asIssue.html_url}.patch`,
    mergeable: issue.state === "open",
    merged: pull.merged,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    merged_by: pull.mergedBy ? userJson(state.user(pull.mergedBy), urls) : null,
    allow_maintainer_edit: false,
    base: end(pull.base, pull.headSha.split("").reverse().join("")),
    head: end(pull.head, pull.headSha),
    merge_base: pull.headSha.split("").reverse().join(""),
    due_date: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    pin_order: 0,
    flow: 0,
  };
}

import type {
  FakeComment,
  FakeIssue,
  FakeLabel,
  FakeRepo,
  FakeUser,
  GithubState,
} from "./fake-github-state";

/**
 * The fake's state as GitHub's REST API shows it — the same objects GitHub puts in webhook
 * payloads. Each carries every field the vendored response schema requires (fake-github.test.ts
 * checks the answers against it), with URLs on the fake: `api` is the API base the client used
 * (the root, or `/api/v3` as on GitHub Enterprise), `web` the root, where github.com's pages
 * would be (`<web>/<owner>/<repo>/issues/<n>`). Avatars are served by the fake's control side.
 */
export type Urls = { api: string; web: string };

export function userJson(user: FakeUser, urls: Urls) {
  const api = `${urls.api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `${urls.web}/_fake/avatars/${user.id}`,
    gravatar_id: "",
    url: api,
    html_url: `${urls.web}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: "User",
    user_view_type: "public",
    site_admin: false,
  };
}

/** GET /user: the token's own user, with the private fields. */
export function privateUserJson(user: FakeUser, urls: Urls, ownedRepos: number) {
  return {
    ...userJson(user, urls),
    user_view_type: "private",
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    private_gists: 0,
    total_private_repos: ownedRepos,
    owned_private_repos: ownedRepos,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

/** A repository; `viewer`'s permissions on it when given (GitHub adds them for the token's user). */
export function repoJson(state: GithubState, repo: FakeRepo, urls: Urls, viewer?: FakeUser) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const web = `${urls.web}/${repo.fullName}`;
  const open = [...repo.issues.values()].filter((i) => i.state === "open").length;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: true,
    owner: userJson(state.user(repo.owner), urls),
    html_url: web,
    description: null,
    fork: false,
    url: api,
    ...Object.fromEntries(
      [
        ["archive", "/{archive_format}{/ref}"],
        ["assignees", "/assignees{/user}"],
        ["blobs", "/git/blobs{/sha}"],
        ["branches", "/branches{/branch}"],
        ["collaborators", "/collaborators{/collaborator}"],
        ["comments", "/comments{/number}"],
        ["commits", "/commits{/sha}"],
        ["compare", "/compare/{base}...{head}"],
        ["contents", "/contents/{+path}"],
        ["contributors", "/contributors"],
        ["deployments", "/deployments"],
        ["downloads", "/downloads"],
        ["events", "/events"],
        ["forks", "/forks"],
        ["git_commits", "/git/commits{/sha}"],
        ["git_refs", "/git/refs{/sha}"],
        ["git_tags", "/git/tags{/sha}"],
        ["hooks", "/hooks"],
        ["issue_comment", "/issues/comments{/number}"],
        ["issue_events", "/issues/events{/number}"],
        ["issues", "/issues{/number}"],
        ["keys", "/keys{/key_id}"],
        ["labels", "/labels{/name}"],
        ["languages", "/languages"],
        ["merges", "/merges"],
        ["milestones", "/milestones{/number}"],
        ["notifications", "/notifications{?since,all,participating}"],
        ["pulls", "/pulls{/number}"],
        ["releases", "/releases{/id}"],
        ["stargazers", "/stargazers"],
        ["statuses", "/statuses/{sha}"],
        ["subscribers", "/subscribers"],
        ["subscription", "/subscription"],
        ["tags", "/tags"],
        ["teams", "/teams"],
        ["trees", "/git/trees{/sha}"],
      ].map(([name, suffix]) => [`${name}_url`, `${api}${suffix}`]),
    ),
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    mirror_url: null,
    homepage: null,
    language: null,
    size: 0,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    subscribers_count: 1,
    network_count: 0,
    open_issues: open,
    open_issues_count: open,
    default_branch: repo.defaultBranch,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "private",
    license: null,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.updatedAt,
    allow_forking: false,
    web_commit_signoff_required: false,
    ...(viewer
      ? {
          permissions: {
            admin: viewer.login.toLowerCase() === repo.owner.toLowerCase(),
            maintain: false,
            push: state.canWrite(repo, viewer.login),
            triage: state.canWrite(repo, viewer.login),
            pull: state.canRead(repo, viewer.login),
          },
        }
      : {}),
  };
}

export function labelJson(repo: FakeRepo, label: FakeLabel, urls: Urls) {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

function associationOf(state: GithubState, repo: FakeRepo, login: string): string {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER";
  return state.canRead(repo, login) ? "COLLABORATOR" : "NONE";
}

const reactions = (url: string) => ({ url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 });

export function issueJson(state: GithubState, issue: FakeIssue, urls: Urls) {
  const repo = state.repo(issue.repo)!;
  const api = `${urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const web = `${urls.web}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const assignees = issue.assignees.map((login) => userJson(state.user(login), urls));
  return {
    id: issue.id,
    node_id: issue.nodeId,
    url: api,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: web,
    timeline_url: `${api}/timeline`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(state.user(issue.user), urls),
    labels: issue.labels.map((name) => labelJson(repo, state.label(repo, name), urls)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: state.commentsOf(issue).length,
    ...(issue.pull
      ? {
          pull_request: {
            url: `${urls.api}/repos/${repo.fullName}/pulls/${issue.number}`,
            html_url: web,
            diff_url: `${web}.diff`,
            patch_url: `${web}.patch`,
            merged_at: issue.pull.mergedAt,
          },
          draft: false,
        }
      : {}),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: issue.closedBy ? userJson(state.user(issue.closedBy), urls) : null,
    author_association: associationOf(state, repo, issue.user),
    performed_via_github_app: null,
    reactions: reactions(`${api}/reactions`),
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
  };
}

export function commentJson(state: GithubState, comment: FakeComment, urls: Urls) {
  const repo = state.repo(comment.repo)!;
  const api = `${urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  const kind = repo.issues.get(comment.issueNumber)?.pull ? "pull" : "issues";
  return {
    id: comment.id,
    node_id: comment.nodeId,
    url: api,
    html_url: `${urls.web}/${repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(state.user(comment.user), urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: associationOf(state, repo, comment.user),
    performed_via_github_app: null,
    reactions: reactions(`${api}/reactions`),
  };
}

export function pullJson(state: GithubState, issue: FakeIssue, urls: Urls) {
  const pull = issue.pull!;
  const repo = state.repo(issue.repo)!;
  const asIssue = issueJson(state, issue, urls);
  const api = `${urls.api}/repos/${repo.fullName}/pulls/${issue.number}`;
  const repository = repoJson(state, repo, urls);
  const owner = userJson(state.user(repo.owner), urls);
  const end = (ref: string, sha: string) => ({ label: `${repo.owner}:${ref}`, ref, sha, user: owner, repo: repository });
  const link = (href: string) => ({ href });
  return {
    url: api,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: asIssue.html_url,
    diff_url: `${asIssue.html_url}.diff`,
    patch_url: `${asIssue.html_url}.patch`,
    issue_url: asIssue.url,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: asIssue.comments_url,
    statuses_url: `${urls.api}/repos/${repo.fullName}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: asIssue.user,
    body: issue.body,
    labels: asIssue.labels,
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: asIssue.assignee,
    assignees: asIssue.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: end(pull.head, pull.headSha),
    base: end(pull.base, pull.headSha.split("").reverse().join("")),
    _links: {
      self: link(api),
      html: link(asIssue.html_url),
      issue: link(asIssue.url),
      comments: link(asIssue.comments_url),
      review_comments: link(`${api}/comments`),
      review_comment: link(`${urls.api}/repos/${repo.fullName}/pulls/comments{/number}`),
      commits: link(`${api}/commits`),
      statuses: link(`${urls.api}/repos/${repo.fullName}/statuses/${pull.headSha}`),
    },
    author_association: asIssue.author_association,
    auto_merge: null,
    draft: false,
    merged: pull.merged,
    mergeable: issue.state === "open" ? true : null,
    rebaseable: issue.state === "open" ? true : null,
    mergeable_state: issue.state === "open" ? "clean" : "unknown",
    merged_by: pull.mergedBy ? userJson(state.user(pull.mergedBy), urls) : null,
    comments: asIssue.comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

export function rateLimitJson(limit: { limit: number; used: number; reset: number }) {
  const core = { limit: limit.limit, used: limit.used, remaining: Math.max(0, limit.limit - limit.used), reset: limit.reset };
  const unused = (max: number) => ({ limit: max, used: 0, remaining: max, reset: limit.reset });
  return { resources: { core, search: unused(30), graphql: unused(5000) }, rate: core };
}

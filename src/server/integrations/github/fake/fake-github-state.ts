import { createHash } from "node:crypto";
import type { FakeDeployment, FakeDeploymentStatus, FakeWorkflow, FakeWorkflowRun } from "./fake-github-ci-state";

export type { DeploymentState, FakeDeployment, FakeDeploymentStatus, FakeWorkflow, FakeWorkflowRun, RunConclusion, RunStatus, WorkflowInput } from "./fake-github-ci-state";
// The whole state (issues, deployments, Actions) is GithubState, made in fake-github-ci-state.ts.
export type { GithubState } from "./fake-github-ci-state";

/**
 * The fake GitHub's world, in memory: users (some with an API token), private repositories with
 * their collaborators, issues and pull requests numbered together per repository from 1 (as on
 * GitHub), labels made on first use, and comments with ids unique across repositories. Each
 * repository also has branches and tags (`main` from the start, a pull request's head branch when
 * it is opened), deployments with their statuses, and Actions workflows (which a test declares,
 * with the inputs their `workflow_dispatch` trigger takes) with their runs.
 *
 * Every change goes through one of the methods below, whoever makes it — a client through the
 * API or a test acting as a person on github.com — and each reports what GitHub would send a
 * webhook for (`onChange`, called synchronously, so the payload is a snapshot of that moment).
 * Logins and repository names are matched without regard to case, as GitHub does.
 */

export type FakeUser = { id: number; nodeId: string; login: string; token: string | null; scopes: string[] | null; name: string | null; email: string | null; createdAt: string };
export type FakeLabel = { id: number; nodeId: string; name: string; color: string; description: string | null };
export type FakePull = {
  id: number;
  nodeId: string;
  head: string;
  base: string;
  headSha: string;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
};
export type StateReason = "completed" | "not_planned" | "duplicate" | "reopened";
export type FakeIssue = {
  id: number;
  nodeId: string;
  /** The repository's full name, as added. */
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: StateReason | null;
  /** Label names, in the order added. */
  labels: string[];
  assignees: string[];
  /** The author's login. */
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  /** Set for a pull request (which is an issue too, sharing its numbers). */
  pull: FakePull | null;
};
export type FakeComment = { id: number; nodeId: string; repo: string; issueNumber: number; body: string; user: string; createdAt: string; updatedAt: string };
export type FakeRepo = {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  /** Logins with write access (the owner always has it). */
  collaborators: Set<string>;
  /** Logins whose access is read-only (a fine-grained token with Issues: Read): every write is refused. */
  readOnly: Set<string>;
  nextNumber: number;
  issues: Map<number, FakeIssue>;
  labels: Map<string, FakeLabel>;
  defaultBranch: string;
  /** Branch name → the commit at its head. */
  branches: Map<string, string>;
  /** Tag name → the commit it points at. */
  tags: Map<string, string>;
  deployments: Map<number, FakeDeployment>;
  workflows: Map<number, FakeWorkflow>;
  runs: Map<number, FakeWorkflowRun>;
  createdAt: string;
  updatedAt: string;
};

/** Something GitHub sends a webhook for: `issues`, `pull_request` or `issue_comment` by what changed. */
export type IssueChange = {
  action: string;
  issue: FakeIssue;
  comment?: FakeComment;
  label?: FakeLabel;
  changes?: Record<string, { from: string }>;
  sender: FakeUser;
};
/** Deployments and Actions, each its own event: `deployment`, `deployment_status`, `workflow_dispatch` (no action) and `workflow_run`. */
export type RepoChange =
  | { kind: "deployment"; action: "created"; repo: FakeRepo; deployment: FakeDeployment; sender: FakeUser }
  | { kind: "deployment_status"; action: "created"; repo: FakeRepo; deployment: FakeDeployment; status: FakeDeploymentStatus; sender: FakeUser }
  | { kind: "workflow_dispatch"; repo: FakeRepo; workflow: FakeWorkflow; run: FakeWorkflowRun; sender: FakeUser }
  | { kind: "workflow_run"; action: "requested" | "in_progress" | "completed"; repo: FakeRepo; workflow: FakeWorkflow; run: FakeWorkflowRun; sender: FakeUser };
export type Change = IssueChange | RepoChange;

/** The full name of the repository a change happened in. */
export const changedRepo = (change: Change): string => ("kind" in change ? change.repo.fullName : change.issue.repo);

/** GitHub's timestamps: UTC, to the second. */
export const githubNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
/** The legacy global node id GitHub still answers with: base64 of "<length>:<Type><id>". */
export const nodeId = (type: string, id: number) => Buffer.from(`${String(type.length).padStart(2, "0")}:${type}${id}`).toString("base64");
export const sha = (...parts: unknown[]) => createHash("sha1").update(parts.join("\0")).digest("hex");
/** A ref resolved in a repository: what it names, and the commit. */
export type ResolvedRef = { kind: "branch" | "tag" | "commit"; name: string; ref: string; sha: string };

/** The issues side of the fake GitHub; deployments and Actions extend it (fake-github-ci-state.ts: GithubState). */
export class GithubIssueState {
  readonly users = new Map<string, FakeUser>();
  readonly repos = new Map<string, FakeRepo>();
  readonly comments = new Map<number, FakeComment>();
  protected ids = {
    user: 0,
    repo: 100_000,
    issue: 1_000_000,
    comment: 2_000_000,
    label: 3_000_000,
    pull: 4_000_000,
    deployment: 5_000_000,
    deploymentStatus: 6_000_000,
    workflow: 7_000_000,
    run: 8_000_000,
    checkSuite: 9_000_000,
  };

  constructor(protected readonly onChange: (change: Change) => void) {}

  /** The user with this login, made (without a token) when a test names someone new. */
  user(login: string): FakeUser {
    const known = this.users.get(login.toLowerCase());
    if (known) return known;
    const id = ++this.ids.user;
    const user: FakeUser = { id, nodeId: nodeId("User", id), login, token: null, scopes: null, name: null, email: null, createdAt: githubNow() };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  userByToken(token: string): FakeUser | undefined {
    return [...this.users.values()].find((u) => u.token === token);
  }

  addRepo(fullName: string, collaborators: string[], readOnly: string[]): FakeRepo {
    const [owner, name, extra] = fullName.split("/");
    if (!owner || !name || extra !== undefined) throw new Error(`a repository's full name is "owner/name", not "${fullName}"`);
    if (this.repos.has(fullName.toLowerCase())) throw new Error(`the fake already has ${fullName}`);
    for (const login of [owner, ...collaborators, ...readOnly]) this.user(login);
    const id = ++this.ids.repo;
    const at = githubNow();
    const repo: FakeRepo = {
      id,
      nodeId: nodeId("Repository", id),
      owner,
      name,
      fullName,
      collaborators: new Set([owner, ...collaborators].map((l) => l.toLowerCase())),
      readOnly: new Set(readOnly.map((l) => l.toLowerCase())),
      nextNumber: 1,
      issues: new Map(),
      labels: new Map(),
      defaultBranch: "main",
      branches: new Map([["main", sha(fullName, "main")]]),
      tags: new Map(),
      deployments: new Map(),
      workflows: new Map(),
      runs: new Map(),
      createdAt: at,
      updatedAt: at,
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  repo(fullName: string): FakeRepo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  canRead(repo: FakeRepo, login: string): boolean {
    return repo.collaborators.has(login.toLowerCase()) || repo.readOnly.has(login.toLowerCase());
  }

  canWrite(repo: FakeRepo, login: string): boolean {
    return repo.collaborators.has(login.toLowerCase()) && !repo.readOnly.has(login.toLowerCase());
  }

  /** The repository's label of that name (any case), made on first use as GitHub does. */
  label(repo: FakeRepo, name: string): FakeLabel {
    const known = repo.labels.get(name.toLowerCase());
    if (known) return known;
    const id = ++this.ids.label;
    const label: FakeLabel = { id, nodeId: nodeId("Label", id), name, color: "ededed", description: null };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  commentsOf(issue: FakeIssue): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.repo === issue.repo && c.issueNumber === issue.number);
  }

  /** `pull`: a pull request from branch `head` into `base` (default: the repository's default branch). */
  openIssue(
    repo: FakeRepo,
    input: { title: string; body: string | null; labels?: string[]; assignees?: string[] },
    login: string,
    pull?: { head: string; base?: string },
  ): FakeIssue {
    const at = githubNow();
    const number = repo.nextNumber++;
    const id = ++this.ids.issue;
    const issue: FakeIssue = {
      id,
      nodeId: nodeId(pull ? "PullRequest" : "Issue", id),
      repo: repo.fullName,
      number,
      title: input.title,
      body: input.body,
      state: "open",
      stateReason: null,
      labels: [],
      assignees: (input.assignees ?? []).map((a) => this.user(a).login),
      user: this.user(login).login,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
      pull: null,
    };
    if (pull) {
      const pullId = ++this.ids.pull;
      const head = pull.head;
      const headSha = repo.branches.get(head) ?? sha(repo.fullName, head, number);
      repo.branches.set(head, headSha);
      issue.pull = {
        id: pullId,
        nodeId: nodeId("PullRequest", pullId),
        head,
        base: pull.base ?? repo.defaultBranch,
        headSha,
        merged: false,
        mergedAt: null,
        mergedBy: null,
        mergeCommitSha: null,
      };
    }
    repo.issues.set(number, issue);
    this.onChange({ action: "opened", issue, sender: this.user(login) });
    if (input.labels?.length) this.setLabels(issue, input.labels, login);
    return issue;
  }

  /** Title and body; an `edited` change (with what they were) when either changed. */
  editIssue(issue: FakeIssue, input: { title?: string; body?: string | null }, login: string): void {
    const changes: Record<string, { from: string }> = {};
    if (input.title !== undefined && input.title !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = input.title;
    }
    if (input.body !== undefined && input.body !== issue.body) {
      changes.body = { from: issue.body ?? "" };
      issue.body = input.body;
    }
    if (Object.keys(changes).length === 0) return;
    issue.updatedAt = githubNow();
    this.onChange({ action: "edited", issue, changes, sender: this.user(login) });
  }

  /** Closing (with a reason, "completed" by default) or reopening; nothing when already so. `merge`: a pull request merged. */
  setState(issue: FakeIssue, state: "open" | "closed", login: string, reason?: StateReason | null, merge = false): void {
    if (state === issue.state) {
      if (reason && state === "closed" && reason !== issue.stateReason) {
        issue.stateReason = reason;
        issue.updatedAt = githubNow();
      }
      return;
    }
    const at = githubNow();
    const actor = this.user(login);
    issue.state = state;
    issue.updatedAt = at;
    if (state === "closed") {
      issue.stateReason = reason ?? "completed";
      issue.closedAt = at;
      issue.closedBy = actor.login;
      if (merge && issue.pull) {
        Object.assign(issue.pull, { merged: true, mergedAt: at, mergedBy: actor.login, mergeCommitSha: sha("merge", issue.repo, issue.number, at) });
      }
    } else {
      issue.stateReason = "reopened";
      issue.closedAt = null;
      issue.closedBy = null;
    }
    this.onChange({ action: state === "closed" ? "closed" : "reopened", issue, sender: actor });
  }

  /** Replaces the labels; a `labeled` or `unlabeled` change per label that came or went. */
  setLabels(issue: FakeIssue, names: string[], login: string): void {
    const repo = this.repo(issue.repo)!;
    const next = [...new Map(names.map((n) => [n.toLowerCase(), this.label(repo, n).name])).values()];
    const removed = issue.labels.filter((n) => !next.some((m) => m.toLowerCase() === n.toLowerCase()));
    const added = next.filter((n) => !issue.labels.some((m) => m.toLowerCase() === n.toLowerCase()));
    if (added.length === 0 && removed.length === 0) return;
    issue.updatedAt = githubNow();
    const sender = this.user(login);
    for (const name of removed) {
      issue.labels = issue.labels.filter((n) => n !== name);
      this.onChange({ action: "unlabeled", issue, label: this.label(repo, name), sender });
    }
    for (const name of added) {
      issue.labels = [...issue.labels, name];
      this.onChange({ action: "labeled", issue, label: this.label(repo, name), sender });
    }
  }

  addComment(issue: FakeIssue, body: string, login: string): FakeComment {
    const at = githubNow();
    const id = ++this.ids.comment;
    const user = this.user(login).login;
    const comment: FakeComment = { id, nodeId: nodeId("IssueComment", id), repo: issue.repo, issueNumber: issue.number, body, user, createdAt: at, updatedAt: at };
    this.comments.set(id, comment);
    issue.updatedAt = at;
    this.onChange({ action: "created", issue, comment, sender: this.user(login) });
    return comment;
  }

  editComment(comment: FakeComment, body: string, login: string): void {
    if (body === comment.body) return;
    const from = comment.body;
    comment.body = body;
    comment.updatedAt = githubNow();
    this.onChange({ action: "edited", issue: this.issueOf(comment), comment, changes: { body: { from } }, sender: this.user(login) });
  }

  deleteComment(comment: FakeComment, login: string): void {
    this.comments.delete(comment.id);
    this.onChange({ action: "deleted", issue: this.issueOf(comment), comment, sender: this.user(login) });
  }

  private issueOf(comment: FakeComment): FakeIssue {
    return this.repo(comment.repo)!.issues.get(comment.issueNumber)!;
  }

  // ——— Refs ———

  /** A branch or tag at `commit` (default: where it is, or a commit of its own for a new one); moves it when it exists. */
  setRef(repo: FakeRepo, kind: "branch" | "tag", name: string, commit?: string): string {
    if (!name || /\s|\.\.|^refs\//.test(name)) throw new Error(`"${name}" is not a ${kind} name`);
    const refs = kind === "branch" ? repo.branches : repo.tags;
    const at = commit ?? refs.get(name) ?? sha(repo.fullName, kind, name);
    if (!/^[0-9a-f]{40}$/.test(at)) throw new Error(`"${at}" is not a full commit SHA`);
    refs.set(name, at);
    return at;
  }

  /**
   * What `ref` names in the repository, as GitHub resolves it: `refs/heads/<branch>`,
   * `refs/tags/<tag>`, a bare branch or tag name (branches first), or — when `commits` — the full
   * SHA of a commit the fake knows (a branch or tag head, a pull request's head or merge commit).
   */
  resolveRef(repo: FakeRepo, ref: string, commits: boolean): ResolvedRef | null {
    const heads = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
    const tags = /^refs\/tags\/(.+)$/.exec(ref)?.[1];
    const branch = heads ?? (tags ? undefined : ref);
    if (branch !== undefined && repo.branches.has(branch)) return { kind: "branch", name: branch, ref: `refs/heads/${branch}`, sha: repo.branches.get(branch)! };
    const tag = tags ?? (heads ? undefined : ref);
    if (tag !== undefined && repo.tags.has(tag)) return { kind: "tag", name: tag, ref: `refs/tags/${tag}`, sha: repo.tags.get(tag)! };
    if (!commits || !/^[0-9a-f]{40}$/i.test(ref)) return null;
    const known = [
      ...repo.branches.values(),
      ...repo.tags.values(),
      ...[...repo.issues.values()].flatMap((i) => (i.pull ? [i.pull.headSha, i.pull.mergeCommitSha ?? ""] : [])),
    ];
    return known.includes(ref.toLowerCase()) ? { kind: "commit", name: ref.toLowerCase(), ref: ref.toLowerCase(), sha: ref.toLowerCase() } : null;
  }
}


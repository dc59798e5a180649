import { createHash } from "node:crypto";

/**
 * The fake Forgejo's world, in memory: users (some with an access token and its scopes), private
 * repositories with their collaborators, labels made explicitly (Forgejo never makes one on use:
 * an issue names labels by id), issues and pull requests numbered together per repository from 1,
 * and comments with ids unique across repositories.
 *
 * Every change goes through one of the methods below, whoever makes it — a client through the
 * API or a test acting as a person in Forgejo's web UI — and each reports what Forgejo sends a
 * webhook for (`onChange`, synchronously, so the payload is a snapshot of that moment, as Forgejo
 * serializes it when the change is made). Like Forgejo, one edit of title and body is two
 * `edited` webhooks, a body set to what it was is still one, and replacing labels is one
 * `label_updated` (event type `issue_label`) whether or not they changed.
 */

/** Forgejo's token scopes: `write:issue` implies `read:issue`; `all` is every scope. */
export type FakeUser = { id: number; login: string; token: string | null; scopes: string[]; fullName: string; email: string; createdAt: string };
export type FakeLabel = { id: number; repo: string; name: string; color: string; description: string; exclusive: boolean };
export type FakePull = { id: number; head: string; base: string; headSha: string; merged: boolean; mergedAt: string | null; mergedBy: string | null; mergeCommitSha: string | null };
export type FakeIssue = {
  id: number;
  /** The repository's full name, as added. */
  repo: string;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  /** Label ids, in the order set. */
  labels: number[];
  /** The author's login. */
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Set for a pull request (which shares the issues' numbers). */
  pull: FakePull | null;
};
export type FakeComment = { id: number; repo: string; issueNumber: number; body: string; user: string; createdAt: string; updatedAt: string };
export type FakeRepo = {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  /** Logins with write access (the owner always has it). */
  collaborators: Set<string>;
  /** Logins with read access only: they may open issues and comment, not edit, label or close. */
  readOnly: Set<string>;
  hasIssues: boolean;
  archived: boolean;
  nextNumber: number;
  issues: Map<number, FakeIssue>;
  labels: Map<number, FakeLabel>;
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
};

/** Forgejo's webhook event (X-Forgejo-Event) and its finer type (X-Forgejo-Event-Type). */
export type ChangeEvent = "issues" | "issue_comment" | "pull_request";
export type Change = {
  event: ChangeEvent;
  eventType: "issues" | "issue_label" | "issue_comment" | "pull_request" | "pull_request_label" | "pull_request_comment";
  action: string;
  issue: FakeIssue;
  comment?: FakeComment;
  changes?: { title?: { from: string }; body?: { from: string } };
  sender: FakeUser;
};

/** Forgejo's timestamps: stored as Unix seconds, written RFC 3339 (UTC on this instance). */
export const forgejoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
const sha = (...parts: unknown[]) => createHash("sha1").update(parts.join("\0")).digest("hex");

export class ForgejoState {
  readonly users = new Map<string, FakeUser>();
  readonly repos = new Map<string, FakeRepo>();
  readonly comments = new Map<number, FakeComment>();
  private ids = { user: 0, repo: 100, issue: 1_000, comment: 2_000, label: 3_000, pull: 4_000 };

  constructor(private readonly onChange: (change: Change) => void) {}

  /** The user with this login, made (without a token) when a test names someone new. */
  user(login: string): FakeUser {
    const known = this.users.get(login.toLowerCase());
    if (known) return known;
    const id = ++this.ids.user;
    const user: FakeUser = { id, login, token: null, scopes: [], fullName: "", email: `${login.toLowerCase()}@noreply.forgejo.test`, createdAt: forgejoNow() };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  userByToken(token: string): FakeUser | undefined {
    return [...this.users.values()].find((u) => u.token === token);
  }

  /** Whether the user's token has `scope` (`read:issue`, `write:issue`, …): a write scope covers reading. */
  hasScope(user: FakeUser, scope: string): boolean {
    const [level, category] = scope.split(":");
    return user.scopes.some((s) => s === "all" || s === `write:${category}` || (level === "read" && s === `read:${category}`));
  }

  addRepo(fullName: string, collaborators: string[], readOnly: string[], options: { hasIssues?: boolean; archived?: boolean } = {}): FakeRepo {
    const [owner, name, extra] = fullName.split("/");
    if (!owner || !name || extra !== undefined) throw new Error(`a repository's full name is "owner/name", not "${fullName}"`);
    if (this.repos.has(fullName.toLowerCase())) throw new Error(`the fake already has ${fullName}`);
    for (const login of [owner, ...collaborators, ...readOnly]) this.user(login);
    const at = forgejoNow();
    const repo: FakeRepo = {
      id: ++this.ids.repo,
      owner,
      name,
      fullName,
      collaborators: new Set([owner, ...collaborators].map((l) => l.toLowerCase())),
      readOnly: new Set(readOnly.map((l) => l.toLowerCase())),
      hasIssues: options.hasIssues ?? true,
      archived: options.archived ?? false,
      nextNumber: 1,
      issues: new Map(),
      labels: new Map(),
      defaultBranch: "main",
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

  /** A new label of the repository; Forgejo keeps its color as `#rrggbb`. */
  addLabel(repo: FakeRepo, input: { name: string; color: string; description?: string; exclusive?: boolean }): FakeLabel {
    const label: FakeLabel = { id: ++this.ids.label, repo: repo.fullName, name: input.name, color: input.color, description: input.description ?? "", exclusive: input.exclusive ?? false };
    repo.labels.set(label.id, label);
    return label;
  }

  /** The repository's label named so (exactly, as Forgejo's database compares), if any. */
  labelNamed(repo: FakeRepo, name: string): FakeLabel | undefined {
    return [...repo.labels.values()].find((l) => l.name === name);
  }

  labelsOf(issue: FakeIssue): FakeLabel[] {
    const repo = this.repo(issue.repo)!;
    return issue.labels.flatMap((id) => repo.labels.get(id) ?? []);
  }

  commentsOf(issue: FakeIssue): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.repo === issue.repo && c.issueNumber === issue.number);
  }

  /** Label ids of other repositories, or of none, are dropped, as Forgejo drops them. `pull`: a pull request from `head`. */
  openIssue(repo: FakeRepo, input: { title: string; body: string; labels?: number[] }, login: string, pull?: { head: string; base?: string }): FakeIssue {
    const at = forgejoNow();
    const number = repo.nextNumber++;
    const issue: FakeIssue = {
      id: ++this.ids.issue,
      repo: repo.fullName,
      number,
      title: input.title,
      body: input.body,
      state: "open",
      labels: [...new Set((input.labels ?? []).filter((id) => repo.labels.has(id)))],
      user: this.user(login).login,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      pull: pull
        ? { id: ++this.ids.pull, head: pull.head, base: pull.base ?? repo.defaultBranch, headSha: sha(repo.fullName, pull.head, number), merged: false, mergedAt: null, mergedBy: null, mergeCommitSha: null }
        : null,
    };
    repo.issues.set(number, issue);
    this.onChange({ ...this.kind(issue), action: "opened", issue, sender: this.user(login) });
    return issue;
  }

  /** A title that differs and a body given (even the same) are each an `edited` webhook with what they were. */
  editIssue(issue: FakeIssue, input: { title?: string; body?: string }, login: string): void {
    if (input.title !== undefined && input.title !== "" && input.title !== issue.title) {
      const from = issue.title;
      issue.title = input.title;
      issue.updatedAt = forgejoNow();
      this.onChange({ ...this.kind(issue), action: "edited", issue, changes: { title: { from } }, sender: this.user(login) });
    }
    if (input.body !== undefined) {
      const from = issue.body;
      issue.body = input.body;
      issue.updatedAt = forgejoNow();
      this.onChange({ ...this.kind(issue), action: "edited", issue, changes: { body: { from } }, sender: this.user(login) });
    }
  }

  /** Closing or reopening; nothing when already so. `merge`: a pull request merged (closed, `merged`). */
  setState(issue: FakeIssue, state: "open" | "closed", login: string, merge = false): void {
    if (state === issue.state) return;
    const at = forgejoNow();
    const actor = this.user(login);
    issue.state = state;
    issue.updatedAt = at;
    issue.closedAt = state === "closed" ? at : null;
    if (merge && issue.pull) Object.assign(issue.pull, { merged: true, mergedAt: at, mergedBy: actor.login, mergeCommitSha: sha("merge", issue.repo, issue.number, at) });
    this.onChange({ ...this.kind(issue), action: state === "closed" ? "closed" : "reopened", issue, sender: actor });
  }

  /** Replaces the labels (ids of the repository; others dropped): one `label_updated`, as Forgejo sends even when nothing changed. */
  setLabels(issue: FakeIssue, ids: number[], login: string): void {
    const repo = this.repo(issue.repo)!;
    const next = [...new Set(ids.filter((id) => repo.labels.has(id)))];
    const changed = next.length !== issue.labels.length || next.some((id) => !issue.labels.includes(id));
    issue.labels = next;
    if (changed) issue.updatedAt = forgejoNow();
    const kind = issue.pull ? { event: "pull_request" as const, eventType: "pull_request_label" as const } : { event: "issues" as const, eventType: "issue_label" as const };
    this.onChange({ ...kind, action: "label_updated", issue, sender: this.user(login) });
  }

  addComment(issue: FakeIssue, body: string, login: string): FakeComment {
    const at = forgejoNow();
    const comment: FakeComment = { id: ++this.ids.comment, repo: issue.repo, issueNumber: issue.number, body, user: this.user(login).login, createdAt: at, updatedAt: at };
    this.comments.set(comment.id, comment);
    issue.updatedAt = at;
    this.onChange({ ...this.commentKind(issue), action: "created", issue, comment, sender: this.user(login) });
    return comment;
  }

  editComment(comment: FakeComment, body: string, login: string): void {
    if (body === comment.body) return;
    const from = comment.body;
    comment.body = body;
    comment.updatedAt = forgejoNow();
    const issue = this.issueOf(comment);
    this.onChange({ ...this.commentKind(issue), action: "edited", issue, comment, changes: { body: { from } }, sender: this.user(login) });
  }

  deleteComment(comment: FakeComment, login: string): void {
    this.comments.delete(comment.id);
    const issue = this.issueOf(comment);
    this.onChange({ ...this.commentKind(issue), action: "deleted", issue, comment, sender: this.user(login) });
  }

  private kind(issue: FakeIssue) {
    return issue.pull ? { event: "pull_request" as const, eventType: "pull_request" as const } : { event: "issues" as const, eventType: "issues" as const };
  }

  /** A pull request's comments are `issue_comment` too, of type `pull_request_comment` (and `is_pull` in the payload). */
  private commentKind(issue: FakeIssue) {
    return { event: "issue_comment" as const, eventType: issue.pull ? ("pull_request_comment" as const) : ("issue_comment" as const) };
  }

  private issueOf(comment: FakeComment): FakeIssue {
    return this.repo(comment.repo)!.issues.get(comment.issueNumber)!;
  }
}

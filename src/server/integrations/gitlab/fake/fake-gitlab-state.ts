import { createHash } from "node:crypto";
import type { FakeDeployment, FakeEnvironment, FakePipeline, FakeTrigger } from "./fake-gitlab-ci-state";

// The whole state (issues, triggers, deployments, pipelines) is GitlabState, made in fake-gitlab-ci-state.ts.
export type { FakeTrigger, FakeEnvironment, DeploymentStatus, FakeDeployment, PipelineStatus, PipelineVariable, FakePipeline, GitlabState } from "./fake-gitlab-ci-state";

/**
 * The fake GitLab's world, in memory: users (some with an access token and its scopes), private
 * projects with their members' roles, issues and merge requests numbered separately per project
 * from 1 (`iid`, as on GitLab), labels made on first use, and notes with ids unique across projects.
 * Each project also has branches and tags (`main` from the start), pipeline trigger tokens,
 * environments (made by their first deployment), deployments and pipelines.
 *
 * Every change goes through one of the methods below, whoever makes it — a client through the API
 * or a test acting as a person on GitLab — and each reports what GitLab sends a webhook for
 * (`onChange`, synchronously, so the payload is a snapshot of that moment). One API call is one
 * change, as on GitLab (an update that also closes is one `close`, its other changes in `changes`).
 * Deleting a note changes nothing a webhook tells: GitLab sends none for it.
 */

/** GitLab's roles (access levels). */
export const ROLES = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type Role = keyof typeof ROLES;

export type FakeUser = { id: number; username: string; name: string; email: string; token: string | null; tokenId: number; scopes: string[]; admin: boolean; createdAt: string };
export type FakeLabel = { id: number; title: string; color: string; createdAt: string };
export type FakeIssue = {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  state: "opened" | "closed";
  /** Label titles, in the order added. */
  labels: string[];
  author: string;
  createdAt: string;
  /** ISO 8601 with milliseconds, as GitLab's API answers; strictly increasing per issue. */
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  lastEditedBy: string | null;
};
export type FakeNote = { id: number; projectId: number; issueIid: number; body: string; author: string; createdAt: string; updatedAt: string };
export type FakeMergeRequest = {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  sourceBranch: string;
  targetBranch: string;
  state: "opened" | "closed" | "merged";
  author: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
};
export type FakeProject = {
  id: number;
  /** "group/project", as added. */
  path: string;
  name: string;
  /** Usernames (lower case) → role. Every project is private: only members see it. */
  members: Map<string, number>;
  issuesEnabled: boolean;
  nextIid: number;
  nextMergeRequestIid: number;
  issues: Map<number, FakeIssue>;
  mergeRequests: Map<number, FakeMergeRequest>;
  labels: Map<string, FakeLabel>;
  /** Branch name → the commit at its head. */
  branches: Map<string, string>;
  /** Tag name → the commit it points at. */
  tags: Map<string, string>;
  triggers: FakeTrigger[];
  /** By name. */
  environments: Map<string, FakeEnvironment>;
  nextDeploymentIid: number;
  deployments: Map<number, FakeDeployment>;
  nextPipelineIid: number;
  pipelines: Map<number, FakePipeline>;
  createdAt: string;
};

type Changes = Record<string, { previous: unknown; current: unknown }>;
export type Change =
  | { kind: "issue"; action: "open" | "update" | "close" | "reopen"; issue: FakeIssue; changes: Changes; user: FakeUser }
  | { kind: "note"; action: "create" | "update"; note: FakeNote; issue: FakeIssue; user: FakeUser }
  | { kind: "merge_request"; action: "open" | "update" | "close" | "merge" | "reopen"; mergeRequest: FakeMergeRequest; changes: Changes; user: FakeUser }
  /** A deployment's status changed to running, success, failed or canceled (GitLab sends no hook for `created`). */
  | { kind: "deployment"; deployment: FakeDeployment; user: FakeUser }
  /** A pipeline's status changed. */
  | { kind: "pipeline"; pipeline: FakePipeline; user: FakeUser };

/** The id of the project a change happened in. */
export function changedProject(change: Change): number {
  switch (change.kind) {
    case "issue":
      return change.issue.projectId;
    case "note":
      return change.note.projectId;
    case "merge_request":
      return change.mergeRequest.projectId;
    case "deployment":
      return change.deployment.projectId;
    case "pipeline":
      return change.pipeline.projectId;
  }
}

export const sha = (...parts: unknown[]) => createHash("sha1").update(parts.join("\0")).digest("hex");
/** A ref resolved in a project: the branch or tag name, whether it is a tag, and its commit. */
export type ResolvedRef = { name: string; tag: boolean; sha: string };


export type IssueEdit = { title?: string; description?: string | null; labels?: string[]; state?: "close" | "reopen" };

/** The issues side of the fake GitLab; triggers, deployments and pipelines extend it (fake-gitlab-ci-state.ts: GitlabState). */
export class GitlabIssueState {
  readonly users = new Map<string, FakeUser>();
  readonly projects = new Map<number, FakeProject>();
  readonly notes = new Map<number, FakeNote>();
  protected ids = { user: 0, token: 100, project: 1000, issue: 10_000, note: 20_000, label: 30_000, mergeRequest: 40_000, trigger: 50_000, environment: 60_000, deployment: 70_000, pipeline: 80_000 };
  protected lastTime = 0;

  constructor(protected readonly onChange: (change: Change) => void) {}

  /** A new instant, later than every one given before (GitLab's timestamps never tie on one object). */
  now(): string {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  /** The user with this username, made (without a token) when a test names someone new. */
  user(username: string): FakeUser {
    const known = this.users.get(username.toLowerCase());
    if (known) return known;
    const id = ++this.ids.user;
    const user: FakeUser = { id, username, name: username, email: `${username}@example.com`, token: null, tokenId: ++this.ids.token, scopes: ["api"], admin: false, createdAt: this.now() };
    this.users.set(username.toLowerCase(), user);
    return user;
  }

  userByToken = (token: string) => [...this.users.values()].find((u) => u.token === token);

  addProject(path: string, members: Record<string, Role>): FakeProject {
    if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path)) throw new Error(`a project's path is "group/project", not "${path}"`);
    if (this.project(path)) throw new Error(`the fake already has ${path}`);
    const id = ++this.ids.project;
    const project: FakeProject = {
      id,
      path,
      name: path.split("/").at(-1)!,
      members: new Map(Object.entries(members).map(([username, role]) => [this.user(username).username.toLowerCase(), ROLES[role]])),
      issuesEnabled: true,
      nextIid: 1,
      nextMergeRequestIid: 1,
      issues: new Map(),
      mergeRequests: new Map(),
      labels: new Map(),
      branches: new Map([["main", sha(path, "main")]]),
      tags: new Map(),
      triggers: [],
      environments: new Map(),
      nextDeploymentIid: 1,
      deployments: new Map(),
      nextPipelineIid: 1,
      pipelines: new Map(),
      createdAt: this.now(),
    };
    this.projects.set(id, project);
    return project;
  }

  /** By numeric id or by path (any case, as GitLab resolves paths). */
  project(idOrPath: string | number): FakeProject | undefined {
    const key = String(idOrPath);
    if (/^\d+$/.test(key)) return this.projects.get(Number(key));
    return [...this.projects.values()].find((p) => p.path.toLowerCase() === key.toLowerCase());
  }

  /** The user's role on the project, 0 when not a member. */
  role = (project: FakeProject, username: string) => project.members.get(username.toLowerCase()) ?? 0;

  /** The project's label of that title (any case), made on first use as GitLab does. */
  label(project: FakeProject, title: string): FakeLabel {
    const known = project.labels.get(title.toLowerCase());
    if (known) return known;
    const label: FakeLabel = { id: ++this.ids.label, title, color: "#6699cc", createdAt: this.now() };
    project.labels.set(title.toLowerCase(), label);
    return label;
  }

  notesOf = (issue: FakeIssue) => [...this.notes.values()].filter((n) => n.projectId === issue.projectId && n.issueIid === issue.iid);

  issueOf(note: FakeNote): FakeIssue {
    return this.projects.get(note.projectId)!.issues.get(note.issueIid)!;
  }

  openIssue(project: FakeProject, input: { title: string; description: string | null; labels?: string[] }, username: string): FakeIssue {
    const at = this.now();
    const issue: FakeIssue = {
      id: ++this.ids.issue,
      iid: project.nextIid++,
      projectId: project.id,
      title: input.title,
      description: input.description,
      state: "opened",
      labels: this.labelTitles(project, input.labels ?? []),
      author: this.user(username).username,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
      lastEditedBy: null,
    };
    project.issues.set(issue.iid, issue);
    this.onChange({ kind: "issue", action: "open", issue, changes: {}, user: this.user(username) });
    return issue;
  }

  /** One edit, as one PUT or one action on GitLab: one change, or none when nothing differs. */
  editIssue(issue: FakeIssue, edit: IssueEdit, username: string): void {
    const project = this.projects.get(issue.projectId)!;
    const changes: Changes = {};
    if (edit.title !== undefined && edit.title !== issue.title) changes.title = { previous: issue.title, current: (issue.title = edit.title) };
    if (edit.description !== undefined && edit.description !== issue.description) changes.description = { previous: issue.description, current: (issue.description = edit.description) };
    if (edit.labels !== undefined) {
      const next = this.labelTitles(project, edit.labels);
      const same = next.length === issue.labels.length && next.every((t) => issue.labels.some((l) => l.toLowerCase() === t.toLowerCase()));
      if (!same) changes.labels = { previous: issue.labels.map((t) => this.label(project, t)), current: (issue.labels = next).map((t) => this.label(project, t)) };
    }
    const closing = edit.state === "close" && issue.state === "opened";
    const reopening = edit.state === "reopen" && issue.state === "closed";
    if (Object.keys(changes).length === 0 && !closing && !reopening) return;
    const at = this.now();
    if (closing || reopening) {
      changes.state_id = { previous: issue.state === "opened" ? 1 : 2, current: closing ? 2 : 1 };
      issue.state = closing ? "closed" : "opened";
      issue.closedAt = closing ? at : null;
      issue.closedBy = closing ? this.user(username).username : null;
    }
    if (changes.title || changes.description) issue.lastEditedBy = this.user(username).username;
    changes.updated_at = { previous: issue.updatedAt, current: (issue.updatedAt = at) };
    this.onChange({ kind: "issue", action: closing ? "close" : reopening ? "reopen" : "update", issue, changes, user: this.user(username) });
  }

  addNote(issue: FakeIssue, body: string, username: string): FakeNote {
    const at = this.now();
    const note: FakeNote = { id: ++this.ids.note, projectId: issue.projectId, issueIid: issue.iid, body, author: this.user(username).username, createdAt: at, updatedAt: at };
    this.notes.set(note.id, note);
    issue.updatedAt = this.now();
    this.onChange({ kind: "note", action: "create", note, issue, user: this.user(username) });
    return note;
  }

  editNote(note: FakeNote, body: string, username: string): void {
    if (body === note.body) return;
    note.body = body;
    note.updatedAt = this.now();
    this.onChange({ kind: "note", action: "update", note, issue: this.issueOf(note), user: this.user(username) });
  }

  /** GitLab has no webhook for a deleted note. */
  deleteNote(note: FakeNote): void {
    this.notes.delete(note.id);
  }

  openMergeRequest(project: FakeProject, input: { title: string; description: string | null; sourceBranch: string; targetBranch: string }, username: string): FakeMergeRequest {
    const at = this.now();
    const mergeRequest: FakeMergeRequest = { id: ++this.ids.mergeRequest, iid: project.nextMergeRequestIid++, projectId: project.id, ...input, state: "opened", author: this.user(username).username, createdAt: at, updatedAt: at, mergedAt: null };
    project.mergeRequests.set(mergeRequest.iid, mergeRequest);
    this.onChange({ kind: "merge_request", action: "open", mergeRequest, changes: {}, user: this.user(username) });
    return mergeRequest;
  }

  /** `update` (title, description), `close`, `reopen` or `merge`. */
  changeMergeRequest(mergeRequest: FakeMergeRequest, action: "update" | "close" | "reopen" | "merge", username: string, edit: { title?: string; description?: string | null } = {}): void {
    const changes: Changes = {};
    if (edit.title !== undefined && edit.title !== mergeRequest.title) changes.title = { previous: mergeRequest.title, current: (mergeRequest.title = edit.title) };
    if (edit.description !== undefined && edit.description !== mergeRequest.description) changes.description = { previous: mergeRequest.description, current: (mergeRequest.description = edit.description) };
    const next = action === "close" ? "closed" : action === "merge" ? "merged" : action === "reopen" ? "opened" : mergeRequest.state;
    if (action !== "update" && (mergeRequest.state === "merged" || next === mergeRequest.state)) throw new Error(`merge request !${mergeRequest.iid} is ${mergeRequest.state}: it cannot ${action}`);
    if (action === "update" && Object.keys(changes).length === 0) return;
    const at = this.now();
    if (next !== mergeRequest.state) changes.state_id = { previous: mergeRequest.state, current: next };
    mergeRequest.state = next;
    if (action === "merge") mergeRequest.mergedAt = at;
    changes.updated_at = { previous: mergeRequest.updatedAt, current: (mergeRequest.updatedAt = at) };
    this.onChange({ kind: "merge_request", action, mergeRequest, changes, user: this.user(username) });
  }

  /** Labels by title, deduplicated without regard to case, each made in the project on first use. */
  private labelTitles(project: FakeProject, titles: string[]): string[] {
    const named = titles.map((t) => t.trim()).filter(Boolean);
    return [...new Map(named.map((t) => [t.toLowerCase(), this.label(project, t).title])).values()];
  }

  // ——— Refs ———

  /** A branch or tag at `commit` (default: where it is, or a commit of its own for a new one); moves it when it exists. */
  setRef(project: FakeProject, kind: "branch" | "tag", name: string, commit?: string): string {
    if (!name || /\s|\.\.|^refs\//.test(name)) throw new Error(`"${name}" is not a ${kind} name`);
    const refs = kind === "branch" ? project.branches : project.tags;
    const at = commit ?? refs.get(name) ?? sha(project.path, kind, name);
    if (!/^[0-9a-f]{40}$/.test(at)) throw new Error(`"${at}" is not a full commit SHA`);
    refs.set(name, at);
    return at;
  }

  /** A branch or tag, by name or as `refs/heads/…`/`refs/tags/…` (a pipeline runs on nothing else). */
  resolveRef(project: FakeProject, ref: string): ResolvedRef | null {
    const heads = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
    const tags = /^refs\/tags\/(.+)$/.exec(ref)?.[1];
    const branch = heads ?? (tags ? undefined : ref);
    if (branch !== undefined && project.branches.has(branch)) return { name: branch, tag: false, sha: project.branches.get(branch)! };
    const tag = tags ?? (heads ? undefined : ref);
    if (tag !== undefined && project.tags.has(tag)) return { name: tag, tag: true, sha: project.tags.get(tag)! };
    return null;
  }
}

import type { AdfDoc } from "../issue-sync/adf";

/**
 * The fake Jira's world, in memory: one site with its users (some with an API token), projects
 * with their issue types, workflow and who may do what in them, issues keyed per project from 1
 * ("OPS-1", as Jira numbers them), and comments with ids unique across the site.
 *
 * Every change goes through one of the methods below, whoever makes it — a client through the API
 * or a test acting as a person in Jira — and each reports what Jira would send a webhook for
 * (`onChange`, called synchronously with snapshots, so the payload is of that moment). Users are
 * known by email (case-insensitive), as Jira's basic authentication names them.
 */

export const PERMISSIONS = {
  BROWSE_PROJECTS: "Browse Projects",
  CREATE_ISSUES: "Create Issues",
  EDIT_ISSUES: "Edit Issues",
  TRANSITION_ISSUES: "Transition Issues",
  ADD_COMMENTS: "Add Comments",
  EDIT_ALL_COMMENTS: "Edit All Comments",
  DELETE_ALL_COMMENTS: "Delete All Comments",
  DELETE_ISSUES: "Delete Issues",
} as const;
export type Permission = keyof typeof PERMISSIONS;

export type FakeUser = { accountId: string; email: string; displayName: string; token: string | null };
export type StatusCategory = "new" | "indeterminate" | "done";
export type FakeStatus = { id: string; name: string; category: StatusCategory };
/** A transition to `to` (a status id) from the statuses in `from`, or from any other status ("global"). */
export type FakeTransition = { id: string; name: string; to: string; from: string[] | "any" };
export type FakeProject = {
  id: string;
  key: string;
  name: string;
  issueTypes: { id: string; name: string }[];
  statuses: FakeStatus[];
  transitions: FakeTransition[];
  /** accountId → what the account may do in the project. */
  access: Map<string, Set<Permission>>;
  nextNumber: number;
};
export type FakeIssue = {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  statusId: string;
  labels: string[];
  reporter: string;
  created: string;
  updated: string;
};
export type FakeComment = { id: string; issueId: string; body: AdfDoc; author: string; updateAuthor: string; created: string; updated: string };

export type ChangelogItem = { field: string; fieldtype: "jira"; fieldId: string; from: string | null; fromString: string | null; to: string | null; toString: string | null };
/** Something Jira sends a webhook for. `typeName`: its `issue_event_type_name`. */
export type Change = {
  event: "jira:issue_created" | "jira:issue_updated" | "jira:issue_deleted" | "comment_created" | "comment_updated" | "comment_deleted";
  typeName: string;
  issue: FakeIssue;
  comment?: FakeComment;
  items?: ChangelogItem[];
  user: FakeUser;
};

/** Jira's timestamps: milliseconds, numeric offset ("2026-12-07T10:15:00.000+0000"). */
export const jiraNow = () => new Date().toISOString().replace("Z", "+0000");
const snapshot = <T>(value: T): T => structuredClone(value);

/** Jira's simplified workflow (team-managed projects): three statuses, each reachable from any other by a transition named after it. */
export function simplifiedWorkflow(): { statuses: FakeStatus[]; transitions: FakeTransition[] } {
  return {
    statuses: [
      { id: "10000", name: "To Do", category: "new" },
      { id: "10001", name: "In Progress", category: "indeterminate" },
      { id: "10002", name: "Done", category: "done" },
    ],
    transitions: [
      { id: "11", name: "To Do", to: "10000", from: "any" },
      { id: "21", name: "In Progress", to: "10001", from: "any" },
      { id: "31", name: "Done", to: "10002", from: "any" },
    ],
  };
}

export class JiraState {
  readonly users = new Map<string, FakeUser>();
  readonly projects = new Map<string, FakeProject>();
  readonly issues = new Map<string, FakeIssue>();
  readonly comments = new Map<string, FakeComment>();
  private ids = { user: 0, project: 10_000, issue: 10_000, comment: 20_000 };

  constructor(private readonly onChange: (change: Change) => void) {}

  /** The user with this email, made (without a token) when a test names someone new. */
  user(email: string, displayName?: string): FakeUser {
    const known = this.users.get(email.toLowerCase());
    if (known) return known;
    const id = ++this.ids.user;
    const user: FakeUser = { accountId: `712020:${String(id).padStart(8, "0")}-fake-${email.split("@")[0]}`, email, displayName: displayName ?? email.split("@")[0], token: null };
    this.users.set(email.toLowerCase(), user);
    return user;
  }

  userByAccountId(accountId: string): FakeUser {
    return [...this.users.values()].find((u) => u.accountId === accountId)!;
  }

  addProject(input: { key: string; name: string; issueTypes: string[]; workflow: { statuses: FakeStatus[]; transitions: FakeTransition[] }; access: [string, Permission[]][] }): FakeProject {
    if (this.projects.has(input.key)) throw new Error(`the fake already has project ${input.key}`);
    const project: FakeProject = {
      id: String(++this.ids.project),
      key: input.key,
      name: input.name,
      issueTypes: input.issueTypes.map((name, k) => ({ id: String(10_001 + k), name })),
      ...input.workflow,
      access: new Map(input.access.map(([email, permissions]) => [this.user(email).accountId, new Set(permissions)])),
      nextNumber: 1,
    };
    this.projects.set(project.key, project);
    return project;
  }

  may(project: FakeProject, user: FakeUser | null, permission: Permission): boolean {
    return Boolean(user && project.access.get(user.accountId)?.has(permission));
  }

  projectOf(issue: FakeIssue): FakeProject {
    return this.projects.get(issue.projectKey)!;
  }

  statusOf(issue: FakeIssue): FakeStatus {
    return this.projectOf(issue).statuses.find((s) => s.id === issue.statusId)!;
  }

  /** The transitions the issue offers from its status (never one to the status it is in). */
  transitionsOf(issue: FakeIssue): FakeTransition[] {
    return this.projectOf(issue).transitions.filter((t) => t.to !== issue.statusId && (t.from === "any" || t.from.includes(issue.statusId)));
  }

  /** By key (or id); an issue moved since keeps answering to its old key in Jira — the fake never moves one. */
  issue(idOrKey: string): FakeIssue | undefined {
    return this.issues.get(idOrKey.toUpperCase()) ?? [...this.issues.values()].find((i) => i.id === idOrKey);
  }

  commentsOf(issue: FakeIssue): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.issueId === issue.id).sort((a, b) => Number(a.id) - Number(b.id));
  }

  createIssue(project: FakeProject, input: { issueTypeId: string; summary: string; description: AdfDoc | null; labels: string[] }, user: FakeUser): FakeIssue {
    const at = jiraNow();
    const issue: FakeIssue = {
      id: String(++this.ids.issue),
      key: `${project.key}-${project.nextNumber++}`,
      projectKey: project.key,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      description: input.description,
      statusId: project.statuses[0].id,
      labels: [...new Set(input.labels)],
      reporter: user.accountId,
      created: at,
      updated: at,
    };
    this.issues.set(issue.key, issue);
    this.onChange({ event: "jira:issue_created", typeName: "issue_created", issue: snapshot(issue), user });
    return issue;
  }

  /** Summary, description and labels: one `jira:issue_updated` with a changelog item per field that changed. */
  editIssue(issue: FakeIssue, input: { summary?: string; description?: AdfDoc | null; labels?: string[] }, user: FakeUser, render: (doc: AdfDoc | null) => string | null): void {
    const items: ChangelogItem[] = [];
    const item = (field: string, from: string | null, to: string | null): ChangelogItem => ({ field, fieldtype: "jira", fieldId: field, from: null, fromString: from, to: null, toString: to });
    if (input.summary !== undefined && input.summary !== issue.summary) {
      items.push(item("summary", issue.summary, input.summary));
      issue.summary = input.summary;
    }
    if (input.description !== undefined && JSON.stringify(input.description) !== JSON.stringify(issue.description)) {
      items.push(item("description", render(issue.description), render(input.description)));
      issue.description = input.description;
    }
    if (input.labels !== undefined) {
      const next = [...new Set(input.labels)];
      if (next.join(" ") !== issue.labels.join(" ")) {
        items.push(item("labels", issue.labels.join(" "), next.join(" ")));
        issue.labels = next;
      }
    }
    if (items.length === 0) return;
    issue.updated = jiraNow();
    this.onChange({ event: "jira:issue_updated", typeName: "issue_updated", issue: snapshot(issue), items, user });
  }

  transition(issue: FakeIssue, transition: FakeTransition, user: FakeUser): void {
    const from = this.statusOf(issue);
    const to = this.projectOf(issue).statuses.find((s) => s.id === transition.to)!;
    issue.statusId = to.id;
    issue.updated = jiraNow();
    const items: ChangelogItem[] = [{ field: "status", fieldtype: "jira", fieldId: "status", from: from.id, fromString: from.name, to: to.id, toString: to.name }];
    this.onChange({ event: "jira:issue_updated", typeName: "issue_generic", issue: snapshot(issue), items, user });
  }

  deleteIssue(issue: FakeIssue, user: FakeUser): void {
    for (const comment of this.commentsOf(issue)) this.comments.delete(comment.id);
    this.issues.delete(issue.key);
    this.onChange({ event: "jira:issue_deleted", typeName: "issue_deleted", issue: snapshot(issue), user });
  }

  /** A comment also touches its issue: `updated` moves, and Jira sends `jira:issue_updated` ("issue_commented") besides `comment_created`. */
  addComment(issue: FakeIssue, body: AdfDoc, user: FakeUser): FakeComment {
    const at = jiraNow();
    const comment: FakeComment = { id: String(++this.ids.comment), issueId: issue.id, body, author: user.accountId, updateAuthor: user.accountId, created: at, updated: at };
    this.comments.set(comment.id, comment);
    issue.updated = at;
    this.onChange({ event: "comment_created", typeName: "issue_commented", issue: snapshot(issue), comment: snapshot(comment), user });
    this.onChange({ event: "jira:issue_updated", typeName: "issue_commented", issue: snapshot(issue), comment: snapshot(comment), user });
    return comment;
  }

  editComment(comment: FakeComment, body: AdfDoc, user: FakeUser): void {
    if (JSON.stringify(body) === JSON.stringify(comment.body)) return;
    const issue = this.issueOfComment(comment);
    comment.body = body;
    comment.updateAuthor = user.accountId;
    comment.updated = issue.updated = jiraNow();
    this.onChange({ event: "comment_updated", typeName: "issue_comment_edited", issue: snapshot(issue), comment: snapshot(comment), user });
    this.onChange({ event: "jira:issue_updated", typeName: "issue_comment_edited", issue: snapshot(issue), comment: snapshot(comment), user });
  }

  deleteComment(comment: FakeComment, user: FakeUser): void {
    const issue = this.issueOfComment(comment);
    this.comments.delete(comment.id);
    issue.updated = jiraNow();
    this.onChange({ event: "comment_deleted", typeName: "issue_comment_deleted", issue: snapshot(issue), comment: snapshot(comment), user });
    this.onChange({ event: "jira:issue_updated", typeName: "issue_comment_deleted", issue: snapshot(issue), comment: snapshot(comment), user });
  }

  issueOfComment(comment: FakeComment): FakeIssue {
    return [...this.issues.values()].find((i) => i.id === comment.issueId)!;
  }
}

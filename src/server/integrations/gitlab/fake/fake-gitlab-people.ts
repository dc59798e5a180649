import type { FakeIssue, FakeMergeRequest, FakeNote, FakeProject, GitlabState } from "./fake-gitlab-state";

type IssueRef = { project: string; iid: number; username: string };

/** What a person does on GitLab's pages (not through the API): each change is sent to the project's hooks like any other. */
export type PersonActions = {
  userOpensIssue(input: { project: string; title: string; description?: string | null; labels?: string[]; username: string }): FakeIssue;
  userEditsIssue(input: IssueRef & { title?: string; description?: string | null }): FakeIssue;
  userClosesIssue(input: IssueRef): FakeIssue;
  userReopensIssue(input: IssueRef): FakeIssue;
  /** Adds and removes labels in one edit (GitLab's sidebar sends one update). */
  userLabelsIssue(input: IssueRef & { add?: string[]; remove?: string[] }): FakeIssue;
  userComments(input: IssueRef & { body: string }): FakeNote;
  userEditsComment(input: { id: number; body: string; username: string }): FakeNote;
  /** GitLab sends no webhook for a deleted note: nothing reaches the hooks. */
  userDeletesComment(input: { id: number; username: string }): void;
  openMergeRequest(input: { project: string; title: string; description?: string | null; sourceBranch: string; targetBranch?: string; username: string }): FakeMergeRequest;
  editMergeRequest(input: IssueRef & { title?: string; description?: string | null }): FakeMergeRequest;
  closeMergeRequest(input: IssueRef): FakeMergeRequest;
  reopenMergeRequest(input: IssueRef): FakeMergeRequest;
  mergeMergeRequest(input: IssueRef): FakeMergeRequest;
};

export function personActions(state: GitlabState, projectOf: (path: string) => FakeProject): PersonActions {
  /** The project, for a person who can see it (every project is private). */
  const visible = (path: string, username: string) => {
    const project = projectOf(path);
    if (!state.role(project, username)) throw new Error(`${username} cannot see ${path}`);
    return project;
  };
  const issueFor = ({ project, iid, username }: IssueRef) => {
    const found = visible(project, username).issues.get(iid);
    if (!found) throw new Error(`the fake has no issue ${project}#${iid}`);
    return found;
  };
  const mergeRequestFor = ({ project, iid, username }: IssueRef) => {
    const found = visible(project, username).mergeRequests.get(iid);
    if (!found) throw new Error(`the fake has no merge request ${project}!${iid}`);
    return found;
  };
  const noteFor = (id: number) => {
    const found = state.notes.get(id);
    if (!found) throw new Error(`the fake has no note ${id}`);
    return found;
  };
  const edited = <T>(value: T, work: () => void) => {
    work();
    return value;
  };
  return {
    userOpensIssue: (input) => state.openIssue(visible(input.project, input.username), { title: input.title, description: input.description ?? null, labels: input.labels }, input.username),
    userEditsIssue: (input) => {
      const issue = issueFor(input);
      return edited(issue, () => state.editIssue(issue, { title: input.title, description: input.description }, input.username));
    },
    userClosesIssue: (input) => {
      const issue = issueFor(input);
      return edited(issue, () => state.editIssue(issue, { state: "close" }, input.username));
    },
    userReopensIssue: (input) => {
      const issue = issueFor(input);
      return edited(issue, () => state.editIssue(issue, { state: "reopen" }, input.username));
    },
    userLabelsIssue: (input) => {
      const issue = issueFor(input);
      const removed = new Set((input.remove ?? []).map((l) => l.toLowerCase()));
      return edited(issue, () => state.editIssue(issue, { labels: [...issue.labels.filter((l) => !removed.has(l.toLowerCase())), ...(input.add ?? [])] }, input.username));
    },
    userComments: (input) => state.addNote(issueFor(input), input.body, input.username),
    userEditsComment: (input) => {
      const note = noteFor(input.id);
      return edited(note, () => state.editNote(note, input.body, input.username));
    },
    userDeletesComment: (input) => state.deleteNote(noteFor(input.id)),
    openMergeRequest: (input) =>
      state.openMergeRequest(visible(input.project, input.username), { title: input.title, description: input.description ?? null, sourceBranch: input.sourceBranch, targetBranch: input.targetBranch ?? "main" }, input.username),
    editMergeRequest: (input) => {
      const mergeRequest = mergeRequestFor(input);
      return edited(mergeRequest, () => state.changeMergeRequest(mergeRequest, "update", input.username, input));
    },
    closeMergeRequest: (input) => {
      const mergeRequest = mergeRequestFor(input);
      return edited(mergeRequest, () => state.changeMergeRequest(mergeRequest, "close", input.username));
    },
    reopenMergeRequest: (input) => {
      const mergeRequest = mergeRequestFor(input);
      return edited(mergeRequest, () => state.changeMergeRequest(mergeRequest, "reopen", input.username));
    },
    mergeMergeRequest: (input) => {
      const mergeRequest = mergeRequestFor(input);
      return edited(mergeRequest, () => state.changeMergeRequest(mergeRequest, "merge", input.username));
    },
  };
}

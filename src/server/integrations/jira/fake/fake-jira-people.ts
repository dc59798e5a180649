import { markdownToAdf } from "../issue-sync/markdown-to-adf";
import type { AdfDoc } from "../issue-sync/adf";
import { adfToWiki } from "./adf-to-wiki";
import type { FakeComment, FakeIssue, JiraState, Permission } from "./fake-jira-state";

/**
 * A test acting as a person in Jira's web UI: what they do goes through the same state methods as
 * the API (so it sends the same webhooks), after the same permission checks; what they write is
 * Markdown, turned into ADF as Jira's editor turns what is typed into it (`markdownToAdf`), or an
 * ADF document as is. A person who may not do it makes the helper throw: the test is wrong.
 */
export type Person = { email: string };
export type Body = string | AdfDoc;

const adf = (body: Body): AdfDoc => (typeof body === "string" ? markdownToAdf(body) : body);

export function people(state: JiraState) {
  const who = (email: string) => {
    const user = state.users.get(email.toLowerCase());
    if (!user) throw new Error(`the fake Jira has no user ${email}`);
    return user;
  };
  const issueFor = (key: string, email: string, permission: Permission) => {
    const issue = state.issue(key);
    if (!issue) throw new Error(`the fake Jira has no issue ${key}`);
    if (!state.may(state.projectOf(issue), who(email), permission)) throw new Error(`${email} may not ${permission} in ${issue.projectKey}`);
    return issue;
  };
  const commentFor = (key: string, id: string, email: string, permission: Permission) => {
    const issue = issueFor(key, email, "BROWSE_PROJECTS");
    const comment = state.comments.get(id);
    if (!comment || comment.issueId !== issue.id) throw new Error(`the fake Jira has no comment ${id} on ${key}`);
    if (comment.author !== who(email).accountId && !state.may(state.projectOf(issue), who(email), permission)) throw new Error(`${email} may not change comment ${id}`);
    return comment;
  };

  return {
    createsIssue(input: Person & { projectKey: string; summary: string; description?: Body | null; labels?: string[]; issueType?: string }): FakeIssue {
      const project = state.projects.get(input.projectKey);
      if (!project) throw new Error(`the fake Jira has no project ${input.projectKey}`);
      if (!state.may(project, who(input.email), "CREATE_ISSUES")) throw new Error(`${input.email} may not create issues in ${input.projectKey}`);
      const type = project.issueTypes.find((t) => t.name === (input.issueType ?? project.issueTypes[0].name));
      if (!type) throw new Error(`${input.projectKey} has no issue type ${input.issueType}`);
      const description = input.description === undefined || input.description === null ? null : adf(input.description);
      return state.createIssue(project, { issueTypeId: type.id, summary: input.summary, description, labels: input.labels ?? [] }, who(input.email));
    },
    editsIssue(input: Person & { key: string; summary?: string; description?: Body | null }): FakeIssue {
      const issue = issueFor(input.key, input.email, "EDIT_ISSUES");
      const description = input.description === undefined ? undefined : input.description === null ? null : adf(input.description);
      state.editIssue(issue, { summary: input.summary, description }, who(input.email), (d) => (d ? adfToWiki(d) : null));
      return issue;
    },
    labelsIssue(input: Person & { key: string; add?: string[]; remove?: string[] }): FakeIssue {
      const issue = issueFor(input.key, input.email, "EDIT_ISSUES");
      const labels = [...issue.labels.filter((l) => !(input.remove ?? []).includes(l)), ...(input.add ?? [])];
      state.editIssue(issue, { labels }, who(input.email), (d) => (d ? adfToWiki(d) : null));
      return issue;
    },
    /** Moves the issue with the transition of that name, or to the status of that name, as the status button does. */
    transitionsIssue(input: Person & { key: string; to: string }): FakeIssue {
      const issue = issueFor(input.key, input.email, "TRANSITION_ISSUES");
      const project = state.projectOf(issue);
      const transition = state.transitionsOf(issue).find((t) => t.name === input.to || project.statuses.find((s) => s.id === t.to)?.name === input.to);
      if (!transition) throw new Error(`${input.key} offers no transition to "${input.to}"`);
      state.transition(issue, transition, who(input.email));
      return issue;
    },
    deletesIssue(input: Person & { key: string }): void {
      state.deleteIssue(issueFor(input.key, input.email, "DELETE_ISSUES"), who(input.email));
    },
    comments(input: Person & { key: string; body: Body }): FakeComment {
      return state.addComment(issueFor(input.key, input.email, "ADD_COMMENTS"), adf(input.body), who(input.email));
    },
    editsComment(input: Person & { key: string; id: string; body: Body }): FakeComment {
      const comment = commentFor(input.key, input.id, input.email, "EDIT_ALL_COMMENTS");
      state.editComment(comment, adf(input.body), who(input.email));
      return comment;
    },
    deletesComment(input: Person & { key: string; id: string }): void {
      state.deleteComment(commentFor(input.key, input.id, input.email, "DELETE_ALL_COMMENTS"), who(input.email));
    },
  };
}

export type People = ReturnType<typeof people>;

import http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpException, Version3Client } from "jira.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inboundRequest } from "../../shared/test-requests";
import { jira } from "../index";
import { markdownToAdf } from "../issue-sync/markdown-to-adf";
import { pullJiraChange } from "../issue-sync/pull";
import { startFakeJira, type FakeJira } from "./fake-jira";

/**
 * The fake Jira itself, driven by Jira's own client (jira.js, which retries nothing, so every
 * answer reaches the test as sent): the issue lifecycle, Jira's refusals (401, 403, 404, 400 by
 * field), the fault switch, search, the control surface, and the signed webhooks it sends back —
 * each verified, typed and validated as our receiver does. Every answer the fake gives is checked
 * against the vendored response schema too (a mismatch would be in `violations`).
 */

const SECRET = "jira-admin-webhook-secret-0123";

type Received = { headers: Record<string, string>; body: string };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** What a refused call answered: its status and Jira's error collection. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!(error instanceof HttpException)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.status, body: (error.response as { data?: unknown }).data };
}

describe("the fake Jira", () => {
  let fake: FakeJira;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const client = (email: string, token: string) => new Version3Client({ host: fake.url, authentication: { basic: { email, apiToken: token } } });
  let ada: Version3Client;

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeJira(), startReceiver()]);
    fake.addUser({ email: "ada@acme.test", token: "ada-token", displayName: "Ada Lovelace" });
    fake.addUser({ email: "bob@acme.test", token: "bob-token", displayName: "Bob" });
    fake.addUser({ email: "eve@acme.test", displayName: "Eve" });
    fake.addProject({ key: "OPS", name: "Operations", members: ["ada@acme.test", "eve@acme.test"], readOnly: ["bob@acme.test"] });
    fake.addProject({ key: "SALES", members: ["eve@acme.test"] });
    fake.addHook({ url: `${receiver.url}/hooks/jira`, secret: SECRET, projectKey: "OPS" });
    ada = client("ada@acme.test", "ada-token");
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it("serves the issue lifecycle to jira.js, answering as the spec documents", async () => {
    expect(await ada.myself.getCurrentUser()).toMatchObject({ emailAddress: "ada@acme.test", displayName: "Ada Lovelace", accountType: "atlassian", active: true });
    expect(await ada.projects.getProject({ projectIdOrKey: "OPS" })).toMatchObject({ key: "OPS", name: "Operations", issueTypes: [{ name: "Task" }, { name: "Bug" }, { name: "Story" }] });
    const permissions = await ada.permissions.getMyPermissions({ projectKey: "OPS", permissions: "BROWSE_PROJECTS,CREATE_ISSUES" });
    expect(permissions.permissions).toMatchObject({ BROWSE_PROJECTS: { havePermission: true }, CREATE_ISSUES: { havePermission: true } });

    const description = markdownToAdf("Since **10:02**.");
    const created = await ada.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Bug" }, summary: "Checkout fails", description: description as never, labels: ["ops"] } });
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), key: "OPS-1", self: `${fake.url}/rest/api/3/issue/${created.id}` });
    const issue = await ada.issues.getIssue({ issueIdOrKey: "OPS-1", fields: ["summary", "description", "status", "labels"], expand: "transitions" });
    expect(issue.fields).toEqual({ summary: "Checkout fails", description, status: expect.objectContaining({ name: "To Do", statusCategory: expect.objectContaining({ key: "new" }) }), labels: ["ops"] });
    expect(issue.transitions?.map((t) => t.name)).toEqual(["In Progress", "Done"]);

    const edited = (await ada.issues.editIssue({ issueIdOrKey: "OPS-1", fields: { summary: "Checkout fails on Safari" }, returnIssue: true })) as unknown as { fields: { summary: string } };
    expect(edited.fields.summary).toBe("Checkout fails on Safari");
    await ada.issues.editIssue({ issueIdOrKey: "OPS-1", update: { labels: [{ add: "safari" }, { remove: "ops" }] } });
    await ada.issues.doTransition({ issueIdOrKey: "OPS-1", transition: { id: "31" } });
    expect(fake.statusOf("OPS-1")).toMatchObject({ name: "Done", category: "done" });
    expect(fake.issue("OPS-1").labels).toEqual(["safari"]);
    expect((await ada.issues.getTransitions({ issueIdOrKey: "OPS-1" })).transitions?.map((t) => t.name)).toEqual(["To Do", "In Progress"]);

    const comment = await ada.issueComments.addComment({ issueIdOrKey: "OPS-1", comment: markdownToAdf("Rolled back.") as never });
    expect(comment).toMatchObject({ author: { displayName: "Ada Lovelace" }, body: markdownToAdf("Rolled back.") });
    await ada.issueComments.updateComment({ issueIdOrKey: "OPS-1", id: comment.id!, body: markdownToAdf("Rolled back at 10:40.") as never });
    expect((await ada.issueComments.getComments({ issueIdOrKey: "OPS-1" })).comments?.map((c) => c.id)).toEqual([comment.id]);
    await ada.issueComments.deleteComment({ issueIdOrKey: "OPS-1", id: comment.id! });
    expect(fake.comments("OPS-1")).toEqual([]);
  });

  it("refuses as Jira does: bad credentials, what a user may not see or do, and what Jira's rules refuse", async () => {
    expect(await refusal(client("ada@acme.test", "wrong").myself.getCurrentUser())).toEqual({ status: 401, body: { errorMessages: ["Client must be authenticated to access this resource."], errors: {} } });
    const bob = client("bob@acme.test", "bob-token");
    const fields = { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "From Bob" };
    expect(await refusal(bob.issues.createIssue({ fields }))).toMatchObject({ status: 403, body: { errorMessages: ["You do not have permission to create issues in this project."] } });
    expect(await refusal(ada.issues.getIssue({ issueIdOrKey: "SALES-1" }))).toMatchObject({ status: 404, body: { errorMessages: ["Issue does not exist or you do not have permission to see it."] } });
    expect(await refusal(ada.projects.getProject({ projectIdOrKey: "SALES" }))).toMatchObject({ status: 404 });

    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ ...fields, summary: " " }, { summary: "You must specify a summary of the issue." }],
      [{ ...fields, issuetype: { name: "Epic" } }, { issuetype: "The issue type selected is invalid." }],
      [{ ...fields, labels: ["needs triage"] }, { labels: "The label 'needs triage' contains spaces which is invalid." }],
      // (jira.js wraps a string in a paragraph itself: a document that is not ADF is what can go wrong.)
      [{ ...fields, description: { type: "doc", version: 1, content: [{ type: "text", text: "bare" }] } }, { description: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" }],
      [{ ...fields, priority: { name: "High" } }, { priority: "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown." }],
    ];
    for (const [sent, errors] of cases) expect(await refusal(ada.issues.createIssue({ fields: sent as never }))).toEqual({ status: 400, body: { errorMessages: [], errors } });
    await ada.issues.createIssue({ fields });
    expect(await refusal(ada.issues.doTransition({ issueIdOrKey: "OPS-2", transition: { id: "11" } }))).toMatchObject({ status: 400, body: { errorMessages: ["Transition id '11' is not valid for this issue."] } });
    expect(fake.violations).toHaveLength(cases.length + 1);
    fake.violations.length = 0;
  });

  it("fails on demand: 429 with Jira's rate-limit headers, 5xx, a hang, and an answer lost after the work was done", async () => {
    fake.fault({ status: 429, retryAfter: "7" });
    const limited = await ada.myself.getCurrentUser().catch((e: HttpException) => e);
    const headers = ((limited as HttpException).cause as { response: { headers: Record<string, string> } }).response.headers;
    expect(limited).toMatchObject({ status: 429 });
    expect(headers).toMatchObject({ "retry-after": "7", "ratelimit-reason": "jira-burst-based", "x-ratelimit-reset": expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/) });
    fake.fault({ status: 503, retryAfter: "1", match: (r) => r.operationId === "getProject" });
    expect(await ada.myself.getCurrentUser()).toMatchObject({ emailAddress: "ada@acme.test" });
    expect(await refusal(ada.projects.getProject({ projectIdOrKey: "OPS" }))).toMatchObject({ status: 503 });

    const before = fake.issues("OPS").length;
    fake.fault({ hang: true, after: true });
    const quick = new Version3Client({ host: fake.url, authentication: { basic: { email: "ada@acme.test", apiToken: "ada-token" } }, baseRequestConfig: { timeout: 300 } });
    const lost = await quick.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Lost answer" } }).catch((e: Error) => e);
    expect(lost).toBeInstanceOf(Error);
    expect(fake.issues("OPS").map((i) => i.summary)).toHaveLength(before + 1);
    expect(fake.requests.at(-1)).toMatchObject({ operationId: "createIssue", status: null });
  });

  it("searches with the JQL the fake models, newest first, paged, and trails new issues by searchLagMs (answering after latencyMs)", async () => {
    const page = await ada.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = "OPS" ORDER BY created DESC', fields: ["summary"], maxResults: 2 });
    expect(page.issues?.map((i) => i.key)).toEqual(["OPS-3", "OPS-2"]);
    expect(page).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    const next = await ada.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = "OPS" ORDER BY created DESC', fields: ["summary"], maxResults: 2, nextPageToken: page.nextPageToken });
    expect(next.issues?.map((i) => i.key)).toEqual(["OPS-1"]);
    const text = await ada.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = OPS AND text ~ "lost answer"', fields: ["summary"] });
    expect(text.issues?.map((i) => i.fields.summary)).toEqual(["Lost answer"]);
    expect(await refusal(ada.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: "assignee = currentUser()" }))).toMatchObject({ status: 400 });
    expect(fake.violations).toEqual([expect.stringContaining("the fake does not model the clause")]);
    fake.violations.length = 0;

    const lagging = await startFakeJira({ searchLagMs: 60_000, latencyMs: 150 });
    lagging.addUser({ email: "ada@acme.test", token: "t" });
    lagging.addProject({ key: "OPS", members: ["ada@acme.test"] });
    lagging.person.createsIssue({ projectKey: "OPS", summary: "Just made", email: "ada@acme.test" });
    const search = new Version3Client({ host: lagging.url, authentication: { basic: { email: "ada@acme.test", apiToken: "t" } } });
    const started = Date.now();
    expect((await search.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: "project = OPS" })).issues).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await lagging.close();
  });

  it("sends every change as a signed admin webhook, as the provider verifies, validates and types it", async () => {
    await fake.settled();
    receiver.received.length = 0;
    const issue = fake.person.createsIssue({ projectKey: "OPS", summary: "Made in Jira", description: "Seen *twice*.", labels: ["web"], email: "eve@acme.test" });
    fake.person.editsIssue({ key: issue.key, summary: "Made in Jira (edited)", email: "eve@acme.test" });
    fake.person.transitionsIssue({ key: issue.key, to: "Done", email: "eve@acme.test" });
    const comment = fake.person.comments({ key: issue.key, body: "A **comment**.", email: "eve@acme.test" });
    fake.person.editsComment({ key: issue.key, id: comment.id, body: "An edited comment.", email: "eve@acme.test" });
    fake.person.deletesComment({ key: issue.key, id: comment.id, email: "eve@acme.test" });
    fake.person.deletesIssue({ key: issue.key, email: "eve@acme.test" });
    fake.person.createsIssue({ projectKey: "SALES", summary: "Not this hook's project", email: "eve@acme.test" });
    await fake.settled();

    const events = receiver.received.map(({ headers, body }) => {
      const request = inboundRequest(body, headers);
      const payload = JSON.parse(body) as Record<string, unknown>;
      const { eventType, deliveryId } = jira.inbound.envelope(request, payload);
      expect(jira.inbound.verify(request, { webhookSecret: SECRET })).toEqual({ ok: true });
      expect(jira.inbound.validate(eventType, payload)).toEqual({ ok: true });
      expect(deliveryId).toBe(headers["x-atlassian-webhook-identifier"]);
      return { eventType, typeName: payload.issue_event_type_name, payload };
    });
    expect(events.map((e) => `${e.eventType}${e.typeName ? `/${e.typeName}` : ""}`)).toEqual([
      "jira:issue_created/issue_created",
      "jira:issue_updated/issue_updated",
      "jira:issue_updated/issue_generic",
      "comment_created",
      "jira:issue_updated/issue_commented",
      "comment_updated",
      "jira:issue_updated/issue_comment_edited",
      "comment_deleted",
      "jira:issue_updated/issue_comment_deleted",
      "jira:issue_deleted/issue_deleted",
    ]);
    expect(events[0].payload).toMatchObject({
      user: { displayName: "Eve", accountType: "atlassian" },
      issue: { key: issue.key, self: `${fake.url}/rest/api/2/issue/${issue.id}`, fields: { summary: "Made in Jira", description: "Seen _twice_.", labels: ["web"], project: { key: "OPS" } } },
    });
    expect(events[2].payload).toMatchObject({ changelog: { items: [{ field: "status", fromString: "To Do", toString: "Done" }] }, issue: { fields: { status: { statusCategory: { key: "done" } } } } });
    expect(events[3].payload).toMatchObject({ comment: { id: comment.id, body: "A *comment*.", author: { displayName: "Eve" } }, issue: { key: issue.key } });
    expect(receiver.received[0].headers).toMatchObject({ "content-type": "application/json; charset=UTF-8", "user-agent": "Atlassian Webhook HTTP Client" });
    // What the sync makes of each (an issue_updated for a comment is left to the comment's own event).
    const pulled = events.map(({ eventType, payload }) => pullJiraChange({ eventType, payload }));
    expect(pulled.map((c) => (c ? `${c.kind}.${c.action}` : null))).toEqual([
      "issue.opened",
      "issue.edited",
      "issue.closed",
      "comment.created",
      null,
      "comment.edited",
      null,
      "comment.deleted",
      null,
      "issue.deleted",
    ]);
    expect(pulled[0]).toMatchObject({ issue: { id: issue.key, title: "Made in Jira", body: "Seen _twice_.", labels: ["web"], state: "open", url: `${fake.url}/browse/${issue.key}` }, actor: "Eve" });
    expect(pulled[3]).toMatchObject({ issueId: issue.key, comment: { id: comment.id, body: "A **comment**.", author: "Eve", url: `${fake.url}/browse/${issue.key}?focusedCommentId=${comment.id}` } });
  });

  it("has a control surface under /_fake/ for tests in another process", async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${fake.url}/_fake/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    expect(await control("GET", "health")).toEqual({ status: 200, body: { ok: true } });
    expect(await control("POST", "users", { email: "zoe@acme.test", token: "zoe-token" })).toMatchObject({ status: 201, body: { email: "zoe@acme.test" } });
    expect(await control("POST", "projects", { key: "WEB", members: ["zoe@acme.test"] })).toMatchObject({ status: 201, body: { key: "WEB" } });
    expect(await control("POST", "projects/WEB/issues", { summary: "From e2e", description: "**Hi**", email: "zoe@acme.test" })).toMatchObject({ status: 201, body: { key: "WEB-1" } });
    expect(await control("POST", "issues/WEB-1/comments", { body: "Noted.", email: "zoe@acme.test" })).toMatchObject({ status: 201 });
    expect(await control("POST", "issues/WEB-1/transitions", { to: "In Progress", email: "zoe@acme.test" })).toMatchObject({ status: 200 });
    expect(await control("GET", "projects/WEB/issues")).toMatchObject({ status: 200, body: [{ key: "WEB-1", fields: { status: { name: "In Progress" } }, comments_list: [{ body: markdownToAdf("Noted.") }] }] });
    expect(await control("POST", "issues/WEB-1/comments", { body: "x", email: "nobody@acme.test" })).toMatchObject({ status: 400, body: { message: "the fake Jira has no user nobody@acme.test" } });
  });
});

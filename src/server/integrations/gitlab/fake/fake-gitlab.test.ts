import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { isIssueSyncApiError, type IssueSyncApiError } from "@/server/issue-sync/errors";
import { inboundRequest } from "../../shared/test-requests";
import { gitlab } from "../index";
import { gitlabTracker } from "../issue-sync/tracker";
import { startFakeGitlab, type FakeGitlab } from "./fake-gitlab";

/**
 * The fake GitLab itself, driven by the sync's GitLab tracker (gitbeaker over the guarded
 * platformFetch): the issue lifecycle, GitLab's refusals (401, 403 for a scope or a role, 404),
 * the fault switch, latency, the control surface, and the webhooks it sends back — each verified
 * and validated as our receiver does it, and read by the sync's parser. Every answer the fake
 * gives is checked against the contract too (a mismatch would be in `violations`, kept empty).
 */

const PROJECT = "acme/widgets";
const TOKEN = "gl-hook-secret-0123456789";

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(req.url?.startsWith("/failing") ? 500 : 202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const failure = async (work: Promise<unknown>): Promise<IssueSyncApiError> => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (!isIssueSyncApiError(error)) throw new Error(`expected an IssueSyncApiError, got ${String(error)}`);
  return error;
};

describe("the fake GitLab", () => {
  let fake: FakeGitlab;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const tracker = (token: string, project = PROJECT) => gitlabTracker({ project, token, baseUrl: fake.url });

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS ??= "127.0.0.1";
    resetEnvCache();
    [fake, receiver] = await Promise.all([startFakeGitlab(), startReceiver()]);
    fake.addUser({ username: "alice", token: "alice-token" });
    fake.addUser({ username: "guest", token: "guest-token" });
    fake.addUser({ username: "reader", token: "reader-token", scopes: ["read_api"] });
    fake.addProject({ path: PROJECT, members: { alice: "reporter", guest: "guest", reader: "developer", dave: "developer", bob: "guest" } });
    fake.addHook({ project: PROJECT, url: `${receiver.url}/hooks/gitlab`, token: TOKEN });
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations, "requests the real GitLab API would refuse").toEqual([]);
  });
  afterAll(async () => {
    await fake?.close();
    await receiver?.close();
  });

  it("serves the issue lifecycle the sync needs, by path and by numeric id", async () => {
    const alice = tracker("alice-token");
    const report = await alice.testConnection();
    expect(report).toEqual({ account: "alice", target: PROJECT, canWrite: true, problems: [] });
    const created = await alice.createIssue({ title: "Broken", body: "Steps\n\n<!-- switchboard:request=00000000-0000-4000-8000-000000000001 -->", labels: ["switchboard", "P1"] });
    expect(created).toMatchObject({ id: "1", key: `${PROJECT}#1`, url: `${fake.url}/${PROJECT}/-/issues/1`, title: "Broken", state: "open", labels: ["switchboard", "P1"] });
    expect(created.updatedAt).toMatch(/\.\d{3}Z$/);
    const updated = await alice.updateIssue("1", { title: "Broken badly", state: "closed", labels: ["switchboard"] });
    expect(updated).toMatchObject({ title: "Broken badly", state: "closed", labels: ["switchboard"] });
    expect(await alice.updateIssue("1", { state: "open" })).toMatchObject({ state: "open" });
    const byId = gitlabTracker({ project: String(fake.project(PROJECT).id), token: "alice-token", baseUrl: fake.url });
    expect(await byId.getIssue("1")).toMatchObject({ key: `${PROJECT}#1`, title: "Broken badly" });
    expect(await alice.findIssueByMarker("<!-- switchboard:request=00000000-0000-4000-8000-000000000001 -->")).toMatchObject({ id: "1" });
    expect(await alice.findIssueByMarker("<!-- switchboard:request=00000000-0000-4000-8000-000000000009 -->")).toBeNull();
    const comment = await alice.addComment("1", "Looking into it.");
    expect(comment).toEqual({ id: expect.stringMatching(/^\d+$/), url: `${fake.url}/${PROJECT}/-/issues/1#note_${comment.id}` });
    expect(fake.notes(PROJECT, 1).map((n) => n.body)).toEqual(["Looking into it."]);
  });

  it("refuses as GitLab does, in its own words", async () => {
    expect(await failure(tracker("nobody").getIssue("1"))).toMatchObject({ kind: "unauthorized", message: expect.stringContaining("401 Unauthorized") });
    expect(await failure(tracker("alice-token", "acme/hidden").getIssue("1"))).toMatchObject({ kind: "not_found", message: expect.stringContaining("404 Project Not Found") });
    expect(await failure(tracker("alice-token").getIssue("99"))).toMatchObject({ kind: "not_found", message: expect.stringContaining("404 Issue Not Found") });
    const scope = await failure(tracker("reader-token").createIssue({ title: "x", body: "", labels: [] }));
    expect(scope).toMatchObject({ kind: "forbidden", message: expect.stringContaining('lacks the "api" scope') });
    expect(await failure(tracker("guest-token").updateIssue("1", { title: "Mine now" }))).toMatchObject({ kind: "forbidden", message: expect.stringContaining("403 Forbidden") });
    expect(await tracker("reader-token").testConnection()).toMatchObject({ canWrite: false, problems: [expect.stringContaining('lack "api"')] });
    expect(await tracker("guest-token").testConnection()).toMatchObject({ canWrite: false, problems: [expect.stringContaining("guest has the Guest role")] });
    // A blank title passes the description (title is a string) but not GitLab: its 400, and a violation.
    expect(await failure(tracker("alice-token").createIssue({ title: " ", body: "", labels: [] }))).toMatchObject({ kind: "validation", message: expect.stringContaining("title can't be blank") });
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining("can't be blank")]);
  });

  it("has a fault switch: 429 with Retry-After, 5xx, a hang, and a lost answer after the work was done", async () => {
    const alice = tracker("alice-token");
    fake.fault({ status: 429, retryAfter: "7" });
    expect(await failure(alice.getIssue("1"))).toMatchObject({ kind: "rate_limited", retryable: true, retryAfterMs: 7000, message: expect.stringContaining("Retry later") });
    fake.fault({ status: 502, times: 2 });
    expect(await failure(alice.getIssue("1"))).toMatchObject({ kind: "unavailable", retryable: true });
    expect(await failure(alice.getIssue("1"))).toMatchObject({ kind: "unavailable" });
    expect(await alice.getIssue("1")).toMatchObject({ id: "1" });
    const before = fake.issues(PROJECT).length;
    fake.fault({ loseAnswer: true, match: (r) => r.operationId === "postApiV4ProjectsIdIssues" });
    const lost = gitlabTracker({ project: PROJECT, token: "alice-token", baseUrl: fake.url, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(300) }) });
    expect(await failure(lost.createIssue({ title: "Answer lost", body: "", labels: [] }))).toMatchObject({ kind: "network", retryable: true });
    expect(fake.issues(PROJECT).length).toBe(before + 1);
  });

  it("sends every change as a webhook our receiver verifies and validates, which the sync reads", async () => {
    await fake.settled();
    receiver.received.length = 0;
    const from = fake.webhookDeliveries.length;
    const alice = tracker("alice-token");
    const issue = await alice.createIssue({ title: "Hooks", body: "Body", labels: ["triage"] });
    await alice.updateIssue(issue.id, { title: "Hooks!", labels: [] });
    await alice.updateIssue(issue.id, { state: "closed" });
    await alice.addComment(issue.id, "API comment");
    const iid = Number(issue.id);
    fake.userReopensIssue({ project: PROJECT, iid, username: "dave" });
    fake.userLabelsIssue({ project: PROJECT, iid, add: ["P0"], username: "dave" });
    const said = fake.userComments({ project: PROJECT, iid, body: "Me too", username: "bob" });
    fake.userEditsComment({ id: said.id, body: "Me too!", username: "bob" });
    fake.userDeletesComment({ id: said.id, username: "bob" });
    const mr = fake.openMergeRequest({ project: PROJECT, title: `Fix #${iid}`, sourceBranch: "fix-hooks", username: "dave" });
    fake.mergeMergeRequest({ project: PROJECT, iid: mr.iid, username: "alice" });
    await fake.settled();

    const deliveries = fake.webhookDeliveries.slice(from);
    expect(deliveries.map((d) => `${d.event}:${d.action}`)).toEqual([
      "Issue Hook:open",
      "Issue Hook:update",
      "Issue Hook:close",
      "Note Hook:create",
      "Issue Hook:reopen",
      "Issue Hook:update",
      "Note Hook:create",
      "Note Hook:update",
      "Merge Request Hook:open",
      "Merge Request Hook:merge",
    ]);
    expect(deliveries.every((d) => d.status === 202 && d.error === null)).toBe(true);
    const problems: string[] = [];
    const changes = [];
    for (const request of receiver.received) {
      const inbound = inboundRequest(request.body, request.headers as Record<string, string>);
      const payload = JSON.parse(request.body) as unknown;
      const { eventType, deliveryId } = gitlab.inbound.envelope(inbound, payload);
      if (request.path !== "/hooks/gitlab") problems.push(`${eventType}: sent to ${request.path}`);
      if (!gitlab.inbound.verify(inbound, { webhookToken: TOKEN }).ok) problems.push(`${eventType}: X-Gitlab-Token does not verify`);
      if (!/^[0-9a-f-]{36}$/.test(deliveryId ?? "")) problems.push(`${eventType}: no X-Gitlab-Event-UUID`);
      const check = gitlab.inbound.validate(eventType, payload);
      if (!check.ok) problems.push(`${eventType}: ${check.errors.join("; ")}`);
      if (gitlab.inbound.outOfScope!(payload, { projectId: PROJECT })) problems.push(`${eventType}: out of scope`);
      changes.push(gitlab.issueSync.pull({ eventType, payload }));
    }
    expect(problems).toEqual([]);
    expect(changes.map((c) => (c ? `${c.kind}.${c.action}:${c.actor}` : null))).toEqual([
      "issue.opened:alice",
      "issue.edited:alice",
      "issue.closed:alice",
      "comment.created:alice",
      "issue.reopened:dave",
      "issue.edited:dave",
      "comment.created:bob",
      "comment.edited:bob",
      "pull_request.opened:dave",
      "pull_request.closed:alice",
    ]);
    expect(changes[1]).toMatchObject({ issue: { id: issue.id, title: "Hooks!", labels: [] } });
    expect(changes[5]).toMatchObject({ issue: { state: "open", labels: ["P0"] } });
    expect(changes[7]).toMatchObject({ issueId: issue.id, comment: { id: String(said.id), body: "Me too!", author: "bob", url: expect.stringContaining(`#note_${said.id}`) } });
    expect(changes[9]).toMatchObject({ pullRequest: { id: `!${mr.iid}`, key: `${PROJECT}!${mr.iid}`, branch: "fix-hooks", state: "merged", title: `Fix #${iid}` } });
    const first = JSON.parse(receiver.received[1].body) as { changes: unknown };
    expect(first.changes).toMatchObject({ title: { previous: "Hooks", current: "Hooks!" }, labels: { previous: [{ title: "triage" }], current: [] } });
  });

  it("has a control surface for another process, never gated nor recorded", async () => {
    const before = fake.requests.length;
    const post = (path: string, body: unknown) => fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await fetch(`${fake.url}/_fake/health`)).status).toBe(200);
    expect((await post("/_fake/users", { username: "erin", token: "erin-token" })).status).toBe(201);
    expect((await post("/_fake/projects", { path: "erin/notes", members: { erin: "owner" } })).status).toBe(201);
    expect((await post("/_fake/hooks", { project: "erin/notes", url: `${receiver.url}/hooks/erin`, token: TOKEN })).status).toBe(201);
    expect((await post("/_fake/projects/erin%2Fnotes/issues", { title: "Opened on the web", username: "erin" })).status).toBe(201);
    const note = await post("/_fake/projects/erin%2Fnotes/issues/1/notes", { body: "A person's comment", username: "erin" });
    expect(await note.json()).toMatchObject({ body: "A person's comment", author: { username: "erin" } });
    expect((await post("/_fake/projects/erin%2Fnotes/issues/9/notes", { body: "x", username: "erin" })).status).toBe(400);
    const issues = (await (await fetch(`${fake.url}/_fake/projects/erin%2Fnotes/issues`)).json()) as { iid: number; notes_list: { body: string }[] }[];
    expect(issues).toMatchObject([{ iid: 1, title: "Opened on the web", notes_list: [{ body: "A person's comment" }] }]);
    expect(fake.requests.length).toBe(before);
    await fake.settled();
  });
});

describe("the fake GitLab's latency", () => {
  it("delays every API answer by latencyMs", async () => {
    const slow = await startFakeGitlab({ latencyMs: 60 });
    try {
      slow.addUser({ username: "alice", token: "t" });
      const started = performance.now();
      const answer = await fetch(`${slow.url}/api/v4/user`, { headers: { "private-token": "t" } });
      expect(answer.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

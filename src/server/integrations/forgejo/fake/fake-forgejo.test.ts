import http from "node:http";
import type { AddressInfo } from "node:net";
import { giteaApi } from "gitea-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inboundRequest } from "../../shared/test-requests";
import { forgejo } from "../index";
import { startFakeForgejo, type FakeForgejo } from "./fake-forgejo";

/**
 * The fake Forgejo itself, driven by the client the sync uses (`gitea-js`, which retries nothing,
 * so every answer reaches the test as sent): the issue lifecycle with labels by id, Forgejo's
 * refusals (401, 403 for a scope or a permission, 404, 422, 423), the fault switch, the control
 * surface, and the signed webhooks it sends back — each verified, typed and validated by the
 * Forgejo provider exactly as the inbound receiver does. Every answer the fake gives is checked
 * against the vendored response schema too (a mismatch would be in `violations`, kept empty).
 */

const REPO = "acme/widgets";
const SECRET = "forgejo-hook-secret-0123456789";

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
type Payload = Record<string, unknown> & { issue?: { labels: { name: string }[] } };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(req.url?.startsWith("/failing") ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** What gitea-js threw: the Response, with Forgejo's parsed body in `error`. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; error: unknown; retryAfter: string | null }> {
  try {
    await promise;
  } catch (thrown) {
    const response = thrown as Response & { error: unknown };
    return { status: response.status, error: response.error instanceof Error ? "not JSON" : response.error, retryAfter: response.headers.get("retry-after") };
  }
  throw new Error("expected the call to fail");
}

describe("the fake Forgejo", () => {
  let fake: FakeForgejo;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const client = (token: string, customFetch: typeof fetch = fetch) => giteaApi(fake.url, { token, customFetch });

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeForgejo(), startReceiver()]);
    fake.addUser({ login: "alice", token: "alice-token", fullName: "Alice" });
    fake.addUser({ login: "bob", token: "bob-token" });
    fake.addUser({ login: "carol", token: "carol-token", scopes: ["read:repository"] });
    fake.addRepo({ fullName: REPO, collaborators: ["alice", "dave"], readOnly: ["bob"] });
    fake.addHook({ repo: REPO, url: `${receiver.url}/hooks/forgejo`, secret: SECRET });
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations).toEqual([]);
  });
  afterAll(async () => {
    await fake?.close();
    await receiver?.close();
  });

  it("serves the issue lifecycle to gitea-js, labels by id, answering as the spec documents", async () => {
    const api = client("alice-token");
    expect((await api.user.userGetCurrent()).data).toMatchObject({ login: "alice", username: "alice", full_name: "Alice" });
    expect((await api.repos.repoGet("acme", "widgets")).data).toMatchObject({ full_name: REPO, private: true, has_issues: true, permissions: { admin: false, push: true, pull: true } });

    const bug = (await api.repos.issueCreateLabel("acme", "widgets", { name: "bug", color: "#e11d21" })).data;
    expect(bug).toMatchObject({ name: "bug", color: "e11d21", url: `${fake.url}/api/v1/repos/${REPO}/labels/${bug.id}` });
    const created = await api.repos.issueCreateIssue("acme", "widgets", { title: "Checkout fails", body: "Since 10:02 <!-- marker -->", labels: [bug.id!, 999_999] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: "open", body: "Since 10:02 <!-- marker -->", labels: [{ name: "bug" }], milestone: null, pull_request: null, user: { login: "alice" } });
    expect(created.data.html_url).toBe(`${fake.url}/${REPO}/issues/1`);

    const edited = await api.repos.issueEditIssue("acme", "widgets", 1, { title: "Checkout fails in EU", state: "closed" });
    expect(edited.status).toBe(201);
    expect(edited.data).toMatchObject({ title: "Checkout fails in EU", state: "closed", closed_at: expect.any(String) });
    const p0 = fake.addLabel({ repo: REPO, name: "P0" });
    expect((await api.repos.issueReplaceLabels("acme", "widgets", 1, { labels: [p0.id] })).data.map((l) => l.name)).toEqual(["P0"]);
    expect((await api.repos.issueGetIssue("acme", "widgets", 1)).data.labels?.map((l) => l.name)).toEqual(["P0"]);
    const labels = await api.repos.issueListLabels("acme", "widgets", { limit: 1, page: 1 });
    expect(labels.data.map((l) => l.name)).toEqual(["bug"]);
    expect(labels.headers.get("x-total-count")).toBe("2");

    const comment = (await api.repos.issueCreateComment("acme", "widgets", 1, { body: "API comment" })).data;
    expect(comment).toMatchObject({ body: "API comment", html_url: `${fake.url}/${REPO}/issues/1#issuecomment-${comment.id}`, pull_request_url: "" });
    await api.repos.issueEditComment("acme", "widgets", comment.id!, { body: "API comment, edited" });
    expect((await api.repos.issueGetComments("acme", "widgets", 1)).data.map((c) => c.body)).toEqual(["API comment, edited"]);
    expect((await api.repos.issueDeleteComment("acme", "widgets", comment.id!)).status).toBe(204);

    fake.openPullRequest({ repo: REPO, title: "Fix #1", head: "fix-1", user: "dave" });
    const listed = await api.repos.issueListIssues("acme", "widgets", { state: "all", type: "issues", limit: 50, page: 1 });
    expect(listed.data.map((i) => i.number)).toEqual([1]);
    expect((await api.repos.issueListIssues("acme", "widgets", { state: "all" })).data.map((i) => i.number)).toEqual([2, 1]);
    expect((await api.repos.repoGetPullRequest("acme", "widgets", 2)).data).toMatchObject({ number: 2, merged: false, head: { ref: "fix-1" }, merged_by: null });
    await fake.settled();
  });

  it("refuses as Forgejo does: a bad token, a missing scope, a hidden repository, a reader's edit, an archived repository", async () => {
    expect(await failure(client("nope").user.userGetCurrent())).toMatchObject({ status: 401, error: { message: "user does not exist [uid: 0, name: ]" } });
    expect(await failure(client("carol-token").user.userGetCurrent())).toMatchObject({ status: 403, error: { message: "token does not have at least one of required scope(s): [read:user]" } });
    fake.addUser({ login: "erin", token: "erin-token" });
    expect(await failure(client("erin-token").repos.repoGet("acme", "widgets"))).toMatchObject({ status: 404, error: { message: "The target couldn't be found.", errors: [] } });

    const bob = client("bob-token");
    expect((await bob.repos.repoGet("acme", "widgets")).data.permissions).toEqual({ admin: false, push: false, pull: true });
    const label = fake.addLabel({ repo: REPO, name: "triage" });
    // A reader may open an issue, but Forgejo drops its labels; editing it is refused without a body.
    const opened = (await bob.repos.issueCreateIssue("acme", "widgets", { title: "From a reader", labels: [label.id] })).data;
    expect(opened.labels).toEqual([]);
    expect(await failure(bob.repos.issueEditIssue("acme", "widgets", 1, { title: "x" }))).toMatchObject({ status: 403, error: "not JSON" });
    expect(await failure(bob.repos.issueCreateLabel("acme", "widgets", { name: "x", color: "#000000" }))).toMatchObject({ status: 403, error: { message: "user should have a permission to write to a repo" } });
    expect(await failure(client("alice-token").repos.issueGetIssue("acme", "widgets", 99))).toMatchObject({ status: 404 });

    fake.addRepo({ fullName: "acme/old", collaborators: ["alice"], archived: true });
    const archived = await failure(client("alice-token").repos.issueCreateIssue("acme", "old", { title: "x" }));
    expect(archived).toMatchObject({ status: 423, error: { message: expect.stringMatching(/^<Repository \d+:acme\/old> is archived$/) } });

    // What the schema allows and Forgejo's binding refuses is a violation.
    expect(await failure(client("alice-token").repos.issueCreateIssue("acme", "widgets", { title: "" }))).toMatchObject({ status: 422, error: { message: "[Title]: Required" } });
    expect(fake.violations).toEqual([expect.stringContaining("[Title]: Required")]);
    fake.violations.length = 0;
    await fake.settled();
  });

  it("has a fault switch: 429 with Retry-After from a proxy, 5xx, a hang, and a hang after the change was made", async () => {
    const api = client("alice-token");
    fake.fault({ status: 429, retryAfter: "2" });
    expect(await failure(api.user.userGetCurrent())).toEqual({ status: 429, error: "not JSON", retryAfter: "2" });
    fake.fault({ status: 503, times: 2 });
    expect(await failure(api.user.userGetCurrent())).toMatchObject({ status: 503, error: { message: "" } });
    expect(await failure(api.user.userGetCurrent())).toMatchObject({ status: 503 });
    expect((await api.user.userGetCurrent()).status).toBe(200);

    const timingOut: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(200) });
    fake.fault({ hang: true, match: (r) => r.operationId === "issueCreateIssue" });
    await expect(client("alice-token", timingOut).repos.issueCreateIssue("acme", "widgets", { title: "Lost" })).rejects.toThrow();
    expect(fake.issues(REPO).some((i) => i.title === "Lost")).toBe(false);
    fake.fault({ hang: true, applied: true, match: (r) => r.operationId === "issueCreateIssue" });
    await expect(client("alice-token", timingOut).repos.issueCreateIssue("acme", "widgets", { title: "Made, answer lost" })).rejects.toThrow();
    expect(fake.issues(REPO).some((i) => i.title === "Made, answer lost")).toBe(true);
    await fake.settled();
  });

  it("sends a signed webhook for every change, as Forgejo sends and signs them, which the provider verifies and validates", async () => {
    receiver.received.length = 0;
    const first = fake.webhookDeliveries.length;
    const issue = fake.userOpensIssue({ repo: REPO, title: "Webhooks", body: "a <b> & c", labels: ["bug"], login: "alice" });
    fake.userEditsIssue({ repo: REPO, number: issue.number, login: "dave", title: "Webhooks!", body: "new body" });
    fake.userLabelsIssue({ repo: REPO, number: issue.number, login: "dave", add: ["P1"], remove: ["bug"] });
    fake.userClosesIssue({ repo: REPO, number: issue.number, login: "dave" });
    fake.userReopensIssue({ repo: REPO, number: issue.number, login: "dave" });
    const comment = fake.userComments({ repo: REPO, number: issue.number, login: "bob", body: "A reader's comment" });
    fake.userEditsComment({ repo: REPO, id: comment.id, login: "bob", body: "Edited" });
    fake.userDeletesComment({ repo: REPO, id: comment.id, login: "alice" });
    const pr = fake.openPullRequest({ repo: REPO, title: "Fix it", body: "Closes #1", head: "fix", user: "dave" });
    fake.userComments({ repo: REPO, number: pr.number, login: "alice", body: "LGTM" });
    fake.mergePullRequest({ repo: REPO, number: pr.number, login: "alice" });
    await fake.settled();

    const deliveries = fake.webhookDeliveries.slice(first);
    expect(deliveries.map((d) => `${d.event}.${d.action} (${d.eventType})`)).toEqual([
      "issues.opened (issues)",
      "issues.edited (issues)",
      "issues.edited (issues)",
      "issues.label_updated (issue_label)",
      "issues.closed (issues)",
      "issues.reopened (issues)",
      "issue_comment.created (issue_comment)",
      "issue_comment.edited (issue_comment)",
      "issue_comment.deleted (issue_comment)",
      "pull_request.opened (pull_request)",
      "issue_comment.created (pull_request_comment)",
      "pull_request.closed (pull_request)",
    ]);
    expect(deliveries.every((d) => d.status === 204 && d.error === null)).toBe(true);
    const problems: string[] = [];
    const payloads: Payload[] = [];
    for (const received of receiver.received) {
      const request = inboundRequest(received.body, received.headers as Record<string, string>);
      const payload = JSON.parse(received.body) as Payload;
      payloads.push(payload);
      const { eventType, deliveryId } = forgejo.inbound.envelope(request, payload);
      if (received.path !== "/hooks/forgejo") problems.push(`${eventType}: sent to ${received.path}`);
      if (!forgejo.inbound.verify(request, { webhookSecret: SECRET }).ok) problems.push(`${eventType}: X-Forgejo-Signature does not verify`);
      const gitea = inboundRequest(received.body, { "x-gitea-signature": String(received.headers["x-gitea-signature"]) });
      if (!forgejo.inbound.verify(gitea, { webhookSecret: SECRET }).ok) problems.push(`${eventType}: X-Gitea-Signature does not verify`);
      if (received.headers["x-hub-signature-256"] !== `sha256=${received.headers["x-forgejo-signature"]}`) problems.push(`${eventType}: X-Hub-Signature-256`);
      if (!deliveryId || received.headers["x-gitea-delivery"] !== deliveryId) problems.push(`${eventType}: delivery id`);
      const check = forgejo.inbound.validate(eventType, payload);
      if (!check.ok) problems.push(`${eventType}: ${check.errors.join("; ")}`);
    }
    expect(problems).toEqual([]);
    // Go's encoder: indented, HTML characters escaped; the signature is over exactly these bytes.
    expect(receiver.received[0].body).toContain('"body": "a \\u003cb\\u003e \\u0026 c"');
    expect(payloads[0]).toMatchObject({ action: "opened", number: issue.number, issue: { body: "a <b> & c", labels: [{ name: "bug" }] }, sender: { login: "alice" }, commit_id: "" });
    expect(payloads[1]).toMatchObject({ changes: { title: { from: "Webhooks" } }, issue: { title: "Webhooks!", body: "a <b> & c" } });
    expect(payloads[2]).toMatchObject({ changes: { body: { from: "a <b> & c" } }, issue: { body: "new body" } });
    expect(payloads[3].issue?.labels.map((l) => l.name)).toEqual(["P1"]);
    expect(payloads[6]).toMatchObject({ is_pull: false, comment: { body: "A reader's comment", user: { login: "bob" } } });
    expect(payloads[6]).not.toHaveProperty("pull_request");
    expect(payloads[10]).toMatchObject({ is_pull: true, issue: { pull_request: { merged: false } }, pull_request: { number: pr.number } });
    expect(payloads[11]).toMatchObject({ action: "closed", pull_request: { merged: true, merged_by: { login: "alice" }, state: "closed" }, sender: { login: "alice" } });
  });

  it("records a hook that answers non-2xx, and does not retry it", async () => {
    fake.addRepo({ fullName: "acme/failing", collaborators: ["alice"] });
    fake.addHook({ repo: "acme/failing", url: `${receiver.url}/failing`, secret: SECRET });
    receiver.received.length = 0;
    fake.userOpensIssue({ repo: "acme/failing", title: "x", login: "alice" });
    await fake.settled();
    expect(fake.webhookDeliveries.at(-1)).toMatchObject({ event: "issues", action: "opened", status: 500, error: "the hook answered 500" });
    expect(receiver.received).toHaveLength(1);
  });

  it("has a control surface for another process, never gated nor recorded", async () => {
    const before = fake.requests.length;
    const post = (path: string, body: unknown) => fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await fetch(`${fake.url}/_fake/health`)).status).toBe(200);
    expect(await (await post("/_fake/users", { login: "frank", token: "frank-token" })).json()).toMatchObject({ login: "frank", scopes: ["write:issue", "read:repository", "read:user"] });
    expect((await post("/_fake/repos", { fullName: "frank/notes", collaborators: [] })).status).toBe(201);
    expect(await (await post("/_fake/repos/frank/notes/labels", { name: "P0" })).json()).toMatchObject({ name: "P0", color: "ededed" });
    expect((await post("/_fake/hooks", { repo: "frank/notes", url: `${receiver.url}/hooks/frank`, secret: "s" })).status).toBe(201);
    expect((await post("/_fake/repos/frank/notes/issues", { title: "Opened on the web", labels: ["P0"], login: "frank" })).status).toBe(201);
    const comment = await post("/_fake/repos/frank/notes/issues/1/comments", { body: "A person's comment", login: "frank" });
    expect(await comment.json()).toMatchObject({ body: "A person's comment", user: { login: "frank" } });
    expect((await post("/_fake/repos/frank/notes/issues/9/comments", { body: "x", login: "frank" })).status).toBe(400);
    const issues = (await (await fetch(`${fake.url}/_fake/repos/frank/notes/issues`)).json()) as unknown[];
    expect(issues).toMatchObject([{ number: 1, title: "Opened on the web", labels: [{ name: "P0" }], comments: 1, comments_list: [{ body: "A person's comment" }] }]);
    expect((await client("frank-token").repos.issueGetIssue("frank", "notes", 1)).data.title).toBe("Opened on the web");
    expect(fake.requests.length).toBe(before + 1);
    await fake.settled();
  });
});

describe("the fake Forgejo's latency", () => {
  it("delays every API answer by latencyMs", async () => {
    const slow = await startFakeForgejo({ latencyMs: 60 });
    try {
      slow.addUser({ login: "alice", token: "t" });
      const started = performance.now();
      expect((await giteaApi(slow.url, { token: "t", customFetch: fetch }).user.userGetCurrent()).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

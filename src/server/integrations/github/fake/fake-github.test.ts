import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/rest";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { validateGithubPayload } from "../schema";
import { startFakeGithub, type FakeGithub } from "./fake-github";

/**
 * The fake GitHub itself, driven by GitHub's own client (`@octokit/rest`, which has no retry or
 * throttling plugin, so every answer reaches the test as sent): the issue lifecycle, GitHub's
 * refusals (401, 404, 403, 422), the fault switch, the `/api/v3` base, the control surface, and
 * the signed webhooks it sends back — each kind verified as our receiver verifies it and valid
 * against the published webhook schemas. Every answer the fake gives is also checked against the
 * vendored response schema (a mismatch would be in `violations`, which must stay empty).
 */

const REPO = "acme/widgets";
const SECRET = "It's a Secret to Everybody";

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

/** A webhook receiver: records what arrives; answers 500 under /failing. */
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

describe("the fake GitHub", () => {
  let fake: FakeGithub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let alice: Octokit;
  // Quiet: octokit logs every failed request, and this file fails many on purpose.
  const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const client = (token: string, baseUrl = fake.url) => new Octokit({ auth: token, baseUrl, request: { fetch }, log });
  const at = { owner: "acme", repo: "widgets" };

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeGithub(), startReceiver()]);
    fake.addUser({ login: "alice", token: "alice-token", scopes: ["repo", "read:org"], email: "alice@acme.test" });
    fake.addUser({ login: "bob", token: "bob-token" });
    fake.addUser({ login: "carol", token: "carol-token" });
    fake.addRepo({ fullName: REPO, collaborators: ["alice", "dave"], readOnly: ["bob"] });
    fake.addHook({ repo: REPO, url: `${receiver.url}/hooks/github`, secret: SECRET });
    alice = client("alice-token");
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it("serves the issue lifecycle to octokit, answering as the spec documents", async () => {
    const me = await alice.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: "alice", email: "alice@acme.test", user_view_type: "private" });
    expect(me.headers).toMatchObject({ "x-oauth-scopes": "repo, read:org", "x-ratelimit-limit": "5000", "x-ratelimit-resource": "core" });
    expect(Number(me.headers["x-ratelimit-remaining"]) + Number(me.headers["x-ratelimit-used"])).toBe(5000);
    expect((await alice.repos.get(at)).data).toMatchObject({ full_name: REPO, private: true, permissions: { push: true, pull: true } });

    const created = await alice.issues.create({ ...at, title: "Checkout fails", body: "Since 10:02", labels: ["bug"] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, title: "Checkout fails", state: "open", labels: [{ name: "bug", color: "ededed" }], user: { login: "alice" } });
    expect(created.data.html_url).toBe(`${fake.url}/acme/widgets/issues/1`);
    expect(created.headers.location).toBe(`${fake.url}/repos/acme/widgets/issues/1`);

    const changes = { title: "Checkout fails on Safari", body: null, state: "closed", state_reason: "not_planned", labels: ["bug", "ui"] } as const;
    const updated = await alice.issues.update({ ...at, issue_number: 1, ...changes, labels: [...changes.labels] });
    expect(updated.data).toMatchObject({ title: "Checkout fails on Safari", body: null, state: "closed", state_reason: "not_planned", closed_by: { login: "alice" } });
    expect(updated.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["bug", "ui"]);
    const reopened = await alice.issues.update({ ...at, issue_number: 1, state: "open" });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
    expect((await alice.issues.get({ ...at, issue_number: 1 })).data.title).toBe("Checkout fails on Safari");

    const comment = await alice.issues.createComment({ ...at, issue_number: 1, body: "Looking into it." });
    expect(comment.data).toMatchObject({ body: "Looking into it.", user: { login: "alice" }, author_association: "COLLABORATOR" });
    await alice.issues.updateComment({ ...at, comment_id: comment.data.id, body: "Found it." });
    expect((await alice.issues.getComment({ ...at, comment_id: comment.data.id })).data.body).toBe("Found it.");
    expect((await alice.issues.get({ ...at, issue_number: 1 })).data.comments).toBe(1);
    expect((await alice.issues.listComments({ ...at, issue_number: 1 })).data.map((c) => c.body)).toEqual(["Found it."]);
    expect((await alice.issues.deleteComment({ ...at, comment_id: comment.data.id })).status).toBe(204);
    expect(fake.comments(REPO, 1)).toEqual([]);
    await expect(alice.issues.getComment({ ...at, comment_id: comment.data.id })).rejects.toMatchObject({ status: 404 });

    for (const title of ["Second", "Third", "Fourth"]) await alice.issues.create({ ...at, title });
    const page = await alice.issues.listForRepo({ ...at, per_page: 2 });
    expect(page.data.map((i) => i.number)).toEqual([4, 3]);
    expect(page.headers.link).toContain('rel="next"');
    expect((await alice.paginate(alice.issues.listForRepo, { ...at, state: "all", per_page: 2, direction: "asc" })).map((i) => i.number)).toEqual([1, 2, 3, 4]);
    expect((await alice.issues.listForRepo({ ...at, labels: "UI,bug" })).data.map((i) => i.number)).toEqual([1]);

    const pull = fake.openPullRequest({ repo: REPO, title: "Fix checkout", body: "Fixes #1", head: "fix-checkout", user: "dave" });
    expect(pull.number).toBe(5); // numbered with the issues, as on GitHub
    expect((await alice.pulls.get({ ...at, pull_number: 5 })).data).toMatchObject({
      number: 5,
      head: { ref: "fix-checkout" },
      base: { ref: "main" },
      merged: false,
      user: { login: "dave" },
    });
    expect((await alice.issues.get({ ...at, issue_number: 5 })).data.pull_request).toMatchObject({ url: `${fake.url}/repos/acme/widgets/pulls/5` });
    await expect(alice.pulls.get({ ...at, pull_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect((await alice.rateLimit.get()).data.rate.limit).toBe(5000);
    expect(fake.requests.every((r) => r.login === "alice" && r.operationId !== null)).toBe(true);
  });

  it("serves the same API under /api/v3, as GitHub Enterprise Server does, with URLs there", async () => {
    const enterprise = client("alice-token", fake.enterpriseUrl);
    const issue = await enterprise.issues.get({ ...at, issue_number: 1 });
    expect(issue.data.url).toBe(`${fake.url}/api/v3/repos/acme/widgets/issues/1`);
    expect(issue.data.html_url).toBe(`${fake.url}/acme/widgets/issues/1`);
    expect(fake.requests.at(-1)).toMatchObject({ path: "/api/v3/repos/acme/widgets/issues/1", operationId: "issues/get", status: 200 });
  });

  it("refuses as GitHub does: an unknown token 401, no access 404, read-only writes 403, invalid input 422", async () => {
    await expect(client("nope").issues.get({ ...at, issue_number: 1 })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" } },
    });
    const carol = client("carol-token");
    await expect(carol.repos.get(at)).rejects.toMatchObject({ status: 404, response: { data: { message: "Not Found" } } });
    await expect(carol.issues.create({ ...at, title: "Hi" })).rejects.toMatchObject({ status: 404 });
    const bob = client("bob-token");
    expect((await bob.issues.get({ ...at, issue_number: 1 })).status).toBe(200);
    await expect(bob.issues.createComment({ ...at, issue_number: 1, body: "+1" })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by personal access token" } },
    });

    await expect(alice.issues.create({ ...at, title: "  " })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [{ resource: "Issue", code: "missing_field", field: "title" }] } },
    });
    await expect(alice.issues.update({ ...at, issue_number: 1, state: "open", state_reason: "completed" })).rejects.toMatchObject({ status: 422 });
    expect(fake.violations).toEqual([expect.stringContaining('"field":"title"'), expect.stringContaining('"field":"state_reason"')]);
    fake.violations.length = 0;
  });

  it("records a request the real API would refuse, and answers it as GitHub does", async () => {
    const raw = (method: string, path: string, body: unknown) =>
      fetch(`${fake.url}${path}`, { method, headers: { authorization: "Bearer alice-token", "content-type": "application/json" }, body: JSON.stringify(body) });
    const invalid = await raw("PATCH", "/repos/acme/widgets/issues/1", { state: "done" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      message: expect.stringMatching(/^Invalid request\.\n\n\/requestBody\/state must be equal to one of the allowed values/),
      status: "422",
    });
    expect((await raw("POST", "/repos/acme/widgets/issues/1/transfer", { new_owner: "x" })).status).toBe(404);
    expect(fake.violations).toEqual([
      expect.stringContaining("PATCH /repos/acme/widgets/issues/1: /requestBody/state must be equal to one of the allowed values"),
      expect.stringContaining("is not an operation of the vendored GitHub API"),
    ]);
    expect(fake.issue(REPO, 1).state).toBe("open"); // refused by the gate: the state is untouched
    fake.violations.length = 0;
  });

  it("has a fault switch: 429 with Retry-After, 500, both rate limits, and a hang", async () => {
    const get = () => alice.issues.get({ ...at, issue_number: 1 });
    fake.fault({ status: 429, retryAfter: "7" });
    await expect(get()).rejects.toMatchObject({ status: 429, response: { headers: { "retry-after": "7" } } });
    fake.fault({ status: 500, times: 2 });
    await expect(get()).rejects.toMatchObject({ status: 500 });
    await expect(get()).rejects.toMatchObject({ status: 500 });
    expect((await get()).status).toBe(200);

    fake.fault({ primaryRateLimit: true, resetInSeconds: 120 });
    const primary = (await get().catch((e: unknown) => e)) as { status: number; response: { data: { message: string }; headers: Record<string, string> } };
    expect(primary.status).toBe(403);
    expect(primary.response.data.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/);
    expect(primary.response.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(primary.response.headers["x-ratelimit-reset"]) - Date.now() / 1000).toBeGreaterThan(110);
    fake.fault({ secondaryRateLimit: true, retryAfter: "30", match: (r) => r.method === "POST" });
    expect((await get()).status).toBe(200); // not matched: passes, and the fault stays
    await expect(alice.issues.createComment({ ...at, issue_number: 1, body: "x" })).rejects.toMatchObject({
      status: 403,
      response: { headers: { "retry-after": "30" }, data: { message: expect.stringContaining("You have exceeded a secondary rate limit") } },
    });

    fake.fault({ hang: true });
    const started = Date.now();
    await expect(alice.issues.get({ ...at, issue_number: 1, request: { signal: AbortSignal.timeout(300) } })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await get()).status).toBe(200);
  });

  it("sends every kind of change as a signed webhook that passes our validator, with the actor as sender", async () => {
    await fake.settled();
    receiver.received.length = 0;
    const from = fake.webhookDeliveries.length;
    // Through the API (alice's token)…
    const issue = (await alice.issues.create({ ...at, title: "Webhooks", body: "Body", labels: ["triage"] })).data;
    const n = issue.number;
    await alice.issues.update({ ...at, issue_number: n, title: "Webhooks!", labels: [] });
    await alice.issues.update({ ...at, issue_number: n, state: "closed" });
    const comment = (await alice.issues.createComment({ ...at, issue_number: n, body: "API comment" })).data;
    await alice.issues.updateComment({ ...at, comment_id: comment.id, body: "API comment, edited" });
    await alice.issues.deleteComment({ ...at, comment_id: comment.id });
    // …and as people on github.com.
    fake.userReopensIssue({ repo: REPO, number: n, login: "dave" });
    fake.userEditsIssue({ repo: REPO, number: n, body: "New body", login: "dave" });
    fake.userLabelsIssue({ repo: REPO, number: n, add: ["p1"], login: "dave" });
    fake.userLabelsIssue({ repo: REPO, number: n, remove: ["p1"], login: "dave" });
    fake.userClosesIssue({ repo: REPO, number: n, reason: "not_planned", login: "dave" });
    const opened = fake.userOpensIssue({ repo: REPO, title: "From the web", body: "Hi", labels: ["question"], login: "bob" });
    const said = fake.userComments({ repo: REPO, number: opened.number, body: "Me too", login: "bob" });
    fake.userEditsComment({ repo: REPO, id: said.id, body: "Me too!", login: "bob" });
    fake.userDeletesComment({ repo: REPO, id: said.id, login: "bob" });
    const pr = fake.openPullRequest({ repo: REPO, title: "Fix", body: null, head: "fix", user: "dave" });
    fake.userEditsIssue({ repo: REPO, number: pr.number, title: "Fix it", login: "dave" });
    fake.closePullRequest({ repo: REPO, number: pr.number, login: "dave" });
    fake.reopenPullRequest({ repo: REPO, number: pr.number, login: "dave" });
    fake.mergePullRequest({ repo: REPO, number: pr.number, login: "alice" });
    expect(fake.webhookDeliveries.slice(from).some((d) => d.status === null)).toBe(true); // sent after the change returned
    await fake.settled();

    const deliveries = fake.webhookDeliveries.slice(from);
    expect(deliveries.map((d) => `${d.event}.${d.action}`)).toEqual([
      "issues.opened",
      "issues.labeled",
      "issues.edited",
      "issues.unlabeled",
      "issues.closed",
      "issue_comment.created",
      "issue_comment.edited",
      "issue_comment.deleted",
      "issues.reopened",
      "issues.edited",
      "issues.labeled",
      "issues.unlabeled",
      "issues.closed",
      "issues.opened",
      "issues.labeled",
      "issue_comment.created",
      "issue_comment.edited",
      "issue_comment.deleted",
      "pull_request.opened",
      "pull_request.edited",
      "pull_request.closed",
      "pull_request.reopened",
      "pull_request.closed",
    ]);
    expect(deliveries.every((d) => d.status === 202 && d.error === null)).toBe(true);
    expect(receiver.received).toHaveLength(deliveries.length);

    const problems: string[] = [];
    const payloads = [];
    for (const [i, request] of receiver.received.entries()) {
      const { headers, body } = request;
      const event = String(headers["x-github-event"]);
      const payload = JSON.parse(body) as Record<string, unknown> & { action: string; sender: { login: string } };
      payloads.push(payload);
      const kind = `${event}.${payload.action}`;
      if (request.path !== "/hooks/github") problems.push(`${kind}: sent to ${request.path}`);
      if (!(await verify(SECRET, body, String(headers["x-hub-signature-256"])))) problems.push(`${kind}: X-Hub-Signature-256 does not verify`);
      if (headers["x-hub-signature"] !== `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`) problems.push(`${kind}: X-Hub-Signature is wrong`);
      if (headers["x-github-delivery"] !== deliveries[i].id || !/^[0-9a-f-]{36}$/.test(deliveries[i].id)) problems.push(`${kind}: delivery id`);
      if (!/^\d+$/.test(String(headers["x-github-hook-id"])) || headers["content-type"] !== "application/json" || !String(headers["user-agent"]).startsWith("GitHub-Hookshot/")) {
        problems.push(`${kind}: headers ${JSON.stringify(headers)}`);
      }
      const check = validateGithubPayload(kind, payload);
      if (!check.ok) problems.push(`${kind}: ${check.errors.join("; ")}`);
    }
    expect(problems).toEqual([]);

    expect(payloads.map((p) => p.sender.login)).toEqual([...Array(8).fill("alice"), ...Array(5).fill("dave"), ...Array(5).fill("bob"), ...Array(4).fill("dave"), "alice"]);
    expect(payloads[2]).toMatchObject({ changes: { title: { from: "Webhooks" } }, issue: { title: "Webhooks!" } });
    expect(payloads[1]).toMatchObject({ label: { name: "triage" }, issue: { labels: [{ name: "triage" }] } });
    expect(payloads[6]).toMatchObject({ changes: { body: { from: "API comment" } }, comment: { body: "API comment, edited" } });
    expect(payloads[12]).toMatchObject({ issue: { state: "closed", state_reason: "not_planned" } });
    expect(payloads[19]).toMatchObject({ number: pr.number, changes: { title: { from: "Fix" } } });
    expect(payloads[20]).toMatchObject({ pull_request: { merged: false, state: "closed" } });
    expect(payloads[22]).toMatchObject({ pull_request: { merged: true, merged_by: { login: "alice" } } });
    for (const payload of payloads) expect(payload).not.toHaveProperty("installation");
    for (const payload of payloads.slice(0, 18)) expect(payload).not.toHaveProperty(["issue", "pull_request"]); // issues, not pull requests
  });

  it("records a hook that answers non-2xx, and does not retry it", async () => {
    const other = fake.addRepo({ fullName: "acme/failing", collaborators: ["alice"] });
    fake.addHook({ repo: other.fullName, url: `${receiver.url}/failing`, secret: SECRET });
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
    expect((await post("/_fake/users", { login: "erin", token: "erin-token", scopes: ["repo"] })).status).toBe(201);
    expect((await post("/_fake/repos", { fullName: "erin/notes", collaborators: [] })).status).toBe(201);
    expect((await post("/_fake/hooks", { repo: "erin/notes", url: `${receiver.url}/hooks/erin`, secret: "s" })).status).toBe(201);
    expect((await post("/_fake/repos/erin/notes/issues", { title: "Opened on the web", login: "erin" })).status).toBe(201);
    const comment = await post("/_fake/repos/erin/notes/issues/1/comments", { body: "A person's comment", login: "erin" });
    expect(await comment.json()).toMatchObject({ body: "A person's comment", user: { login: "erin" } });
    expect((await post("/_fake/repos/erin/notes/issues/9/comments", { body: "x", login: "erin" })).status).toBe(400);
    const issues = (await (await fetch(`${fake.url}/_fake/repos/erin/notes/issues`)).json()) as { number: number; comments_list: { body: string }[] }[];
    expect(issues).toMatchObject([{ number: 1, title: "Opened on the web", comments: 1, comments_list: [{ body: "A person's comment" }] }]);
    expect((await client("erin-token").issues.get({ owner: "erin", repo: "notes", issue_number: 1 })).data.title).toBe("Opened on the web");
    expect(fake.requests.length).toBe(before + 1);
    await fake.settled();
  });
});

describe("the fake GitHub's latency", () => {
  it("delays every API answer by latencyMs", async () => {
    const slow = await startFakeGithub({ latencyMs: 60 });
    try {
      slow.addUser({ login: "alice", token: "t" });
      const started = performance.now();
      const answer = await fetch(`${slow.url}/rate_limit`, { headers: { authorization: "token t" } });
      expect(answer.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

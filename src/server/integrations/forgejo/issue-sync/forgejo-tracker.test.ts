import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { inboundRequest } from "../../shared/test-requests";
import { startFakeForgejo, type FakeForgejo } from "../fake/fake-forgejo";
import { forgejo } from "../index";
import { forgejoTracker, SYNC_NOTE_MARKER } from "./tracker";

/**
 * The Forgejo tracker on its own, against the fake through the guarded transport (no app
 * runtime): what each method sends and answers, Test connection's words, labels by id, and how
 * failures read; and the webhook parser fed with the fake's own deliveries, as the receiver gets
 * them. The sync's lifecycle through the runtime is in forgejo-sync*.test.ts.
 */
describe("the Forgejo tracker", () => {
  let fake: FakeForgejo;
  let odd: { url: string; close: () => Promise<void> };
  const REPO = "acme/tracker";

  beforeAll(async () => {
    // Generous: the fake compiles each operation's validators on first use, slow on a busy machine.
    Object.assign(process.env, { WEBHOOK_ALLOWED_TARGETS: "127.0.0.1", ISSUE_SYNC_TIMEOUT_MS: "10000" });
    resetEnvCache();
    fake = await startFakeForgejo();
    fake.addUser({ login: "writer", token: "writer-token" });
    fake.addUser({ login: "reader", token: "reader-token" });
    fake.addUser({ login: "scopeless", token: "scopeless-token", scopes: ["write:issue", "read:repository"] });
    fake.addRepo({ fullName: REPO, collaborators: ["writer", "alice"], readOnly: ["reader"] });
    fake.addRepo({ fullName: "acme/quiet", collaborators: ["writer"], hasIssues: false, archived: true });
    // Answers what no Forgejo does: a web page (baseUrl naming a site) and a redirect.
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith("/moved/")) res.writeHead(301, { location: "https://forge.example.org/" }).end();
      else res.writeHead(200, { "content-type": "text/html" }).end("<html>Welcome</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    odd = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations).toEqual([]);
  });
  afterAll(async () => {
    await fake?.close();
    await odd?.close();
  });
  const tracker = (token = "writer-token", repository = REPO, baseUrl = fake.url) => forgejoTracker({ baseUrl, repository, token });
  const calls = (since: number) => fake.requests.slice(since).map((r) => `${r.method} ${r.operationId}`);

  it("Test connection names the account and what it may do, or explains what is wrong in words to act on", async () => {
    expect(await tracker().testConnection()).toEqual({ account: "writer", target: REPO, canWrite: true, problems: [] });
    expect(await tracker("reader-token").testConnection()).toEqual({ account: "reader", target: REPO, canWrite: false, problems: [expect.stringMatching(/^reader can read acme\/tracker but not write its issues: .*Write access/)] });
    expect(await tracker("writer-token", "acme/quiet").testConnection()).toMatchObject({ canWrite: false, problems: [expect.stringContaining("Issues are turned off"), expect.stringContaining("is archived")] });
    await expect(tracker("scopeless-token").testConnection()).rejects.toMatchObject({
      kind: "forbidden",
      message: "Forgejo refused the token's user (GET /api/v1/user) (403: token does not have at least one of required scope(s): [read:user]). Make a new token with the scopes write:issue, read:repository and read:user and put it in token.",
    });
    await expect(tracker("writer-token", "acme/nowhere").testConnection()).rejects.toMatchObject({ kind: "not_found", message: expect.stringMatching(/^Forgejo does not know repository acme\/nowhere \(404: The target couldn't be found\.\): check baseUrl and repository/) });
    await expect(tracker("revoked").testConnection()).rejects.toMatchObject({ kind: "unauthorized", refused: true, message: expect.stringContaining("(401: user does not exist [uid: 0, name: ])") });
  });

  it("creates an issue with its labels by id, making the missing ones grey and reusing the rest in any case", async () => {
    fake.addLabel({ repo: REPO, name: "Switchboard", color: "#00aabb" });
    const since = fake.requests.length;
    const issue = await tracker().createIssue({ title: "x".repeat(300), body: "Body\n<!-- switchboard:request=0197b0c4-0000-7000-8000-000000000001 -->", labels: ["switchboard", "P1"] });
    expect(calls(since)).toEqual(["GET issueListLabels", "POST issueCreateLabel", "POST issueCreateIssue"]);
    expect(issue).toMatchObject({ id: String(issue.id), key: `${REPO}#${issue.id}`, url: `${fake.url}/${REPO}/issues/${issue.id}`, state: "open", labels: ["Switchboard", "P1"] });
    expect(issue.title).toHaveLength(255);
    expect(issue.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(fake.requests.at(-1)?.body).toMatchObject({ labels: [expect.any(Number), expect.any(Number)] });
    await expect(tracker("reader-token").createIssue({ title: "T", body: "B", labels: ["needs-write"] })).rejects.toMatchObject({
      kind: "forbidden",
      message: expect.stringMatching(/^The label "needs-write" could not be set: acme\/tracker has no such label, and making it failed\. Forgejo refused a new label "needs-write" in acme\/tracker \(403: user should have a permission to write to a repo\)/),
    });
  });

  it("updates labels first (by id) and then title, body and state in one edit; a labels-only change reads the issue back", async () => {
    const made = await tracker().createIssue({ title: "Update me", body: "B", labels: [] });
    let since = fake.requests.length;
    const closed = await tracker().updateIssue(made.id, { title: "Updated", state: "closed", labels: ["P0"], closeReason: "not_planned" });
    expect(calls(since)).toEqual(["GET issueListLabels", "POST issueCreateLabel", "PUT issueReplaceLabels", "PATCH issueEditIssue"]);
    expect(closed).toMatchObject({ title: "Updated", state: "closed", labels: ["P0"] });
    since = fake.requests.length;
    expect(await tracker().updateIssue(made.id, { labels: [] })).toMatchObject({ labels: [] });
    expect(calls(since)).toEqual(["PUT issueReplaceLabels", "GET issueGetIssue"]);
    await fake.settled();
  });

  it("finds a lost create by its marker among the newest issues, never a pull request; links only issues", async () => {
    const marker = "<!-- switchboard:request=0197b0c4-0000-7000-8000-00000000beef -->";
    fake.openPullRequest({ repo: REPO, title: "Carries it too", body: marker, head: "x", user: "alice" });
    expect(await tracker().findIssueByMarker(marker)).toBeNull();
    const made = await tracker().createIssue({ title: "Marked", body: `Notes\n${marker}`, labels: [] });
    expect(await tracker().findIssueByMarker(marker)).toEqual(made);
    const pr = fake.issues(REPO).find((i) => i.pull)!;
    await expect(tracker().getIssue(String(pr.number))).rejects.toMatchObject({ kind: "not_found", message: `${REPO}#${pr.number} is a pull request on Forgejo, not an issue: link an issue instead.` });
    await expect(tracker().getIssue("9999")).rejects.toMatchObject({ kind: "not_found", details: { status: 404 } });
    expect((await tracker().getIssue(made.id)).title).toBe("Marked");
  });

  it("marks the sync's own notes, so their webhooks are not taken back in; keeps the core's markers as they are", async () => {
    const made = await tracker().createIssue({ title: "Notes", body: "B", labels: [] });
    const note = await tracker().addComment(made.id, "Closed in Switchboard.");
    const copy = await tracker().addComment(made.id, "**A** wrote:\n\nHi\n\n<!-- switchboard:comment=0197b0c4-0000-7000-8000-000000000002 -->");
    expect(fake.comments(REPO, Number(made.id)).map((c) => c.body)).toEqual([`Closed in Switchboard.\n\n${SYNC_NOTE_MARKER}`, expect.stringMatching(/-->$/)]);
    expect(note.url).toBe(`${fake.url}/${REPO}/issues/${made.id}#issuecomment-${note.id}`);
    expect(copy.id).not.toBe(note.id);
    await fake.settled();
  });

  it("reads failures as the sync's verdicts: a proxy's 429, a 5xx, a hang, a blocked address, a web page, a redirect", async () => {
    fake.fault({ status: 429, retryAfter: "30" });
    await expect(tracker().getIssue("1")).rejects.toMatchObject({ kind: "rate_limited", retryable: true, details: { status: 429, retryAfterMs: 30_000 } });
    fake.fault({ status: 502 });
    await expect(tracker().getIssue("1")).rejects.toMatchObject({ kind: "unavailable", retryable: true, details: { status: 502 } });
    fake.fault({ hang: true });
    process.env.ISSUE_SYNC_TIMEOUT_MS = "500";
    resetEnvCache();
    try {
      await expect(tracker().getIssue("1")).rejects.toMatchObject({ kind: "network", retryable: true, message: expect.stringContaining("Forgejo did not answer (issue #1 of acme/tracker)") });
    } finally {
      process.env.ISSUE_SYNC_TIMEOUT_MS = "10000";
      resetEnvCache();
    }
    await expect(tracker("t", REPO, "https://10.20.30.40").getIssue("1")).rejects.toMatchObject({ kind: "blocked", retryable: false });
    await expect(tracker("t", REPO, odd.url).getIssue("1")).rejects.toMatchObject({ kind: "bad_answer", message: expect.stringContaining("is baseUrl the Forgejo instance's address?") });
    await expect(tracker("t", REPO, `${odd.url}/moved`).getIssue("1")).rejects.toMatchObject({ kind: "validation", message: expect.stringContaining("with a redirect (301 to https://forge.example.org/)") });
  });
});

describe("Forgejo's webhooks in the sync's terms", () => {
  let fake: FakeForgejo;
  const REPO = "acme/hooks";

  beforeAll(async () => {
    fake = await startFakeForgejo();
    fake.addRepo({ fullName: REPO, collaborators: ["alice"] });
    // Deliveries are recorded whether or not the hook answers; nothing listens here.
    fake.addHook({ repo: REPO, url: "http://127.0.0.1:9/", secret: "hook-secret-0123456789" });
  });
  afterAll(async () => {
    await fake?.close();
  });

  /** What the receiver would hand the sync for each delivery since `since`. */
  function pulled(since: number) {
    return fake.webhookDeliveries.slice(since).map((d) => {
      const payload = JSON.parse(d.body) as unknown;
      const { eventType } = forgejo.inbound.envelope(inboundRequest(d.body, d.headers), payload);
      return { eventType, change: forgejo.issueSync.pull({ eventType, payload }) };
    });
  }

  it("issues: opened, edited, labels (one label_updated with the labels after it), closed; deleted comments; pull requests", async () => {
    const since = fake.webhookDeliveries.length;
    const issue = fake.userOpensIssue({ repo: REPO, title: "Hooked", body: "B", labels: ["P1"], login: "alice" });
    fake.userLabelsIssue({ repo: REPO, number: issue.number, login: "alice", add: ["P0"], remove: ["P1"] });
    fake.userClosesIssue({ repo: REPO, number: issue.number, login: "alice" });
    const comment = fake.userComments({ repo: REPO, number: issue.number, login: "alice", body: "Hi" });
    fake.userDeletesComment({ repo: REPO, id: comment.id, login: "alice" });
    fake.userComments({ repo: REPO, number: issue.number, login: "alice", body: `Closed in Switchboard.\n\n${SYNC_NOTE_MARKER}` });
    const pr = fake.openPullRequest({ repo: REPO, title: "Fix", body: `Closes #${issue.number}`, head: "fix/hooked", user: "alice" });
    fake.userComments({ repo: REPO, number: pr.number, login: "alice", body: "On the PR" });
    fake.userLabelsIssue({ repo: REPO, number: pr.number, login: "alice", add: ["P0"] });
    fake.mergePullRequest({ repo: REPO, number: pr.number, login: "alice" });

    const key = `${REPO}#${issue.number}`;
    expect(pulled(since)).toEqual([
      { eventType: "issues.opened", change: { kind: "issue", action: "opened", actor: "alice", issue: expect.objectContaining({ id: String(issue.number), key, labels: ["P1"], state: "open" }) } },
      { eventType: "issues.label_updated", change: { kind: "issue", action: "labeled", actor: "alice", issue: expect.objectContaining({ labels: ["P0"] }) } },
      { eventType: "issues.closed", change: { kind: "issue", action: "closed", actor: "alice", issue: expect.objectContaining({ state: "closed" }) } },
      { eventType: "issue_comment.created", change: { kind: "comment", action: "created", issueId: String(issue.number), actor: "alice", comment: { id: String(comment.id), body: "Hi", author: "alice", url: expect.stringContaining(`#issuecomment-${comment.id}`) } } },
      { eventType: "issue_comment.deleted", change: expect.objectContaining({ kind: "comment", action: "deleted" }) },
      // The sync's own note, and everything on the pull request that is not its course, mean nothing to the sync.
      { eventType: "issue_comment.created", change: null },
      { eventType: "pull_request.opened", change: { kind: "pull_request", action: "opened", actor: "alice", pullRequest: { id: String(pr.number), key: `${REPO}#${pr.number}`, url: `${fake.url}/${REPO}/pulls/${pr.number}`, title: "Fix", body: `Closes #${issue.number}`, branch: "fix/hooked", state: "open" } } },
      { eventType: "issue_comment.created", change: null },
      { eventType: "pull_request.label_updated", change: null },
      { eventType: "pull_request.closed", change: expect.objectContaining({ kind: "pull_request", action: "closed", pullRequest: expect.objectContaining({ state: "merged" }) }) },
    ]);
    // Forgejo's `issues` payload for a pull request's issue, were one sent, is not an issue's; label_cleared is unlabeled.
    const asIssue = { action: "edited", issue: { number: 3, title: "PR", pull_request: { merged: false } }, repository: { full_name: REPO }, sender: { login: "a" } };
    expect(forgejo.issueSync.pull({ eventType: "issues.edited", payload: asIssue })).toBeNull();
    const cleared = { action: "label_cleared", issue: { number: 3, title: "T", labels: [], state: "open", updated_at: "2026-01-02T03:04:05+02:00" }, repository: { full_name: REPO }, sender: { login: "a" } };
    expect(forgejo.issueSync.pull({ eventType: "issues.label_cleared", payload: cleared })).toMatchObject({ action: "unlabeled", issue: { labels: [], updatedAt: "2026-01-02T01:04:05.000Z" } });
    expect(forgejo.issueSync.pull({ eventType: "issues.assigned", payload: cleared })).toBeNull();
  });

  it("names an issue from what a person pastes for Link existing issue", () => {
    const idOf = forgejo.issueSync.issueIdOf;
    expect(["12", "#12", " acme/hooks#12 ", "https://codeberg.org/acme/hooks/issues/12", "https://codeberg.org/acme/hooks/issues/12#issuecomment-5"].map(idOf)).toEqual(["12", "12", "12", "12", "12"]);
    expect(["", "twelve", "https://codeberg.org/acme/hooks/pulls/12", "OPS-12"].map(idOf)).toEqual([null, null, null, null]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { addComment, edit, expectNoViolations, issueSyncPolls, linkOf, newRequest, startIssueSyncRuntime, stopIssueSyncRuntime } from "../../../../../test/issue-sync-harness";
import { startFakeGithub, type FakeGithub } from "../fake/fake-github";
import { createIssueFromAlert } from "@/server/issue-sync/from-records";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";

/**
 * Two-way GitHub issue sync end to end: the app's runtime (the real Inngest functions on the
 * embedded executor, the outbox relay, the inbound receiver) against the stateful GitHub fake,
 * whose contract gate must see no request the real API would refuse and whose webhooks come
 * back signed to the integration's inbound URL. Each scenario has its own dataspace and repository.
 */
describe("GitHub issue sync", () => {
  let runtime: AppRuntime;
  let fake: FakeGithub;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeGithub, { ISSUE_SYNC_TIMEOUT_MS: "5000" }));
  });
  afterEach(() => expectNoViolations(fake, "requests the real GitHub API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(issueSync: Record<string, unknown> = {}) {
    const ctx = await integrationTenant();
    const repo = `acme/app-${++n}-${Date.now()}`;
    const login = `bot-${n}-${Date.now()}`;
    const token = `ghp_${login}`;
    fake.addUser({ login, token, scopes: ["repo"] });
    fake.addRepo({ fullName: repo, collaborators: [login, "alice"] });
    const webhookSecret = `whsec-${repo}-0123456789`;
    const seeded = await seedIntegration(ctx, {
      type: "GITHUB",
      name: `GitHub ${repo}`,
      config: { repository: repo, webhookSecret, token, apiUrl: fake.url, issueSync: { direction: "both", priorityLabels: { urgent: "P0", high: "P1" }, ...issueSync } },
    });
    fake.addHook({ repo, url: `${runtime.url}${seeded.path}`, secret: webhookSecret });
    return { ctx, repo, login, integrationId: seeded.id };
  }

  const { syncedLink, settled } = issueSyncPolls(() => fake, 20_000);
  const writes = (repo: string) => fake.requests.filter((r) => r.method !== "GET" && r.path.includes(`/repos/${repo}/`));

  it("a new request becomes an issue; edits, priority, closing and comments follow it, and the webhooks GitHub sends back change nothing", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Checkout is slow", notes: "p95 went from 300 ms to 2 s.", priority: "high" });
    const link = await syncedLink(request.id);
    const issue = fake.issue(repo, Number(link.externalId));
    expect(issue).toMatchObject({ title: "Checkout is slow", state: "open" });
    expect(issue.body).toContain("p95 went from 300 ms to 2 s.");
    expect(issue.body).toContain(`/requests/${request.id}`);
    expect([...issue.labels].sort()).toEqual(["P1", "switchboard"]);
    expect(link).toMatchObject({ externalKey: `${repo}#${issue.number}`, url: expect.stringContaining(`/${repo}/issues/${issue.number}`) });

    await edit(ctx, request.id, { title: "Checkout is slow in EU", priority: "urgent" });
    await expect.poll(() => fake.issue(repo, issue.number).title, { timeout: 20_000 }).toBe("Checkout is slow in EU");
    await expect.poll(() => [...fake.issue(repo, issue.number).labels].sort(), { timeout: 20_000 }).toEqual(["P0", "switchboard"]);

    await addComment(ctx, request.id, "Rolled back the cache change.");
    await expect.poll(() => fake.comments(repo, issue.number).map((c) => c.body), { timeout: 20_000 }).toEqual([expect.stringContaining("Rolled back the cache change.")]);

    await edit(ctx, request.id, { status: "closed" });
    await expect.poll(() => fake.issue(repo, issue.number).state, { timeout: 20_000 }).toBe("closed");
    expect(fake.comments(repo, issue.number).map((c) => c.body)).toEqual([expect.stringContaining("Rolled back"), expect.stringContaining("Closed in Switchboard")]);
    await settled(ctx.dataspace.id);

    // GitHub's own webhooks about the sync's changes came back and were processed: nothing loops.
    const before = writes(repo).length;
    const comments = await db.requestComment.count({ where: { requestId: request.id } });
    await settled(ctx.dataspace.id);
    expect(writes(repo).length).toBe(before);
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(comments);
    expect(comments).toBe(1); // the member's own: neither its copy on GitHub nor the closing note came back
    expect(await db.request.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ title: "Checkout is slow in EU", status: "closed", priority: "urgent" });
  });

  it("changes made on GitHub come back: title, body, closing and reopening, priority labels, and comments created, edited and deleted", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Flaky login test", notes: "Fails one run in ten." });
    const link = await syncedLink(request.id);
    const number = Number(link.externalId);
    await settled(ctx.dataspace.id);
    const pushesBefore = writes(repo).length;

    const body = fake.issue(repo, number).body!.replace("Fails one run in ten.", "Fails one run in five since Tuesday.");
    fake.userEditsIssue({ repo, number, login: "alice", title: "Flaky login test (Safari)", body });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).title, { timeout: 20_000 }).toBe("Flaky login test (Safari)");
    expect((await db.request.findUniqueOrThrow({ where: { id: request.id } })).notes).toBe("Fails one run in five since Tuesday.");

    fake.userLabelsIssue({ repo, number, login: "alice", add: ["P0"] });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).priority, { timeout: 20_000 }).toBe("urgent");

    fake.userClosesIssue({ repo, number, login: "alice" });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).status, { timeout: 20_000 }).toBe("closed");
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a person reopens later than the sync's own close (GitHub's times are whole seconds)
    fake.userReopensIssue({ repo, number, login: "alice" });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).status, { timeout: 20_000 }).toBe("open");

    const comment = fake.userComments({ repo, number, login: "alice", body: "Only on Safari 17, it seems." });
    await expect
      .poll(() => db.requestComment.findMany({ where: { requestId: request.id }, select: { text: true, source: true, externalAuthor: true, userId: true } }), { timeout: 20_000 })
      .toEqual([{ text: "Only on Safari 17, it seems.", source: "github", externalAuthor: "alice", userId: null }]);
    fake.userEditsComment({ repo, id: comment.id, login: "alice", body: "Only on Safari 17 and 18." });
    await expect.poll(async () => (await db.requestComment.findFirst({ where: { requestId: request.id } }))?.text, { timeout: 20_000 }).toBe("Only on Safari 17 and 18.");
    fake.userDeletesComment({ repo, id: comment.id, login: "alice" });
    await expect.poll(() => db.requestComment.count({ where: { requestId: request.id } }), { timeout: 20_000 }).toBe(0);

    // None of it was pushed back to GitHub (the pulled comment is not re-posted either).
    await settled(ctx.dataspace.id);
    expect(writes(repo).slice(pushesBefore).map((r) => `${r.operationId} ${JSON.stringify(r.body)}`)).toEqual([]);
  });

  it("a pull request naming the request's issue is noted on the request, and merging it closes the request (close_on_merge)", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await setup({ pullRequests: "close_on_merge" });
    const request = await newRequest(ctx, { title: "Retry payments on timeout" });
    const link = await syncedLink(request.id);
    const pr = fake.openPullRequest({ repo, title: "Retry payment calls", body: `Fixes #${link.externalId}`, head: "fix/payments-retry", user: "alice" });
    await expect.poll(() => db.pullRequestLink.findMany({ where: { requestId: request.id }, select: { externalKey: true, state: true } }), { timeout: 20_000 }).toEqual([
      { externalKey: `${repo}#${pr.number}`, state: "open" },
    ]);
    fake.mergePullRequest({ repo, number: pr.number, login: "alice" });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).status, { timeout: 20_000 }).toBe("closed");
    const notes = await db.requestComment.findMany({ where: { requestId: request.id }, orderBy: { createdAt: "asc" }, select: { text: true, source: true } });
    expect(notes.map((c) => c.text.split("\n")[0])).toEqual([`Pull request ${repo}#${pr.number} opened by alice: Retry payment calls`, `Pull request ${repo}#${pr.number} merged by alice: Retry payment calls`]);
    expect(notes.every((c) => c.source === "github")).toBe(true);
    // The request's closing went back to its issue.
    await expect.poll(() => fake.issue(repo, Number(link.externalId)).state, { timeout: 20_000 }).toBe("closed");
  });

  it("an issue opened on GitHub with the intake label becomes a linked request, and is not pushed back as a second issue", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await setup({ createFromLabel: "switchboard-intake" });
    const issue = fake.userOpensIssue({ repo, title: "Export to CSV times out", body: "Since the 4.2 upgrade.", labels: ["switchboard-intake", "P1"], login: "alice" });
    await expect.poll(() => db.request.findMany({ where: { dataspaceId: ctx.dataspace.id }, select: { title: true, priority: true, notes: true } }), { timeout: 20_000 }).toEqual([
      { title: "Export to CSV times out", priority: "high", notes: expect.stringContaining("Since the 4.2 upgrade.") },
    ]);
    await settled(ctx.dataspace.id);
    expect(fake.issues(repo)).toHaveLength(1);
    const link = await db.issueLink.findFirstOrThrow({ where: { integration: { dataspaceId: ctx.dataspace.id } } });
    expect(link).toMatchObject({ externalId: String(issue.number), state: "SYNCED" });
  });

  it("concurrent edits of one field: the later one wins, on both sides", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Original title" });
    const number = Number((await syncedLink(request.id)).externalId);
    await settled(ctx.dataspace.id);

    // GitHub first, then Switchboard, while neither side has heard of the other's change.
    await runtime.pauseRelay();
    fake.userEditsIssue({ repo, number, login: "alice", title: "Edited on GitHub first" });
    await fake.settled();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // GitHub's times are whole seconds
    await edit(ctx, request.id, { title: "Edited in Switchboard later" });
    runtime.resumeRelay();
    await expect.poll(() => fake.issue(repo, number).title, { timeout: 20_000 }).toBe("Edited in Switchboard later");
    await settled(ctx.dataspace.id);
    expect((await db.request.findUniqueOrThrow({ where: { id: request.id } })).title).toBe("Edited in Switchboard later");

    // Switchboard first, then GitHub.
    await runtime.pauseRelay();
    await edit(ctx, request.id, { title: "Edited in Switchboard first" });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // GitHub's times are whole seconds
    fake.userEditsIssue({ repo, number, login: "alice", title: "Edited on GitHub later" });
    await fake.settled();
    runtime.resumeRelay();
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).title, { timeout: 20_000 }).toBe("Edited on GitHub later");
    await settled(ctx.dataspace.id);
    expect(fake.issue(repo, number).title).toBe("Edited on GitHub later");
  });

  it("a private request gets no issue unless a person links it; linked-only integrations wait to be asked", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await setup();
    const hidden = await newRequest(ctx, { title: "Salary review", isPrivate: true });
    await settled(ctx.dataspace.id);
    expect(await linkOf(hidden.id)).toBeNull();
    expect(fake.issues(repo)).toHaveLength(0);

    const manual = await setup({ requests: "linked" });
    const quiet = await newRequest(manual.ctx, { title: "Only when asked" });
    await settled(manual.ctx.dataspace.id);
    expect(await linkOf(quiet.id)).toBeNull();
    expect(fake.issues(manual.repo)).toHaveLength(0);
  });

  it("\"Create GitHub issue from alert\": the alert gets a request and the request its issue", { timeout: 40_000 }, async () => {
    const { ctx, repo, integrationId } = await setup({ requests: "linked" });
    const { alert } = await raiseAlert(ctx, raiseAlertInput.parse({ title: "Disk full on db-2", fingerprint: "db-2-disk", severity: "critical" }));
    const { requestId } = await createIssueFromAlert(ctx, { id: alert.id, integrationId });
    const link = await syncedLink(requestId);
    expect(fake.issue(repo, Number(link.externalId))).toMatchObject({ title: "Disk full on db-2", labels: expect.arrayContaining(["P0"]) });
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).requestId).toBe(requestId);
    // A second click finds the same request and link: no second issue.
    expect((await createIssueFromAlert(ctx, { id: alert.id, integrationId })).requestId).toBe(requestId);
    await settled(ctx.dataspace.id);
    expect(fake.issues(repo)).toHaveLength(1);
  });
});

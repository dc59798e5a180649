import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { addComment, edit, expectNoViolations, issueSyncPolls, newRequest, requestOf, startIssueSyncRuntime, stopIssueSyncRuntime } from "../../../../../test/issue-sync-harness";
import { startFakeForgejo, type FakeForgejo } from "../fake/fake-forgejo";

/**
 * Two-way Forgejo issue sync end to end: the app's runtime (the real Inngest functions on the
 * embedded executor, the outbox relay, the inbound receiver) against the stateful Forgejo fake,
 * whose contract gate must see no request the real API would refuse and whose webhooks come back
 * signed to the integration's inbound URL. Each scenario has its own dataspace and repository.
 */
describe("Forgejo issue sync", () => {
  let runtime: AppRuntime;
  let fake: FakeForgejo;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeForgejo, { ISSUE_SYNC_TIMEOUT_MS: "2000" }));
  });
  afterEach(() => expectNoViolations(fake, "requests the real Forgejo API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(issueSync: Record<string, unknown> = {}) {
    const ctx = await integrationTenant();
    const repo = `acme/app-${++n}-${Date.now()}`;
    const login = `bot-${n}-${Date.now()}`;
    const token = `fjtoken-${login}`;
    fake.addUser({ login, token });
    fake.addRepo({ fullName: repo, collaborators: [login, "alice"] });
    const webhookSecret = `whsec-${repo}-0123456789`;
    const seeded = await seedIntegration(ctx, {
      type: "FORGEJO",
      name: `Forgejo ${repo}`,
      config: { baseUrl: fake.url, repository: repo, webhookSecret, token, issueSync: { direction: "both", priorityLabels: { urgent: "P0", high: "P1" }, ...issueSync } },
    });
    fake.addHook({ repo, url: `${runtime.url}${seeded.path}`, secret: webhookSecret });
    return { ctx, repo, login, integrationId: seeded.id };
  }

  const { syncedLink, settled } = issueSyncPolls(() => fake, 10_000);
  const writes = (repo: string) => fake.requests.filter((r) => r.method !== "GET" && r.path.includes(`/repos/${repo}/`));

  it("a new request becomes an issue, labels made and set by id; edits, priority, closing and comments follow it, and Forgejo's webhooks change nothing", { timeout: 60_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Checkout is slow", notes: "p95 went from 300 ms to 2 s.", priority: "high" });
    const link = await syncedLink(request.id);
    const issue = fake.issue(repo, Number(link.externalId));
    expect(issue).toMatchObject({ title: "Checkout is slow", state: "open" });
    expect(issue.body).toContain("p95 went from 300 ms to 2 s.");
    expect(issue.body).toContain(`<!-- switchboard:request=${request.id} -->`);
    expect(fake.labels(repo, issue.number).sort()).toEqual(["P1", "switchboard"]);
    expect(link).toMatchObject({ externalKey: `${repo}#${issue.number}`, url: `${fake.url}/${repo}/issues/${issue.number}` });

    await edit(ctx, request.id, { title: "Checkout is slow in EU", priority: "urgent" });
    await expect.poll(() => fake.issue(repo, issue.number).title, { timeout: 10_000 }).toBe("Checkout is slow in EU");
    await expect.poll(() => fake.labels(repo, issue.number).sort(), { timeout: 10_000 }).toEqual(["P0", "switchboard"]);

    await addComment(ctx, request.id, "Rolled back the cache change.");
    await expect.poll(() => fake.comments(repo, issue.number).map((c) => c.body), { timeout: 10_000 }).toEqual([expect.stringContaining("Rolled back the cache change.")]);

    await edit(ctx, request.id, { status: "closed" });
    await expect.poll(() => fake.issue(repo, issue.number).state, { timeout: 10_000 }).toBe("closed");
    expect(fake.comments(repo, issue.number).map((c) => c.body)).toEqual([expect.stringContaining("Rolled back"), expect.stringContaining("Closed in Switchboard")]);
    await settled(ctx.dataspace.id);

    // Forgejo's own webhooks about the sync's changes came back and were processed: nothing loops.
    const before = writes(repo).length;
    const comments = await db.requestComment.count({ where: { requestId: request.id } });
    await settled(ctx.dataspace.id);
    expect(writes(repo).length).toBe(before);
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(comments);
    // The sync's own comments came back as webhooks too, and were known as its own.
    expect((await db.requestComment.findMany({ where: { requestId: request.id } })).map((c) => c.text)).toEqual(["Rolled back the cache change."]);
    expect(await requestOf(request.id)).toMatchObject({ title: "Checkout is slow in EU", status: "closed", priority: "urgent" });
    // The labels were made once each, grey, and reused.
    expect(fake.requests.filter((r) => r.operationId === "issueCreateLabel" && r.path.includes(repo)).map((r) => r.body)).toEqual([
      { name: "switchboard", color: "#ededed" },
      { name: "P1", color: "#ededed" },
      { name: "P0", color: "#ededed" },
    ]);
  });

  it("changes made on Forgejo come back: title, body, closing and reopening, priority labels, and comments created, edited and deleted", { timeout: 60_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Flaky login test", notes: "Fails one run in ten." });
    const link = await syncedLink(request.id);
    const number = Number(link.externalId);
    await settled(ctx.dataspace.id);
    const pushesBefore = writes(repo).length;

    // One edit of both is two webhooks on Forgejo (title, then body).
    const body = fake.issue(repo, number).body.replace("Fails one run in ten.", "Fails one run in five since Tuesday.");
    fake.userEditsIssue({ repo, number, login: "alice", title: "Flaky login test (Safari)", body });
    await expect.poll(async () => (await requestOf(request.id)).notes, { timeout: 10_000 }).toBe("Fails one run in five since Tuesday.");
    expect((await requestOf(request.id)).title).toBe("Flaky login test (Safari)");

    fake.userLabelsIssue({ repo, number, login: "alice", add: ["P0"] });
    await expect.poll(async () => (await requestOf(request.id)).priority, { timeout: 10_000 }).toBe("urgent");

    fake.userClosesIssue({ repo, number, login: "alice" });
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 10_000 }).toBe("closed");
    // Back to the state it had a moment ago: within the same second of Forgejo's clock the sync
    // takes that for a late echo of its own (render.ts, echoedFields); a person reopens later than that.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fake.userReopensIssue({ repo, number, login: "alice" });
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 10_000 }).toBe("open");

    const comment = fake.userComments({ repo, number, login: "alice", body: "Only on Safari 17, it seems." });
    await expect
      .poll(() => db.requestComment.findMany({ where: { requestId: request.id }, select: { text: true, source: true, externalAuthor: true, userId: true } }), { timeout: 10_000 })
      .toEqual([{ text: "Only on Safari 17, it seems.", source: "forgejo", externalAuthor: "alice", userId: null }]);
    fake.userEditsComment({ repo, id: comment.id, login: "alice", body: "Only on Safari 17 and 18." });
    await expect.poll(async () => (await db.requestComment.findFirst({ where: { requestId: request.id } }))?.text, { timeout: 10_000 }).toBe("Only on Safari 17 and 18.");
    fake.userDeletesComment({ repo, id: comment.id, login: "alice" });
    await expect.poll(() => db.requestComment.count({ where: { requestId: request.id } }), { timeout: 10_000 }).toBe(0);

    // None of it was pushed back to Forgejo (the pulled comment is not re-posted either).
    await settled(ctx.dataspace.id);
    expect(writes(repo).slice(pushesBefore)).toEqual([]);
  });

  it("a pull request naming the issue is noted on the request and, merged, closes it; its comments are not the issue's", { timeout: 60_000 }, async () => {
    const { ctx, repo } = await setup({ pullRequests: "close_on_merge" });
    const request = await newRequest(ctx, { title: "Typo on the pricing page", notes: "" });
    const number = Number((await syncedLink(request.id)).externalId);
    await settled(ctx.dataspace.id);

    const pr = fake.openPullRequest({ repo, title: "Fix the pricing typo", body: `Closes #${number}`, head: "fix-typo", user: "alice" });
    fake.userComments({ repo, number: pr.number, login: "alice", body: "Ready for review" });
    await expect.poll(() => db.pullRequestLink.findMany({ where: { requestId: request.id }, select: { externalKey: true, state: true } }), { timeout: 10_000 }).toEqual([
      { externalKey: `${repo}#${pr.number}`, state: "open" },
    ]);
    fake.mergePullRequest({ repo, number: pr.number, login: "alice" });
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 10_000 }).toBe("closed");
    await settled(ctx.dataspace.id);
    const texts = (await db.requestComment.findMany({ where: { requestId: request.id }, orderBy: { createdAt: "asc" } })).map((c) => c.text);
    expect(texts).toEqual([expect.stringMatching(new RegExp(`^Pull request ${repo}#${pr.number} opened by alice`)), expect.stringMatching(/ merged by alice/)]);
    // The request closed through the merge: its issue on Forgejo is closed too (with the sync's note, not taken back in).
    await expect.poll(() => fake.issue(repo, number).state, { timeout: 10_000 }).toBe("closed");
  });

  it("an issue opened on Forgejo with the intake label becomes a linked request, and is not pushed back as a second issue", { timeout: 60_000 }, async () => {
    const { ctx, repo } = await setup({ createFromLabel: "switchboard-intake" });
    const issue = fake.userOpensIssue({ repo, title: "Export to CSV times out", body: "Since the 4.2 upgrade.", labels: ["switchboard-intake", "P1"], login: "alice" });
    await expect.poll(() => db.request.findMany({ where: { dataspaceId: ctx.dataspace.id }, select: { title: true, priority: true, notes: true } }), { timeout: 10_000 }).toEqual([
      { title: "Export to CSV times out", priority: "high", notes: expect.stringContaining("Since the 4.2 upgrade.") },
    ]);
    await settled(ctx.dataspace.id);
    expect(fake.issues(repo)).toHaveLength(1);
    const link = await db.issueLink.findFirstOrThrow({ where: { integration: { dataspaceId: ctx.dataspace.id } } });
    expect(link).toMatchObject({ externalId: String(issue.number), externalKey: `${repo}#${issue.number}`, state: "SYNCED" });
  });

  it("concurrent edits of one field: the later one wins, on both sides", { timeout: 60_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Original title" });
    const number = Number((await syncedLink(request.id)).externalId);
    await settled(ctx.dataspace.id);

    // Forgejo first, then Switchboard, while neither side has heard of the other's change.
    await runtime.pauseRelay();
    fake.userEditsIssue({ repo, number, login: "alice", title: "Edited on Forgejo first" });
    await fake.settled();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // Forgejo's times are whole seconds
    await edit(ctx, request.id, { title: "Edited in Switchboard later" });
    runtime.resumeRelay();
    await expect.poll(() => fake.issue(repo, number).title, { timeout: 10_000 }).toBe("Edited in Switchboard later");
    await settled(ctx.dataspace.id);
    expect((await requestOf(request.id)).title).toBe("Edited in Switchboard later");

    // Switchboard first, then Forgejo.
    await runtime.pauseRelay();
    await edit(ctx, request.id, { title: "Edited in Switchboard first" });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fake.userEditsIssue({ repo, number, login: "alice", title: "Edited on Forgejo later" });
    await fake.settled();
    runtime.resumeRelay();
    await expect.poll(async () => (await requestOf(request.id)).title, { timeout: 10_000 }).toBe("Edited on Forgejo later");
    await settled(ctx.dataspace.id);
    expect(fake.issue(repo, number).title).toBe("Edited on Forgejo later");
  });
  it("a person closing the issue while a push changes its labels: the request closes, not only the issue", { timeout: 60_000 }, async () => {
    const { ctx, repo } = await setup();
    const request = await newRequest(ctx, { title: "Search times out", priority: "high" });
    const number = Number((await syncedLink(request.id)).externalId);
    await settled(ctx.dataspace.id);

    // Alice closes the issue just as the push's label change reaches Forgejo: the answer the push
    // reads back shows it closed, before Forgejo's webhook about the close has come in.
    let closed = false;
    fake.fault({
      status: 500,
      match: (r) => {
        if (!closed && r.operationId === "issueReplaceLabels" && r.path.endsWith(`/issues/${number}/labels`)) {
          closed = true;
          fake.userClosesIssue({ repo, number, login: "alice" });
        }
        return false;
      },
    });
    await edit(ctx, request.id, { priority: "urgent" });
    await expect.poll(() => fake.labels(repo, number).sort(), { timeout: 10_000 }).toEqual(["P0", "switchboard"]);
    expect(closed).toBe(true);
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 10_000 }).toBe("closed");
    await settled(ctx.dataspace.id);
    fake.fault(null);
    expect(await requestOf(request.id)).toMatchObject({ status: "closed", priority: "urgent" });
    expect(fake.issue(repo, number).state).toBe("closed");
    // Closed by a person on Forgejo: the sync posts no "Closed in Switchboard" note.
    expect(fake.comments(repo, number)).toEqual([]);
  });
});

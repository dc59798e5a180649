import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { addComment, edit, expectNoViolations, issueSyncPolls, newRequest, requestOf, startIssueSyncRuntime, stopIssueSyncRuntime } from "../../../../../test/issue-sync-harness";
import { startFakeGitlab, type FakeGitlab } from "../fake/fake-gitlab";

/**
 * Two-way GitLab issue sync end to end: the app's runtime (the real Inngest functions on the
 * embedded executor, the outbox relay, the inbound receiver) against the stateful GitLab fake,
 * whose contract gate must see no request the real API would refuse and whose webhooks come back
 * with the integration's secret token to its inbound URL. Each scenario has its own dataspace
 * and project.
 *
 * GitLab's webhooks tell times to the second where its API answers with milliseconds; the sync
 * takes a hook's time as the start of its second (issue-sync/pull.ts), so a person's edit made in
 * the same second as the sync's own last write would read as older. `nextSecond()` keeps the
 * people in these tests out of that second.
 */
describe("GitLab issue sync", () => {
  let runtime: AppRuntime;
  let fake: FakeGitlab;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeGitlab, { ISSUE_SYNC_TIMEOUT_MS: "2000" }));
  });
  afterEach(() => expectNoViolations(fake, "requests the real GitLab API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(issueSync: Record<string, unknown> = {}) {
    const ctx = await integrationTenant();
    const project = `acme/app-${++n}-${Date.now()}`;
    const username = `bot-${n}-${Date.now()}`;
    const token = `glpat-${username}`;
    fake.addUser({ username, token });
    fake.addProject({ path: project, members: { [username]: "reporter", alice: "developer" } });
    const webhookToken = `gl-hook-${project.replace("/", "-")}`;
    const seeded = await seedIntegration(ctx, {
      type: "GITLAB",
      name: `GitLab ${project}`,
      config: { baseUrl: fake.url, projectId: project, webhookToken, token, issueSync: { direction: "both", priorityLabels: { urgent: "P0", high: "P1" }, ...issueSync } },
    });
    fake.addHook({ project, url: `${runtime.url}${seeded.path}`, token: webhookToken });
    return { ctx, project, username, integrationId: seeded.id };
  }

  const { syncedLink, settled } = issueSyncPolls(() => fake, 15_000);
  const writes = (project: string) => fake.requests.filter((r) => r.method !== "GET" && r.path.includes(`/projects/${encodeURIComponent(project)}/`));
  const nextSecond = () => sleep(1_005 - (Date.now() % 1_000));

  it("a new request becomes an issue; edits, priority, closing and comments follow it, and GitLab's webhooks back change nothing", { timeout: 60_000 }, async () => {
    const { ctx, project } = await setup();
    const request = await newRequest(ctx, { title: "Checkout is slow", notes: "p95 went from 300 ms to 2 s.", priority: "high" });
    const link = await syncedLink(request.id);
    const iid = Number(link.externalId);
    const issue = fake.issue(project, iid);
    expect(issue).toMatchObject({ title: "Checkout is slow", state: "opened" });
    expect(issue.description).toContain("p95 went from 300 ms to 2 s.");
    expect(issue.description).toContain(`/requests/${request.id}`);
    expect(issue.description).toContain(`<!-- switchboard:request=${request.id} -->`);
    expect([...issue.labels].sort()).toEqual(["P1", "switchboard"]);
    expect(link).toMatchObject({ externalKey: `${project}#${iid}`, url: `${fake.url}/${project}/-/issues/${iid}` });

    await edit(ctx, request.id, { title: "Checkout is slow in EU", priority: "urgent" });
    await expect.poll(() => fake.issue(project, iid).title, { timeout: 15_000 }).toBe("Checkout is slow in EU");
    await expect.poll(() => [...fake.issue(project, iid).labels].sort(), { timeout: 15_000 }).toEqual(["P0", "switchboard"]);

    await addComment(ctx, request.id, "Rolled back the cache change.");
    await expect.poll(() => fake.notes(project, iid).map((c) => c.body), { timeout: 15_000 }).toEqual([expect.stringContaining("Rolled back the cache change.")]);

    await edit(ctx, request.id, { status: "closed" });
    await expect.poll(() => fake.issue(project, iid).state, { timeout: 15_000 }).toBe("closed");
    expect(fake.notes(project, iid).map((c) => c.body)).toEqual([expect.stringContaining("Rolled back"), expect.stringContaining("Closed in Switchboard")]);
    await settled(ctx.dataspace.id);

    // GitLab's own webhooks about the sync's changes came back and were processed: nothing loops.
    const before = writes(project).length;
    const comments = await db.requestComment.count({ where: { requestId: request.id } });
    await settled(ctx.dataspace.id);
    expect(writes(project).length).toBe(before);
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(comments);
    expect(await requestOf(request.id)).toMatchObject({ title: "Checkout is slow in EU", status: "closed", priority: "urgent" });
    expect(fake.webhookDeliveries.filter((d) => d.url.startsWith(runtime.url)).every((d) => d.status !== null && d.status < 300)).toBe(true);
  });

  it("changes made on GitLab come back: title, description, closing and reopening, priority labels, and comments created and edited", { timeout: 60_000 }, async () => {
    const { ctx, project } = await setup();
    const request = await newRequest(ctx, { title: "Flaky login test", notes: "Fails one run in ten." });
    const iid = Number((await syncedLink(request.id)).externalId);
    await settled(ctx.dataspace.id);
    const pushesBefore = writes(project).length;
    await nextSecond();

    const description = fake.issue(project, iid).description!.replace("Fails one run in ten.", "Fails one run in five since Tuesday.");
    fake.userEditsIssue({ project, iid, username: "alice", title: "Flaky login test (Safari)", description });
    await expect.poll(async () => (await requestOf(request.id)).title, { timeout: 15_000 }).toBe("Flaky login test (Safari)");
    expect((await requestOf(request.id)).notes).toBe("Fails one run in five since Tuesday.");

    fake.userLabelsIssue({ project, iid, username: "alice", add: ["P0"] });
    await expect.poll(async () => (await requestOf(request.id)).priority, { timeout: 15_000 }).toBe("urgent");

    fake.userClosesIssue({ project, iid, username: "alice" });
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 15_000 }).toBe("closed");
    await nextSecond(); // a person reopens later than the close: within one second a return to an earlier state reads as an echo
    fake.userReopensIssue({ project, iid, username: "alice" });
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 15_000 }).toBe("open");

    const note = fake.userComments({ project, iid, username: "alice", body: "Only on Safari 17, it seems." });
    await expect
      .poll(() => db.requestComment.findMany({ where: { requestId: request.id }, select: { text: true, source: true, externalAuthor: true, userId: true, externalUrl: true } }), { timeout: 15_000 })
      .toEqual([{ text: "Only on Safari 17, it seems.", source: "gitlab", externalAuthor: "alice", userId: null, externalUrl: `${fake.url}/${project}/-/issues/${iid}#note_${note.id}` }]);
    fake.userEditsComment({ id: note.id, username: "alice", body: "Only on Safari 17 and 18." });
    await expect.poll(async () => (await db.requestComment.findFirst({ where: { requestId: request.id } }))?.text, { timeout: 15_000 }).toBe("Only on Safari 17 and 18.");
    // GitLab sends no webhook for a deleted note: the request keeps the comment.
    fake.userDeletesComment({ id: note.id, username: "alice" });

    await settled(ctx.dataspace.id);
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(1);
    // None of it was pushed back to GitLab (the pulled comment is not re-posted either).
    expect(writes(project).length).toBe(pushesBefore);
  });

  it("a merge request naming the issue is noted on the request, and merging it closes the request with close_on_merge", { timeout: 60_000 }, async () => {
    const { ctx, project } = await setup({ pullRequests: "close_on_merge" });
    const request = await newRequest(ctx, { title: "Retry payments", notes: "Twice." });
    const iid = Number((await syncedLink(request.id)).externalId);
    // The merge request's own number is 1, as the issue's is: GitLab numbers them apart.
    const mr = fake.openMergeRequest({ project, title: "Retry payments twice", description: `Closes #${iid}`, sourceBranch: "retry-payments", username: "alice" });
    expect(mr.iid).toBe(iid);
    await expect.poll(() => db.pullRequestLink.count({ where: { requestId: request.id } }), { timeout: 15_000 }).toBe(1);
    fake.mergeMergeRequest({ project, iid: mr.iid, username: "alice" });
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 15_000 }).toBe("closed");
    expect(await db.pullRequestLink.findMany({ where: { requestId: request.id }, select: { externalId: true, externalKey: true, state: true } })).toEqual([
      { externalId: `!${mr.iid}`, externalKey: `${project}!${mr.iid}`, state: "merged" },
    ]);
    const notes = await db.requestComment.findMany({ where: { requestId: request.id }, orderBy: { createdAt: "asc" }, select: { text: true, source: true } });
    expect(notes.map((c) => c.text.split("\n")[0])).toEqual([`Pull request ${project}!${mr.iid} opened by alice: Retry payments twice`, `Pull request ${project}!${mr.iid} merged by alice: Retry payments twice`]);
    expect(notes.every((c) => c.source === "gitlab")).toBe(true);
    // The request's closing went back to its issue.
    await expect.poll(() => fake.issue(project, iid).state, { timeout: 15_000 }).toBe("closed");
    await settled(ctx.dataspace.id);
  });

  it("an issue opened on GitLab with the intake label becomes a linked request, and is not pushed back as a second issue", { timeout: 60_000 }, async () => {
    const { ctx, project } = await setup({ createFromLabel: "switchboard-intake" });
    const issue = fake.userOpensIssue({ project, title: "Export to CSV times out", description: "Since the 4.2 upgrade.", labels: ["switchboard-intake", "P1"], username: "alice" });
    await expect.poll(() => db.request.findMany({ where: { dataspaceId: ctx.dataspace.id }, select: { title: true, priority: true, notes: true } }), { timeout: 15_000 }).toEqual([
      { title: "Export to CSV times out", priority: "high", notes: expect.stringContaining("Since the 4.2 upgrade.") },
    ]);
    await settled(ctx.dataspace.id);
    expect(fake.issues(project)).toHaveLength(1);
    const link = await db.issueLink.findFirstOrThrow({ where: { integration: { dataspaceId: ctx.dataspace.id } } });
    expect(link).toMatchObject({ externalId: String(issue.iid), externalKey: `${project}#${issue.iid}`, state: "SYNCED" });
  });
});

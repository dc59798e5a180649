import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createRequest } from "@/server/records/requests/create-request";
import { addCommentInput, createRequestInput, updateRequestInput } from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";
import { startAppRuntime, type AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { startFakeGithub, type FakeGithub } from "../fake/fake-github";

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
    fake = await startFakeGithub();
    runtime = await startAppRuntime({ env: { ISSUE_SYNC_TIMEOUT_MS: "2000" }, maxBackoffMs: 150 });
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations, "requests the real GitHub API would refuse").toEqual([]);
  });
  afterAll(async () => {
    await runtime?.stop();
    await fake?.close();
  });

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

  const newRequest = (ctx: TenantContext, input: Record<string, unknown>) => createRequest(ctx, createRequestInput.parse(input));
  const edit = (ctx: TenantContext, id: string, patch: Record<string, unknown>) => updateRequest(ctx, updateRequestInput.parse({ id, patch }));
  const linkOf = (requestId: string) => db.issueLink.findFirst({ where: { requestId } });
  const syncedLink = async (requestId: string) => {
    await expect.poll(async () => (await linkOf(requestId))?.state, { timeout: 10_000 }).toBe("SYNCED");
    return (await linkOf(requestId))!;
  };
  const settled = async (dataspaceId: string) => {
    await fake.settled();
    await expect
      .poll(async () => {
        const [runs, inbound] = await Promise.all([
          db.runtimeRun.findMany({ where: { dataspaceId }, select: { status: true } }),
          db.webhookEvent.count({ where: { dataspaceId, status: { in: ["RECEIVED", "PROCESSING"] } } }),
        ]);
        return runs.every((r) => r.status === "COMPLETED" || r.status === "FAILED") && inbound === 0;
      }, { timeout: 10_000 })
      .toBe(true);
  };
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
    await expect.poll(() => fake.issue(repo, issue.number).title, { timeout: 10_000 }).toBe("Checkout is slow in EU");
    await expect.poll(() => [...fake.issue(repo, issue.number).labels].sort(), { timeout: 10_000 }).toEqual(["P0", "switchboard"]);

    await addRequestComment(ctx, addCommentInput.parse({ requestId: request.id, text: "Rolled back the cache change." }));
    await expect.poll(() => fake.comments(repo, issue.number).map((c) => c.body), { timeout: 10_000 }).toEqual([expect.stringContaining("Rolled back the cache change.")]);

    await edit(ctx, request.id, { status: "closed" });
    await expect.poll(() => fake.issue(repo, issue.number).state, { timeout: 10_000 }).toBe("closed");
    expect(fake.comments(repo, issue.number).map((c) => c.body)).toEqual([expect.stringContaining("Rolled back"), expect.stringContaining("Closed in Switchboard")]);
    await settled(ctx.dataspace.id);

    // GitHub's own webhooks about the sync's changes came back and were processed: nothing loops.
    const before = writes(repo).length;
    const comments = await db.requestComment.count({ where: { requestId: request.id } });
    await settled(ctx.dataspace.id);
    expect(writes(repo).length).toBe(before);
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(comments);
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
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).title, { timeout: 10_000 }).toBe("Flaky login test (Safari)");
    expect((await db.request.findUniqueOrThrow({ where: { id: request.id } })).notes).toBe("Fails one run in five since Tuesday.");

    fake.userLabelsIssue({ repo, number, login: "alice", add: ["P0"] });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).priority, { timeout: 10_000 }).toBe("urgent");

    fake.userClosesIssue({ repo, number, login: "alice" });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).status, { timeout: 10_000 }).toBe("closed");
    fake.userReopensIssue({ repo, number, login: "alice" });
    await expect.poll(async () => (await db.request.findUniqueOrThrow({ where: { id: request.id } })).status, { timeout: 10_000 }).toBe("open");

    const comment = fake.userComments({ repo, number, login: "alice", body: "Only on Safari 17, it seems." });
    await expect
      .poll(() => db.requestComment.findMany({ where: { requestId: request.id }, select: { text: true, source: true, externalAuthor: true, userId: true } }), { timeout: 10_000 })
      .toEqual([{ text: "Only on Safari 17, it seems.", source: "github", externalAuthor: "alice", userId: null }]);
    fake.userEditsComment({ repo, id: comment.id, login: "alice", body: "Only on Safari 17 and 18." });
    await expect.poll(async () => (await db.requestComment.findFirst({ where: { requestId: request.id } }))?.text, { timeout: 10_000 }).toBe("Only on Safari 17 and 18.");
    fake.userDeletesComment({ repo, id: comment.id, login: "alice" });
    await expect.poll(() => db.requestComment.count({ where: { requestId: request.id } }), { timeout: 10_000 }).toBe(0);

    // None of it was pushed back to GitHub (the pulled comment is not re-posted either).
    await settled(ctx.dataspace.id);
    expect(writes(repo).length).toBe(pushesBefore);
  });
});

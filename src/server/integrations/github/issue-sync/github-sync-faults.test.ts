import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { expectNoViolations, linkOf, newRequest, startIssueSyncRuntime, stopIssueSyncRuntime } from "../../../../../test/issue-sync-harness";
import { startFakeGithub, type FakeGithub } from "../fake/fake-github";

/**
 * GitHub issue sync when GitHub misbehaves: an answer lost after the issue was made, rate limits
 * (429, the secondary limit), a refused token. Through the app's runtime against the fake.
 */
describe("GitHub issue sync under faults", () => {
  let runtime: AppRuntime;
  let fake: FakeGithub;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeGithub, { ISSUE_SYNC_TIMEOUT_MS: "1000" }));
  });
  afterEach(() => expectNoViolations(fake, "requests the real GitHub API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(options: { token?: string } = {}) {
    const ctx = await integrationTenant();
    const repo = `acme/faults-${++n}-${Date.now()}`;
    const login = `bot-f${n}-${Date.now()}`;
    fake.addUser({ login, token: `ghp_${login}`, scopes: ["repo"] });
    fake.addRepo({ fullName: repo, collaborators: [login] });
    const seeded = await seedIntegration(ctx, {
      type: "GITHUB",
      config: { repository: repo, webhookSecret: `whsec-${repo}-0123456789`, token: options.token ?? `ghp_${login}`, apiUrl: fake.url, issueSync: { direction: "push" } },
    });
    return { ctx, repo, integrationId: seeded.id };
  }
  const failedEvents = (dataspaceId: string) => db.event.findMany({ where: { dataspaceId, type: "issue_sync.failed" }, orderBy: { seq: "asc" } });
  const creates = (repo: string) => fake.requests.filter((r) => r.operationId === "issues/create" && r.path.includes(repo));

  it("a create whose answer was lost is found by its marker on the retry, not made twice", { timeout: 30_000 }, async () => {
    const { ctx, repo } = await setup();
    fake.fault({ hang: true, afterHandling: true, match: (r) => r.operationId === "issues/create" });
    const request = await newRequest(ctx, "Answer lost on the way back");
    await expect.poll(async () => (await linkOf(request.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    expect(creates(repo)).toHaveLength(1);
    expect(fake.issues(repo)).toHaveLength(1);
    expect((await linkOf(request.id))?.externalId).toBe(String(fake.issues(repo)[0].number));
    expect(fake.requests.some((r) => r.operationId === "issues/list-for-repo" && r.path.includes(repo))).toBe(true);
  });

  it("waits out a 429 with Retry-After and GitHub's secondary rate limit, then syncs", { timeout: 30_000 }, async () => {
    const { ctx, repo } = await setup();
    fake.fault({ status: 429, retryAfter: "1", match: (r) => r.operationId === "issues/create" });
    const first = await newRequest(ctx, "After a 429");
    await expect.poll(async () => (await linkOf(first.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    const [refused, accepted] = creates(repo);
    expect(refused.status).toBe(429);
    expect(accepted.status).toBe(201);
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(900); // it waited as told

    fake.fault({ secondaryRateLimit: true, retryAfter: "1", match: (r) => r.operationId === "issues/create" });
    const second = await newRequest(ctx, "After a secondary limit");
    await expect.poll(async () => (await linkOf(second.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    expect(fake.issues(repo)).toHaveLength(2);
  });

  it("a refused token fails the link in GitHub's words, marks the integration, and a second refusal pauses its sync", { timeout: 30_000 }, async () => {
    const { ctx, repo, integrationId } = await setup({ token: "ghp_revoked_long_ago" });
    const first = await newRequest(ctx, "With a revoked token");
    await expect.poll(async () => (await linkOf(first.id))?.state, { timeout: 15_000 }).toBe("FAILED");
    expect((await linkOf(first.id))?.lastError).toMatch(/GitHub refused the token \(401: Bad credentials\)/);
    const marked = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(marked.attentionMessage).toMatch(/^Issue sync: GitHub refused the token/);
    expect(marked.issueSyncPausedAt).toBeNull();

    const second = await newRequest(ctx, "Still revoked");
    await expect.poll(async () => (await db.integration.findUniqueOrThrow({ where: { id: integrationId } })).issueSyncPausedAt, { timeout: 15_000 }).not.toBeNull();
    expect((await linkOf(second.id))?.state).toBe("FAILED");
    // Each link turning failed is an event a notification rule can take to the admins; the second says the sync is now paused.
    const failed = await expect.poll(() => failedEvents(ctx.dataspace.id), { timeout: 10_000 }).toHaveLength(2).then(() => failedEvents(ctx.dataspace.id));
    expect(failed.map((event) => event.data)).toEqual([
      expect.objectContaining({ request: expect.objectContaining({ uuid: first.id, title: "With a revoked token" }), integration: expect.objectContaining({ uuid: integrationId, type: "github" }), issue_url: null, sync_paused: false, last_error: expect.stringMatching(/401: Bad credentials/) }),
      expect.objectContaining({ request: expect.objectContaining({ uuid: second.id }), sync_paused: true }),
    ]);
    const calls = fake.requests.length;

    // Paused: a third request makes no call at all.
    const third = await newRequest(ctx, "While paused");
    await expect.poll(() => db.runtimeRun.count({ where: { dataspaceId: ctx.dataspace.id, status: { notIn: ["COMPLETED", "FAILED", "CANCELLED"] } } }), { timeout: 15_000 }).toBe(0);
    expect(fake.requests.length).toBe(calls);
    expect(await linkOf(third.id)).toBeNull();
    expect(fake.issues(repo)).toHaveLength(0);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { expectNoViolations, linkOf, newRequest, startIssueSyncRuntime, stopIssueSyncRuntime } from "../../../../../test/issue-sync-harness";
import { startFakeForgejo, type FakeForgejo } from "../fake/fake-forgejo";

/**
 * Forgejo issue sync when Forgejo (or the proxy in front of it) misbehaves: an answer lost after
 * the issue was made, a 429 with Retry-After, a 503, a refused token. Through the app's runtime
 * against the fake.
 */
describe("Forgejo issue sync under faults", () => {
  let runtime: AppRuntime;
  let fake: FakeForgejo;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeForgejo, { ISSUE_SYNC_TIMEOUT_MS: "1000" }));
  });
  afterEach(() => expectNoViolations(fake, "requests the real Forgejo API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(options: { token?: string } = {}) {
    const ctx = await integrationTenant();
    const repo = `acme/faults-${++n}-${Date.now()}`;
    const login = `bot-f${n}-${Date.now()}`;
    fake.addUser({ login, token: `fj_${login}` });
    fake.addRepo({ fullName: repo, collaborators: [login] });
    const seeded = await seedIntegration(ctx, {
      type: "FORGEJO",
      config: { baseUrl: fake.url, repository: repo, webhookSecret: `whsec-${repo}-0123456789`, token: options.token ?? `fj_${login}`, issueSync: { direction: "push" } },
    });
    return { ctx, repo, integrationId: seeded.id };
  }
  const creates = (repo: string) => fake.requests.filter((r) => r.operationId === "issueCreateIssue" && r.path.includes(repo));

  it("a create whose answer was lost is found by its marker on the retry, not made twice", { timeout: 45_000 }, async () => {
    const { ctx, repo } = await setup();
    // Forgejo stores the issue (and its labels), the answer never comes: the call times out.
    fake.fault({ hang: true, applied: true, match: (r) => r.operationId === "issueCreateIssue" });
    const request = await newRequest(ctx, "Answer lost on the way back");
    await expect.poll(async () => (await linkOf(request.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    expect(creates(repo)).toHaveLength(1);
    expect(fake.issues(repo)).toHaveLength(1);
    expect((await linkOf(request.id))?.externalId).toBe(String(fake.issues(repo)[0].number));
    // Looked for among the newest issues, pull requests left out.
    expect(fake.requests.find((r) => r.operationId === "issueListIssues" && r.path.includes(repo))?.query).toBe("state=all&type=issues&page=1&limit=50");
    expect(fake.labels(repo, fake.issues(repo)[0].number)).toEqual(["switchboard"]);
  });

  it("waits out a 429 with Retry-After, and a 503, then syncs", { timeout: 45_000 }, async () => {
    const { ctx, repo } = await setup();
    fake.fault({ status: 429, retryAfter: "1", match: (r) => r.operationId === "issueCreateIssue" });
    const first = await newRequest(ctx, "After a 429");
    await expect.poll(async () => (await linkOf(first.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    const [refused, accepted] = creates(repo);
    expect([refused.status, accepted.status]).toEqual([429, 201]);
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(900); // it waited as told
    expect((await linkOf(first.id))?.lastError).toBeNull();

    fake.fault({ status: 503, times: 2, match: (r) => r.operationId === "issueCreateIssue" });
    const second = await newRequest(ctx, "After a 503");
    await expect.poll(async () => (await linkOf(second.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    expect(creates(repo).slice(2).map((r) => r.status)).toEqual([503, 503, 201]);
    expect(fake.issues(repo)).toHaveLength(2);
  });

  it("a refused token fails the link in Forgejo's words, marks the integration, and a second refusal pauses its sync", { timeout: 45_000 }, async () => {
    const { ctx, repo, integrationId } = await setup({ token: "fj_revoked_long_ago" });
    const first = await newRequest(ctx, "With a revoked token");
    await expect.poll(async () => (await linkOf(first.id))?.state, { timeout: 15_000 }).toBe("FAILED");
    expect((await linkOf(first.id))?.lastError).toMatch(/^Forgejo refused the token \(401: user does not exist \[uid: 0, name: \]\)\. Check token/);
    const marked = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(marked.attentionMessage).toMatch(/^Issue sync: Forgejo refused the token \(401/);
    expect(marked.issueSyncPausedAt).toBeNull();

    const second = await newRequest(ctx, "Still revoked");
    await expect.poll(async () => (await db.integration.findUniqueOrThrow({ where: { id: integrationId } })).issueSyncPausedAt, { timeout: 15_000 }).not.toBeNull();
    expect((await linkOf(second.id))?.state).toBe("FAILED");
    const calls = fake.requests.length;

    // Paused: a third request makes no call at all.
    const third = await newRequest(ctx, "While paused");
    await expect.poll(() => db.runtimeRun.count({ where: { dataspaceId: ctx.dataspace.id, status: { notIn: ["COMPLETED", "FAILED", "CANCELLED"] } } }), { timeout: 15_000 }).toBe(0);
    expect(fake.requests.length).toBe(calls);
    expect(await linkOf(third.id)).toBeNull();
    expect(fake.issues(repo)).toHaveLength(0);
  });
});

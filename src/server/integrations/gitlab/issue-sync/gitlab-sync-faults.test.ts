import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { expectNoViolations, linkOf, newRequest, startIssueSyncRuntime, stopIssueSyncRuntime } from "../../../../../test/issue-sync-harness";
import { startFakeGitlab, type FakeGitlab } from "../fake/fake-gitlab";

/**
 * GitLab issue sync when GitLab misbehaves: an answer lost after the issue was made, a rate limit
 * (429 with Retry-After), a refused token. Through the app's runtime against the fake.
 */
describe("GitLab issue sync under faults", () => {
  let runtime: AppRuntime;
  let fake: FakeGitlab;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeGitlab, { ISSUE_SYNC_TIMEOUT_MS: "1000" }));
  });
  afterEach(() => expectNoViolations(fake, "requests the real GitLab API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(options: { token?: string } = {}) {
    const ctx = await integrationTenant();
    const project = `acme/faults-${++n}-${Date.now()}`;
    const username = `bot-f${n}-${Date.now()}`;
    fake.addUser({ username, token: `glpat-${username}` });
    fake.addProject({ path: project, members: { [username]: "reporter" } });
    const seeded = await seedIntegration(ctx, {
      type: "GITLAB",
      config: { baseUrl: fake.url, projectId: project, webhookToken: `gl-hook-${username}`, token: options.token ?? `glpat-${username}`, issueSync: { direction: "push" } },
    });
    return { ctx, project, integrationId: seeded.id };
  }
  const inProject = (project: string, operationId: string) => fake.requests.filter((r) => r.operationId === operationId && r.path.includes(encodeURIComponent(project)));

  it("a create whose answer was lost is found by its marker on the retry, not made twice", { timeout: 30_000 }, async () => {
    const { ctx, project } = await setup();
    fake.fault({ loseAnswer: true, match: (r) => r.operationId === "postApiV4ProjectsIdIssues" });
    const request = await newRequest(ctx, "Answer lost on the way back");
    await expect.poll(async () => (await linkOf(request.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    expect(inProject(project, "postApiV4ProjectsIdIssues")).toHaveLength(1);
    expect(fake.issues(project)).toHaveLength(1);
    expect((await linkOf(request.id))?.externalId).toBe(String(fake.issues(project)[0].iid));
    // The retry looked among the newest issues (more than once when a retry itself timed out on a loaded machine).
    const searches = inProject(project, "getApiV4ProjectsIdIssues").map((r) => r.query);
    expect(searches.length).toBeGreaterThanOrEqual(1);
    for (const query of searches) expect(query).toContain("order_by=created_at&sort=desc&per_page=50");
  });

  it("waits out a 429 with Retry-After, then syncs", { timeout: 30_000 }, async () => {
    const { ctx, project } = await setup();
    fake.fault({ status: 429, retryAfter: "1", match: (r) => r.operationId === "postApiV4ProjectsIdIssues" });
    const request = await newRequest(ctx, "After a 429");
    await expect.poll(async () => (await linkOf(request.id))?.state, { timeout: 15_000 }).toBe("SYNCED");
    const [refused, accepted] = inProject(project, "postApiV4ProjectsIdIssues");
    expect(refused.status).toBe(429);
    expect(accepted.status).toBe(201);
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(900); // it waited as told
    expect(fake.issues(project)).toHaveLength(1);
    expect((await linkOf(request.id))?.lastError).toBeNull();
  });

  it("a refused token fails the link in GitLab's words, marks the integration, and a second refusal pauses its sync", { timeout: 30_000 }, async () => {
    const { ctx, project, integrationId } = await setup({ token: "glpat-revoked-long-ago" });
    const first = await newRequest(ctx, "With a revoked token");
    await expect.poll(async () => (await linkOf(first.id))?.state, { timeout: 15_000 }).toBe("FAILED");
    expect((await linkOf(first.id))?.lastError).toMatch(/GitLab refused the token \(401: 401 Unauthorized\)/);
    const marked = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(marked.attentionMessage).toMatch(/^Issue sync: GitLab refused the token \(401: 401 Unauthorized\)/);
    expect(marked.issueSyncPausedAt).toBeNull();

    const second = await newRequest(ctx, "Still revoked");
    await expect.poll(async () => (await db.integration.findUniqueOrThrow({ where: { id: integrationId } })).issueSyncPausedAt, { timeout: 15_000 }).not.toBeNull();
    expect((await linkOf(second.id))?.state).toBe("FAILED");
    expect(fake.issues(project)).toHaveLength(0);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import {
  addComment,
  edit,
  expectNoViolations,
  issueSyncPolls,
  linkOf,
  newRequest,
  requestOf as request,
  startIssueSyncRuntime,
  stopIssueSyncRuntime,
} from "../../../../../test/issue-sync-harness";
import { startFakeJira, type FakeJira } from "../fake/fake-jira";
import { markdownOfJira } from "./jira-body";
import { markdownToAdf } from "./markdown-to-adf";

/**
 * Two-way Jira issue sync end to end: the app's runtime (the real Inngest functions on the
 * embedded executor, the outbox relay, the inbound receiver) against the stateful Jira fake,
 * whose contract gate (the REST v3 subset and ADF's schema) must see no request the real API
 * would refuse, and whose admin webhooks — bodies in wiki markup, as Jira sends them — come back
 * signed to the integration's inbound URL. Each scenario has its own dataspace, project and bot.
 */
const WRITES = new Set(["createIssue", "editIssue", "doTransition", "addComment", "updateComment", "deleteComment"]);

describe("Jira issue sync", () => {
  let runtime: AppRuntime;
  let fake: FakeJira;
  let n = 0;

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeJira, { ISSUE_SYNC_TIMEOUT_MS: "2000" }));
    fake.addUser({ email: "alice@acme.test", displayName: "Alice Example" });
  });
  afterEach(() => expectNoViolations(fake, "requests the real Jira API would refuse", { clear: true }));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(options: { issueSync?: Record<string, unknown>; token?: string } = {}) {
    const ctx = await integrationTenant();
    const project = `OPS${++n}`;
    const email = `bot-${n}@acme.test`;
    const token = `jira-token-${n}-${Date.now()}`;
    fake.addUser({ email, token, displayName: `Switchboard ${n}` });
    fake.addProject({ key: project, name: `Operations ${n}`, members: [email, "alice@acme.test"] });
    const webhookSecret = `jira-whsec-${project}-0123456789`;
    const seeded = await seedIntegration(ctx, {
      type: "JIRA",
      name: `Jira ${project}`,
      config: {
        baseUrl: fake.url,
        webhookSecret,
        projectKey: project,
        email,
        token: options.token ?? token,
        issueSync: { direction: "both", priorityLabels: { urgent: "P0", high: "P1" }, ...options.issueSync },
      },
    });
    fake.addHook({ url: `${runtime.url}${seeded.path}`, secret: webhookSecret, projectKey: project });
    return { ctx, project, email, integrationId: seeded.id };
  }

  const polls = issueSyncPolls(() => fake, 15_000);
  const { linkIn } = polls;
  const settled = async (dataspaceId: string) => {
    await polls.settled(dataspaceId);
    await fake.settled();
  };
  const writes = (email: string) => fake.requests.filter((r) => r.email === email && WRITES.has(r.operationId ?? ""));
  const description = (key: string) => markdownOfJira(fake.issue(key).description);
  const commentTexts = (key: string) => fake.comments(key).map((c) => markdownOfJira(c.body));

  it("a new request becomes an issue; edits, priority, closing and comments follow it, and the webhooks Jira sends back change nothing", { timeout: 60_000 }, async () => {
    const { ctx, project, email } = await setup();
    const created = await newRequest(ctx, { title: "Checkout is slow", notes: "p95 went from 300 ms to **2 s**.\n\nSteps:\n1. open the cart\n2. pay", priority: "high" });
    const link = await linkIn(created.id, "SYNCED");
    const key = link.externalId!;
    expect(link).toMatchObject({ externalKey: `${project}-1`, url: `${fake.url}/browse/${project}-1` });
    expect(fake.issue(key)).toMatchObject({ summary: "Checkout is slow", labels: ["switchboard", "P1"] });
    expect(fake.statusOf(key).category).toBe("new");
    expect(description(key)).toContain("p95 went from 300 ms to **2 s**.\n\nSteps:\n1. open the cart\n2. pay\n\n---\n_Synced with [a Switchboard request](");
    expect(description(key)).toContain(`/requests/${created.id}`);

    await edit(ctx, created.id, { title: "Checkout is slow in EU", priority: "urgent" });
    await expect.poll(() => fake.issue(key).summary, { timeout: 10_000 }).toBe("Checkout is slow in EU");
    await expect.poll(() => [...fake.issue(key).labels].sort(), { timeout: 10_000 }).toEqual(["P0", "switchboard"]);

    await addComment(ctx, created.id, "Rolled back the _cache_ change.");
    await expect.poll(() => commentTexts(key), { timeout: 10_000 }).toEqual([expect.stringContaining("Rolled back the _cache_ change.")]);

    await edit(ctx, created.id, { status: "closed" });
    await expect.poll(() => fake.statusOf(key).name, { timeout: 10_000 }).toBe("Done");
    expect(commentTexts(key)).toEqual([expect.stringContaining("Rolled back"), expect.stringContaining("Closed in Switchboard")]);
    await settled(ctx.dataspace.id);

    // Jira's webhooks about the sync's own changes came back and were processed: nothing loops.
    const before = writes(email).length;
    const comments = await db.requestComment.count({ where: { requestId: created.id } });
    await settled(ctx.dataspace.id);
    expect(writes(email).length).toBe(before);
    expect(await db.requestComment.count({ where: { requestId: created.id } })).toBe(comments);
    expect(await request(created.id)).toMatchObject({ title: "Checkout is slow in EU", status: "closed", priority: "urgent", notes: "p95 went from 300 ms to **2 s**.\n\nSteps:\n1. open the cart\n2. pay" });
    expect((await linkOf(created.id))?.lastError).toBeNull();
  });

  it("changes made in Jira come back: summary, description, done and back, priority labels, and comments created, edited and deleted", { timeout: 60_000 }, async () => {
    const { ctx, email } = await setup();
    const created = await newRequest(ctx, { title: "Flaky login test", notes: "Fails one run in ten." });
    const key = (await linkIn(created.id, "SYNCED")).externalId!;
    await settled(ctx.dataspace.id);
    const pushesBefore = writes(email).length;
    const alice = { key, email: "alice@acme.test" };

    // A person edits the first paragraph in Jira's editor; the sync's footer stays as it is.
    const edited = structuredClone(fake.issue(key).description!);
    edited.content[0] = markdownToAdf("Fails one run in *five* since Tuesday.").content[0];
    fake.person.editsIssue({ ...alice, summary: "Flaky login test (Safari)", description: edited });
    await expect.poll(async () => (await request(created.id)).title, { timeout: 10_000 }).toBe("Flaky login test (Safari)");
    expect((await request(created.id)).notes).toBe("Fails one run in _five_ since Tuesday.");

    fake.person.labelsIssue({ ...alice, add: ["P0"] });
    await expect.poll(async () => (await request(created.id)).priority, { timeout: 10_000 }).toBe("urgent");

    fake.person.transitionsIssue({ ...alice, to: "Done" });
    await expect.poll(async () => (await request(created.id)).status, { timeout: 10_000 }).toBe("closed");
    fake.person.transitionsIssue({ ...alice, to: "In Progress" });
    await expect.poll(async () => (await request(created.id)).status, { timeout: 10_000 }).toBe("open");

    const comment = fake.person.comments({ ...alice, body: "Only on **Safari 17**, it seems." });
    await expect
      .poll(() => db.requestComment.findMany({ where: { requestId: created.id }, select: { text: true, source: true, externalAuthor: true, userId: true } }), { timeout: 10_000 })
      .toEqual([{ text: "Only on **Safari 17**, it seems.", source: "jira", externalAuthor: "Alice Example", userId: null }]);
    fake.person.editsComment({ ...alice, id: comment.id, body: "Only on Safari 17 and 18." });
    await expect.poll(async () => (await db.requestComment.findFirst({ where: { requestId: created.id } }))?.text, { timeout: 10_000 }).toBe("Only on Safari 17 and 18.");
    fake.person.deletesComment({ ...alice, id: comment.id });
    await expect.poll(() => db.requestComment.count({ where: { requestId: created.id } }), { timeout: 10_000 }).toBe(0);

    // None of it went back to Jira (the pulled comment is not re-posted either).
    await settled(ctx.dataspace.id);
    expect(writes(email).length).toBe(pushesBefore);
  });

  it("a create whose answer is lost is found on the retry, by the request's marker, not made twice", { timeout: 60_000 }, async () => {
    const { ctx, project, email } = await setup();
    fake.fault({ hang: true, after: true, match: (r) => r.operationId === "createIssue" });
    const created = await newRequest(ctx, { title: "Disk almost full", notes: "db-2 at 91 %." });
    const link = await linkIn(created.id, "SYNCED");
    expect(fake.issues(project).map((i) => i.key)).toEqual([`${project}-1`]);
    expect(link).toMatchObject({ externalId: `${project}-1`, lastError: null });
    const calls = fake.requests.filter((r) => r.email === email && r.operationId !== "getIssue").map((r) => `${r.operationId}:${r.status}`);
    expect(calls).toEqual(["createIssue:null", "searchAndReconsileIssuesUsingJqlPost:200"]);
    await settled(ctx.dataspace.id);
  });

  it("waits out Jira's rate limit (429 with Retry-After) and then succeeds", { timeout: 60_000 }, async () => {
    const { ctx, project, email } = await setup();
    fake.fault({ status: 429, retryAfter: "1", match: (r) => r.operationId === "createIssue" });
    const created = await newRequest(ctx, { title: "Search is down", notes: "Since 09:40." });
    const link = await linkIn(created.id, "SYNCED");
    const attempts = fake.requests.filter((r) => r.email === email && r.operationId === "createIssue");
    expect(attempts.map((r) => r.status)).toEqual([429, 201]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1_000);
    expect(fake.issues(project)).toHaveLength(1);
    expect(link.lastError).toBeNull();
    await settled(ctx.dataspace.id);
  });

  it("a refused token fails the link with Jira's words and marks the integration as needing attention", { timeout: 60_000 }, async () => {
    const { ctx, project, integrationId } = await setup({ token: "revoked-token" });
    const created = await newRequest(ctx, { title: "Certificate expires", notes: "In 6 days." });
    const link = await linkIn(created.id, "FAILED");
    const words = "Jira refused the credentials (401: Client must be authenticated to access this resource.). Check email and token";
    expect(link.lastError).toContain(words);
    expect(await db.integration.findUniqueOrThrow({ where: { id: integrationId } })).toMatchObject({ attentionMessage: expect.stringContaining(`Issue sync: ${words}`) });
    expect(fake.issues(project)).toEqual([]);
    await settled(ctx.dataspace.id);
  });
});

import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { linkExistingIssue } from "@/server/issue-sync/manage-links";
import { testIssueSyncConnection } from "@/server/issue-sync/manage-sync";
import type { AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import {
  addComment,
  edit,
  expectNoViolations,
  issueSyncPolls,
  linkOf,
  newRequest,
  requestOf,
  runtimeQuiet,
  startIssueSyncRuntime,
  stopIssueSyncRuntime,
} from "../../../../../test/issue-sync-harness";
import { startFakeTodo, type FakeTodo } from "../fake/fake-todo";
import { CREATE_TRACKER_WEBHOOK, TRACKER_WEBHOOK_EVENTS, TRACKER_WEBHOOK_QUERY } from "./operations";

/**
 * Two-way SourceHut issue sync end to end: the app's runtime (the real Inngest functions on the
 * embedded executor, the outbox relay, the inbound receiver) against the stateful todo.sr.ht fake,
 * whose contract gate must see no operation the real API would refuse, and whose tracker webhook
 * — registered through its API with the query the setup documents — comes back signed to the
 * integration's inbound URL. Each scenario has its own dataspace, sr.ht user and tracker.
 */
describe("SourceHut issue sync", () => {
  let runtime: AppRuntime;
  let fake: FakeTodo;
  let n = 0;
  const WRITES = new Set(["SubmitTicket", "UpdateTicket", "SubmitComment", "CreateLabels"]);

  beforeAll(async () => {
    ({ runtime, fake } = await startIssueSyncRuntime(startFakeTodo, { ISSUE_SYNC_TIMEOUT_MS: "2000" }));
    fake.addUser({ username: "alice" });
  });
  afterEach(() => expectNoViolations(fake, "operations the real todo.sr.ht API would refuse"));
  afterAll(() => stopIssueSyncRuntime({ runtime, fake }));

  async function setup(issueSync: Record<string, unknown> = {}) {
    const ctx = await integrationTenant();
    const bot = `bot${++n}-${Date.now().toString(36)}`;
    const tracker = `~${bot}/app`;
    const token = randomBytes(24).toString("hex");
    fake.addUser({ username: bot, token, grants: ["PROFILE:RO", "TRACKERS:RW", "TICKETS:RW", "EVENTS:RO"] });
    fake.addTracker({ tracker, access: { alice: ["browse", "submit", "comment", "edit", "triage"] } });
    const seeded = await seedIntegration(ctx, {
      type: "SOURCEHUT",
      name: `SourceHut ${tracker}`,
      config: { tracker, todoUrl: fake.url, publicKey: fake.publicKey, token, issueSync: { direction: "both", priorityLabels: { urgent: "P0", high: "P1" }, ...issueSync } },
    });
    // The setup's step, as a person does it with the integration's token: the tracker webhook with the documented query.
    const registered = await fetch(`${fake.url}/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        query: CREATE_TRACKER_WEBHOOK.text,
        operationName: CREATE_TRACKER_WEBHOOK.name,
        variables: { trackerId: fake.trackerOf(tracker).id, config: { url: `${runtime.url}${seeded.path}`, events: [...TRACKER_WEBHOOK_EVENTS], query: TRACKER_WEBHOOK_QUERY } },
      }),
    });
    expect(await registered.json()).toMatchObject({ data: { createTrackerWebhook: { id: expect.any(Number) } } });
    return { ctx, tracker, bot, token, integrationId: seeded.id };
  }

  const { syncedLink } = issueSyncPolls(() => fake, 10_000);
  /** Nothing left to do: no webhook in flight, no event unrelayed, no run or delivery unfinished — twice, a relay sweep apart. */
  const settled = async (dataspaceId: string) => {
    const quiet = async () => {
      await fake.settled();
      return runtimeQuiet(dataspaceId, { unrelayed: true });
    };
    await expect.poll(async () => (await quiet()) && (await sleep(300)) === undefined && (await quiet()), { timeout: 15_000 }).toBe(true);
  };
  const writes = (bot: string) => fake.requests.filter((r) => r.username === bot && WRITES.has(r.operationName ?? ""));
  const sorted = (labels: string[]) => [...labels].sort();

  it("a new request becomes a ticket; edits, priority, closing and comments follow it, and the webhooks sr.ht sends back change nothing", { timeout: 40_000 }, async () => {
    const { ctx, tracker, bot, integrationId } = await setup();
    expect(await testIssueSyncConnection(ctx, { id: integrationId })).toEqual({ ok: true, account: `~${bot}`, target: tracker, canWrite: true, problems: [] });
    const request = await newRequest(ctx, { title: "Checkout is slow", notes: "p95 went from 300 ms to 2 s.", priority: "high" });
    const link = await syncedLink(request.id);
    const id = Number(link.externalId);
    const ticket = fake.ticket(tracker, id);
    expect(ticket).toMatchObject({ subject: "Checkout is slow", status: "REPORTED", submitter: bot });
    expect(ticket.body).toContain("p95 went from 300 ms to 2 s.");
    expect(ticket.body).toContain(`/requests/${request.id}`);
    expect(ticket.body).toContain(`<!-- switchboard:request=${request.id} -->`);
    expect(sorted(ticket.labels)).toEqual(["P1", "switchboard"]);
    expect(link).toMatchObject({ externalKey: `${tracker}#${id}`, url: `${fake.url}/${tracker}/${id}` });

    await edit(ctx, request.id, { title: "Checkout is slow in EU", priority: "urgent" });
    await expect.poll(() => fake.ticket(tracker, id).subject, { timeout: 10_000 }).toBe("Checkout is slow in EU");
    await expect.poll(() => sorted(fake.ticket(tracker, id).labels), { timeout: 10_000 }).toEqual(["P0", "switchboard"]);

    await addComment(ctx, request.id, "Rolled back the cache change.");
    await expect.poll(() => fake.comments(tracker, id).map((c) => c.text), { timeout: 10_000 }).toEqual([expect.stringContaining("Rolled back the cache change.")]);

    await edit(ctx, request.id, { status: "closed" });
    await expect.poll(() => fake.ticket(tracker, id).status, { timeout: 10_000 }).toBe("RESOLVED");
    expect(fake.ticket(tracker, id).resolution).toBe("FIXED");
    expect(fake.comments(tracker, id).map((c) => c.text)).toEqual([expect.stringContaining("Rolled back"), expect.stringContaining("Closed in Switchboard")]);
    await settled(ctx.dataspace.id);

    // sr.ht's webhooks about the sync's own changes came back and were processed: nothing loops.
    const before = writes(bot).length;
    const comments = await db.requestComment.count({ where: { requestId: request.id } });
    await settled(ctx.dataspace.id);
    expect(writes(bot).length).toBe(before);
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(comments);
    expect(await requestOf(request.id)).toMatchObject({ title: "Checkout is slow in EU", status: "closed", priority: "urgent" });
    expect(await db.webhookEvent.count({ where: { integrationId, status: "PROCESSED" } })).toBeGreaterThan(5);
  });

  it("changes made on todo.sr.ht come back: subject, body, labels, resolving and reopening, comments, and deletion", { timeout: 40_000 }, async () => {
    const { ctx, tracker, bot } = await setup();
    const request = await newRequest(ctx, { title: "Flaky login test", notes: "Fails one run in ten." });
    const id = Number((await syncedLink(request.id)).externalId);
    await settled(ctx.dataspace.id);
    const pushesBefore = writes(bot).length;
    const alice = { tracker, id, username: "alice" };

    const body = fake.ticket(tracker, id).body!.replace("Fails one run in ten.", "Fails one run in five since Tuesday.");
    fake.userEditsTicket({ ...alice, subject: "Flaky login test (Safari)", body });
    await expect.poll(async () => (await requestOf(request.id)).title, { timeout: 10_000 }).toBe("Flaky login test (Safari)");
    expect((await requestOf(request.id)).notes).toBe("Fails one run in five since Tuesday.");

    fake.userLabelsTicket({ ...alice, add: ["P0"] });
    await expect.poll(async () => (await requestOf(request.id)).priority, { timeout: 10_000 }).toBe("urgent");
    fake.userResolvesTicket(alice);
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 10_000 }).toBe("closed");
    fake.userReopensTicket(alice);
    await expect.poll(async () => (await requestOf(request.id)).status, { timeout: 10_000 }).toBe("open");

    fake.userComments({ ...alice, text: "Only on Safari 17, it seems." });
    const pulled = () => db.requestComment.findMany({ where: { requestId: request.id }, orderBy: { createdAt: "asc" }, select: { text: true, source: true, externalAuthor: true, userId: true, externalUrl: true } });
    await expect.poll(pulled, { timeout: 10_000 }).toEqual([{ text: "Only on Safari 17, it seems.", source: "sourcehut", externalAuthor: "~alice", userId: null, externalUrl: expect.stringContaining(`/${tracker}/${id}#event-`) }]);

    // "Comment & resolve" is one sr.ht event: the comment comes at once, the status with the ticket's next webhook.
    fake.userResolvesTicket({ ...alice, comment: "Fixed by pinning Safari." });
    await expect.poll(async () => (await pulled()).map((c) => c.text), { timeout: 10_000 }).toEqual(["Only on Safari 17, it seems.", "Fixed by pinning Safari."]);
    fake.userLabelsTicket({ ...alice, remove: ["P0"], add: ["P1"] });
    await expect.poll(async () => (await requestOf(request.id)).priority, { timeout: 10_000 }).toBe("high");
    expect((await requestOf(request.id)).status).toBe("closed");

    // None of it was pushed back to sr.ht (the pulled comments are not re-posted either).
    await settled(ctx.dataspace.id);
    expect(writes(bot).length).toBe(pushesBefore);

    fake.userDeletesTicket({ ...alice, username: bot });
    await expect.poll(async () => (await linkOf(request.id))?.state, { timeout: 10_000 }).toBe("FAILED");
    // sr.ht's deletion names only the ticket's number (and the tracker's, as an id): the config names the tracker.
    expect((await linkOf(request.id))?.lastError).toBe(`${tracker}#${id} was deleted on sourcehut by someone on SourceHut`);
  });

  it("links a person's ticket by its URL, and takes in a ticket labelled for it (createFromLabel)", { timeout: 40_000 }, async () => {
    const { ctx, tracker, integrationId } = await setup({ requests: "linked", createFromLabel: "switchboard" });
    const ticket = fake.userSubmitsTicket({ tracker, username: "alice", subject: "Export is empty", body: "CSV has headers only." });
    const request = await newRequest(ctx, { title: "Export broken", notes: "From support." });
    const view = await linkExistingIssue(ctx, { requestId: request.id, integrationId, reference: `${fake.url}/${tracker}/${ticket.id}` });
    expect(view).toMatchObject({ key: `${tracker}#${ticket.id}`, state: "SYNCED", url: `${fake.url}/${tracker}/${ticket.id}` });

    const other = fake.userSubmitsTicket({ tracker, username: "alice", subject: "Dark mode", body: "Please." });
    fake.userLabelsTicket({ tracker, id: other.id, username: "alice", add: ["switchboard"] });
    await expect.poll(() => db.issueLink.findFirst({ where: { integrationId, externalId: String(other.id) }, select: { request: { select: { title: true, notes: true } } } }), { timeout: 10_000 }).toMatchObject({
      request: { title: "Dark mode", notes: expect.stringContaining(`From ${tracker}#${other.id}`) },
    });
    await settled(ctx.dataspace.id);
  });

  it("a create whose answer was lost is found by its marker on the retry, not made twice", { timeout: 40_000 }, async () => {
    const { ctx, tracker, bot } = await setup();
    fake.fault({ hang: true, afterHandling: true, match: (r) => r.operationName === "SubmitTicket" });
    const request = await newRequest(ctx, { title: "Lost answer", notes: "The first create times out after sr.ht stored it." });
    const link = await syncedLink(request.id, 20_000);
    expect(fake.tickets(tracker).map((t) => t.subject)).toEqual(["Lost answer"]);
    expect(link.externalId).toBe(String(fake.tickets(tracker)[0].id));
    expect(writes(bot).filter((r) => r.operationName === "SubmitTicket")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.username === bot && r.operationName === "NewestTickets")).toHaveLength(1);
    await settled(ctx.dataspace.id);
  });

  it("waits out a rate limit (429 with Retry-After) and then succeeds", { timeout: 40_000 }, async () => {
    const { ctx, tracker, bot } = await setup();
    fake.fault({ status: 429, retryAfter: "1", match: (r) => r.operationName === "SubmitTicket" });
    const request = await newRequest(ctx, { title: "Rate limited", notes: "sr.ht's proxy says wait a second." });
    const link = await syncedLink(request.id, 20_000);
    expect(link).toMatchObject({ state: "SYNCED", lastError: null });
    const submits = fake.requests.filter((r) => r.username === bot && r.operationName === "SubmitTicket");
    expect(submits.map((r) => r.status)).toEqual([429, 200]);
    expect(submits[1].at - submits[0].at).toBeGreaterThanOrEqual(950);
    expect(fake.tickets(tracker)).toHaveLength(1);
    await settled(ctx.dataspace.id);
  });

  it("a refused token fails the link with sr.ht's words and marks the integration as needing attention", { timeout: 40_000 }, async () => {
    const { ctx, token, integrationId } = await setup();
    fake.revokeToken(token);
    const request = await newRequest(ctx, { title: "Refused", notes: "The token was revoked on meta.sr.ht." });
    await expect.poll(async () => (await linkOf(request.id))?.state, { timeout: 10_000 }).toBe("FAILED");
    const words = "Authentication error: Invalid or expired OAuth 2.0 bearer token";
    expect((await linkOf(request.id))?.lastError).toContain(`SourceHut refused the token (403: ${words})`);
    const integration = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.attentionMessage).toMatch(/^Issue sync: SourceHut refused the token/);
    expect(integration.attentionMessage).toContain(words);
    expect(await testIssueSyncConnection(ctx, { id: integrationId })).toEqual({ ok: false, error: expect.stringContaining(words), retryable: false });
    await settled(ctx.dataspace.id);
  });
});

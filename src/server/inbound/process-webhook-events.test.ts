import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { listEvents } from "@/server/events/list-events";
import {
  githubDelivery,
  githubExample,
  integrationTenant,
  seedIntegration,
  startInboundApp,
  webhookEventsOf,
  type InboundApp,
} from "../../../test/integration-fixtures";
import { addMember, seedUser, tenantFor } from "../../../test/factories";
import { dispatchQueuedWebhookEvents } from "./dispatch-webhook-events";
import { processWebhookEvents } from "./process-webhook-events";
import { getWebhookEvent, listWebhookEvents } from "./read-webhook-events";
import { replayWebhookEvent } from "./replay-webhook-event";

/**
 * Inbound events end to end, as server.ts runs them: signed GitHub deliveries POSTed over HTTP
 * to `/api/hooks/<token>`, stored, dispatched by the outbox relay, processed by the
 * `process-inbound-events` function through the embedded executor (retry backoff capped at 50 ms),
 * published as domain events in the integration's dataspace.
 */
describe("inbound event processing", () => {
  let app: InboundApp;
  let ctx: Awaited<ReturnType<typeof integrationTenant>>;
  let other: Awaited<ReturnType<typeof integrationTenant>>;

  beforeAll(async () => {
    app = await startInboundApp();
    ctx = await integrationTenant("Inbound team");
    other = await integrationTenant("Other team");
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function github(tenant = ctx) {
    const webhookSecret = `whsec-${randomBytes(12).toString("hex")}`;
    const integration = await seedIntegration(tenant, { name: "Main repo", config: { repository: "octo-org/hello-world", webhookSecret } });
    return { ...integration, webhookSecret };
  }

  // GitHub's examples come from many repositories; an integration keeps to its own (config-scope.test.ts).
  function ours<T>(payload: T): T {
    const repository = (payload as { repository?: { full_name?: string } }).repository;
    if (repository) repository.full_name = "octo-org/hello-world";
    return payload;
  }

  async function deliver(hook: Awaited<ReturnType<typeof github>>, event: string, payload: unknown) {
    ours(payload);
    const delivery = await githubDelivery(hook.webhookSecret, event, payload);
    const response = await fetch(`${app.url}${hook.path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
    expect(response.status).toBe(202);
    return { ...delivery, id: ((await response.json()) as { id: string }).id };
  }

  // The outbox refuses the domain event of any issue titled "Boom", as a database in trouble would.
  const refuseBoom = async () => {
    await db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF (SELECT body::jsonb->'issue'->>'title' FROM "WebhookEvent" WHERE id = NEW."payloadFromId") = 'Boom' THEN
          RAISE EXCEPTION 'the event store refused the write';
        END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
  };
  const allowBoom = () => db.$executeRawUnsafe(`DROP TRIGGER refuse_boom ON "Event"; DROP FUNCTION refuse_boom()`);
  const boom = () => {
    const payload = githubExample("issues", "opened") as { issue: { title: string } };
    payload.issue.title = "Boom";
    return payload;
  };

  const statusOf = async (id: string) => (await db.webhookEvent.findUniqueOrThrow({ where: { id } })).status;
  // Read as every reader does, with the payload put back from the received body.
  const eventsOfType = async (type: string) => (await listEvents(ctx, { type, limit: 100 })).items.reverse();
  const boomEvents = async () => (await eventsOfType("github.issues.opened")).filter((e) => (e.data as { payload: { issue: { title: string } } }).payload.issue.title === "Boom");

  it("processes real GitHub deliveries into domain events: RECEIVED → PROCESSED, published in the same dataspace", async () => {
    const hook = await github();
    const bystander = await github(other);
    const pr = await deliver(hook, "pull_request", githubExample("pull_request", "opened"));
    const push = await deliver(hook, "push", githubExample("push"));

    await expect.poll(() => statusOf(pr.id), { timeout: 10_000 }).toBe("PROCESSED");
    await expect.poll(() => statusOf(push.id), { timeout: 10_000 }).toBe("PROCESSED");
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: pr.id } });
    expect(row).toMatchObject({ dataspaceId: ctx.dataspace.id, attempts: 1, error: null, domainEventType: "github.pull_request.opened", queuedAt: null });
    expect(row.processedAt).not.toBeNull();

    const [published] = await eventsOfType("github.pull_request.opened");
    const payload = githubExample("pull_request", "opened") as { pull_request: { number: number; title: string } };
    expect(published.data).toMatchObject({
      integration: { uuid: hook.id, name: "Main repo", type: "GITHUB" },
      event_type: "pull_request.opened",
      delivery_id: pr.deliveryId,
      summary: { number: payload.pull_request.number, title: payload.pull_request.title },
      payload: JSON.parse(pr.body),
    });
    expect(await eventsOfType("github.push")).toHaveLength(1);
    // Tenancy: nothing landed in the other dataspace, nor on its integration.
    expect(await db.event.count({ where: { dataspaceId: other.dataspace.id, type: { startsWith: "github." } } })).toBe(0);
    expect(await webhookEventsOf(bystander.id)).toHaveLength(0);
  });

  it("retries a failing event with backoff, marks it FAILED with the error, and a replay processes it again", async () => {
    const hook = await github();
    await refuseBoom();
    const payload = boom();
    const { id } = await deliver(hook, "issues", payload);
    const fine = await deliver(hook, "issues", githubExample("issues", "opened"));

    await expect.poll(() => statusOf(id), { timeout: 15_000 }).toBe("FAILED");
    const failed = await getWebhookEvent(ctx, id);
    expect(failed.attempts).toBe(6); // the first run and the function's 5 retries
    expect(failed.error).toContain("the event store refused the write");
    expect(failed.error).not.toMatch(/invocation|\.ts:/); // the database's message, not Prisma's source excerpt
    expect(failed.log.map((entry) => entry.message)).toEqual(
      expect.arrayContaining(["Received", "Processing (attempt 1)", "Processing (attempt 6)", expect.stringMatching(/^Attempt 6 failed: .*refused the write/), expect.stringMatching(/^Failed: .*refused the write/)]),
    );
    expect(await statusOf(fine.id)).toBe("PROCESSED"); // one bad event holds up no other
    expect(await boomEvents()).toHaveLength(0);

    await allowBoom();
    const replayed = await replayWebhookEvent(ctx, id);
    expect(replayed).toMatchObject({ id, status: "RECEIVED", error: null });
    await expect.poll(() => statusOf(id), { timeout: 10_000 }).toBe("PROCESSED");
    const done = await getWebhookEvent(ctx, id);
    expect(done).toMatchObject({ dispatch: 1, attempts: 7, error: null, domainEventType: "github.issues.opened" });
    expect(done.log.map((entry) => entry.message)).toContain(`Replayed by ${(await db.user.findUniqueOrThrow({ where: { id: ctx.actor.userId } })).name}`);
    expect(await boomEvents()).toHaveLength(1);

    // A replay of a processed event publishes it again.
    await replayWebhookEvent(ctx, fine.id);
    await expect.poll(async () => (await getWebhookEvent(ctx, fine.id)).dispatch === 1 && (await statusOf(fine.id)), { timeout: 10_000 }).toBe("PROCESSED");
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id, data: { path: ["delivery_id"], equals: (await getWebhookEvent(ctx, fine.id)).providerDeliveryId! } } })).toBe(2);
  });

  it("processes a group as one, except what fails: only that event is retried, the others are done once", async () => {
    const hook = await github();
    // Stored as the receiver stores them but not queued, so this test is the only run.
    const store = (payload: unknown) =>
      db.webhookEvent.create({
        data: { dataspaceId: ctx.dataspace.id, integrationId: hook.id, eventType: "issues.opened", headers: {}, body: JSON.stringify(ours(payload)), queuedAt: null },
        select: { id: true, dispatch: true },
      });
    const group = [await store(githubExample("issues", "opened")), await store(boom()), await store(githubExample("issues", "opened"))];
    const run = () => processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: group });
    const rows = () => Promise.all(group.map((ref) => db.webhookEvent.findUniqueOrThrow({ where: { id: ref.id } })));

    await refuseBoom();
    try {
      await expect(run()).rejects.toThrow(/1 of 3 inbound events failed .*refused the write/);
      expect((await rows()).map((row) => [row.status, row.attempts])).toEqual([["PROCESSED", 1], ["PROCESSING", 1], ["PROCESSED", 1]]);
      await expect(run()).rejects.toThrow(/1 of 1 inbound events failed/); // the runtime's retry
      expect((await rows()).map((row) => [row.status, row.attempts])).toEqual([["PROCESSED", 1], ["PROCESSING", 2], ["PROCESSED", 1]]);
    } finally {
      await allowBoom();
    }
    expect(await run()).toEqual({ processed: 1, failed: 0, retrying: 0, skipped: 2 });
    expect((await rows()).map((row) => [row.status, row.attempts, row.error])).toEqual([["PROCESSED", 1, null], ["PROCESSED", 3, null], ["PROCESSED", 1, null]]);
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id, data: { path: ["integration", "uuid"], equals: hook.id } } })).toBe(3);
  });

  it("is RECEIVED until handed to the runtime, PROCESSING until its attempt ends, then PROCESSED with the attempt counted and logged", async () => {
    const hook = await github();
    await app.pauseRelay();
    let handed: { id: string; dispatch: number }[] = [];
    try {
      const { id } = await deliver(hook, "issues", githubExample("issues", "opened"));
      expect(await db.webhookEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "RECEIVED", attempts: 0 });
      // The dispatcher hands it over (here to nobody: this test runs the attempt itself).
      await dispatchQueuedWebhookEvents({ send: async (events) => void (handed = events.flatMap((event) => event.data.events)) });
      expect(handed.map((ref) => ref.id)).toContain(id);
      expect(await db.webhookEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PROCESSING", attempts: 0, queuedAt: null });
      expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: handed.filter((ref) => ref.id === id) })).toEqual({ processed: 1, failed: 0, retrying: 0, skipped: 0 });
      const done = await getWebhookEvent(ctx, id);
      expect(done).toMatchObject({ status: "PROCESSED", attempts: 1, domainEventType: "github.issues.opened" });
      expect(done.log.map((entry) => entry.message)).toEqual(["Received", "Processing (attempt 1)", "Published github.issues.opened"]);
    } finally {
      app.resumeRelay();
    }
  });

  it("takes along the events handed over since in later groups, in received order; their own runs find them done", async () => {
    const hook = await github();
    await app.pauseRelay();
    const groups: { id: string; dispatch: number }[][] = [];
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await deliver(hook, "issues", githubExample("issues", "opened"))).id);
      // Three handed over, one group each; the fourth is still waiting for the dispatcher.
      await db.webhookEvent.update({ where: { id: ids[3] }, data: { queuedAt: new Date(Date.now() + 60_000) } });
      await dispatchQueuedWebhookEvents({ send: async (events) => void groups.push(...events.map((event) => event.data.events)), batchSize: 1 });
      const mine = groups.filter((group) => ids.includes(group[0].id));
      expect(mine.map((group) => group.map((ref) => ref.id))).toEqual([[ids[0]], [ids[1]], [ids[2]]]);

      expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: mine[0] })).toEqual({ processed: 3, failed: 0, retrying: 0, skipped: 0 });
      expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: mine[1] })).toEqual({ processed: 0, failed: 0, retrying: 0, skipped: 1 });
      const rows = await Promise.all(ids.map((id) => db.webhookEvent.findUniqueOrThrow({ where: { id } })));
      expect(rows.map((row) => [row.status, row.attempts])).toEqual([["PROCESSED", 1], ["PROCESSED", 1], ["PROCESSED", 1], ["RECEIVED", 0]]);
      // Published once each, in the order received.
      const published = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, payloadFromId: { in: ids } }, orderBy: { seq: "asc" } });
      expect(published.map((event) => event.payloadFromId)).toEqual(ids.slice(0, 3));
      await db.webhookEvent.update({ where: { id: ids[3] }, data: { queuedAt: new Date() } });
    } finally {
      app.resumeRelay();
    }
  });

  it("skips a run of a superseded dispatch, of a finished event, or from another dataspace, publishing nothing", async () => {
    const hook = await github();
    const { id } = await deliver(hook, "push", githubExample("push"));
    await expect.poll(() => statusOf(id), { timeout: 10_000 }).toBe("PROCESSED");
    const before = await db.event.count({ where: { dataspaceId: ctx.dataspace.id } });
    const skipped = { processed: 0, failed: 0, retrying: 0, skipped: 1 };
    expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: [{ id, dispatch: 0 }] })).toEqual(skipped);
    await db.webhookEvent.update({ where: { id }, data: { status: "RECEIVED", dispatch: 3, queuedAt: null } });
    expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: [{ id, dispatch: 2 }] })).toEqual(skipped);
    expect(await processWebhookEvents({ dataspaceId: other.dataspace.id, events: [{ id, dispatch: 3 }] })).toEqual(skipped);
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id } })).toBe(before);
    expect(await statusOf(id)).toBe("RECEIVED");
  });

  it("lists an integration's events newest first, filters by status, shows one with masked headers, body and log — in its dataspace only, to admins", async () => {
    const hook = await github();
    const sent = [];
    for (const event of ["issues", "push", "pull_request"] as const) {
      sent.push(await deliver(hook, event, event === "push" ? githubExample("push") : githubExample(event, "opened")));
    }
    await expect.poll(async () => (await listWebhookEvents(ctx, { integrationId: hook.id, status: "PROCESSED" })).items.length, { timeout: 10_000 }).toBe(3);
    const page = await listWebhookEvents(ctx, { integrationId: hook.id, limit: 2 });
    expect(page.items.map((item) => item.id)).toEqual([sent[2].id, sent[1].id]);
    expect(page.nextCursor).not.toBeNull();
    expect((await listWebhookEvents(ctx, { integrationId: hook.id, cursor: page.nextCursor! })).items.map((item) => item.id)).toEqual([sent[0].id]);
    expect((await listWebhookEvents(ctx, { integrationId: hook.id, status: "FAILED" })).items).toEqual([]);

    const shown = await getWebhookEvent(ctx, sent[2].id);
    expect(shown).toMatchObject({ eventType: "pull_request.opened", body: sent[2].body, integration: { id: hook.id, type: "GITHUB" } });
    expect(shown.headers).toMatchObject({ "x-github-event": "pull_request", "x-hub-signature-256": "***" });
    expect(shown.log.map((entry) => entry.message)).toEqual(["Received", "Processing (attempt 1)", "Published github.pull_request.opened"]);

    // Another dataspace's admin sees none of it; a member of this one may not look.
    const notFound = expect.objectContaining({ code: "NOT_FOUND" });
    await expect(listWebhookEvents(other, { integrationId: hook.id })).rejects.toEqual(notFound);
    await expect(getWebhookEvent(other, sent[2].id)).rejects.toEqual(notFound);
    await expect(replayWebhookEvent(other, sent[2].id)).rejects.toEqual(notFound);
    const member = await seedUser();
    await addMember(ctx.dataspace, member, "MEMBER");
    const memberCtx = await tenantFor(member.id, ctx.dataspace.slug);
    await expect(listWebhookEvents(memberCtx, { integrationId: hook.id })).rejects.toBeInstanceOf(AppError);
    await expect(replayWebhookEvent(memberCtx, sent[2].id)).rejects.toEqual(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("refuses to replay an event while it is being processed", async () => {
    const hook = await github();
    const { id } = await deliver(hook, "push", githubExample("push"));
    await expect.poll(() => statusOf(id), { timeout: 10_000 }).toBe("PROCESSED");
    await db.webhookEvent.update({ where: { id }, data: { status: "PROCESSING" } });
    await expect(replayWebhookEvent(ctx, id)).rejects.toEqual(expect.objectContaining({ code: "CONFLICT" }));
  });

  it("takes a Slack slash command posted as a form: verified on the raw form body, processed, published with the decoded fields", async () => {
    const signingSecret = `slack-${randomBytes(12).toString("hex")}`;
    const slack = await seedIntegration(ctx, { type: "SLACK", name: "Workspace", config: { signingSecret } });
    const body = new URLSearchParams({ command: "/deploy", text: "api", team_id: "T1", channel_id: "C1", user_id: "U1", trigger_id: `trig-${randomBytes(4).toString("hex")}` }).toString();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature };
    const response = await fetch(`${app.url}${slack.path}`, { method: "POST", headers, body });
    // Slack shows an answer's body to the user: only an empty 200 is a silent acknowledgement.
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(response.headers.get("content-type")).toBeNull();
    const [{ id }] = await webhookEventsOf(slack.id);
    await expect.poll(() => statusOf(id), { timeout: 10_000 }).toBe("PROCESSED");
    const [published] = await eventsOfType("slack.slash_command");
    expect(published.data).toMatchObject({ event_type: "slash_command", summary: { command: "/deploy" }, payload: { command: "/deploy", text: "api", user_id: "U1" } });
    // Forged, it is refused like any other.
    const forged = await fetch(`${app.url}${slack.path}`, { method: "POST", headers, body: body.replace("api", "everything") });
    expect(forged.status).toBe(401);
  });
});

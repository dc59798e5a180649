import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import {
  githubDelivery,
  githubExample,
  integrationTenant,
  seedIntegration,
  startInboundApp,
  type InboundApp,
} from "../../../test/integration-fixtures";
import { scopedDb } from "@/server/db/scoped";
import { recordInboundDeployments } from "@/server/records/deployments/record-inbound-deployments";
import { snapshotDataspace } from "../../../test/snapshot";
import { processWebhookEvents } from "./process-webhook-events";
import { replayWebhookEvent } from "./replay-webhook-event";

/**
 * GitHub's deployment, deployment_status and push webhooks, signed as GitHub signs them and
 * POSTed over HTTP to the integration's inbound URL, processed by the runtime as server.ts runs
 * it: each records or moves a deployment, once, however often it is delivered. Payloads are
 * GitHub's own examples (`@octokit/webhooks-examples`), changed only where a test says so.
 */
const REPOSITORY = "octo-org/hello-world";
const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

type Hook = Awaited<ReturnType<typeof seedIntegration>> & { webhookSecret: string };

describe("deployments from GitHub, through the inbound URL", () => {
  let app: InboundApp;
  let ctx: TenantContext;
  let other: TenantContext;
  let checkout: { id: string };

  beforeAll(async () => {
    app = await startInboundApp();
    ctx = await integrationTenant("Deploy team");
    other = await integrationTenant("Other deploy team");
    checkout = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Checkout API" }, select: { id: true } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function github(tenant: TenantContext = ctx, deployments?: Record<string, unknown>): Promise<Hook> {
    const webhookSecret = `whsec-${randomBytes(12).toString("hex")}`;
    const config = { repository: REPOSITORY, webhookSecret, ...(deployments ? { deployments } : {}) };
    return { ...(await seedIntegration(tenant, { name: "Main repo", config })), webhookSecret };
  }

  async function post(hook: Hook, event: string, payload: Record<string, unknown>, deliveryId?: string) {
    (payload.repository as { full_name: string }).full_name = REPOSITORY;
    const delivery = await githubDelivery(hook.webhookSecret, event, payload, { deliveryId });
    const response = await fetch(`${app.url}${hook.path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
    return { response, deliveryId: delivery.deliveryId, body: (await response.json()) as { status: string; id?: string } };
  }

  /** Posts a delivery and waits until the runtime processed it; returns its processing log's last line. */
  async function deliver(hook: Hook, event: string, payload: Record<string, unknown>): Promise<{ id: string; deliveryId: string; last: string }> {
    const { response, body, deliveryId } = await post(hook, event, payload);
    expect(response.status).toBe(202);
    const id = body.id!;
    await expect.poll(async () => (await db.webhookEvent.findUniqueOrThrow({ where: { id } })).status, { timeout: 15_000 }).toBe("PROCESSED");
    return { id, deliveryId, last: await lastLogLine(id) };
  }

  const lastLogLine = async (id: string) => ((await db.webhookEvent.findUniqueOrThrow({ where: { id } })).log as { message: string }[]).at(-1)!.message;

  /** GitHub's deployment example, as deployment `id` of the repository. */
  function deployment(id: number) {
    const payload = githubExample("deployment", "created") as { deployment: { id: number; description: string | null } };
    payload.deployment.id = id;
    payload.deployment.description = "Deploy request from hubot";
    return payload as unknown as Record<string, unknown>;
  }

  /** GitHub's deployment_status example for deployment `id`, in `state` at `at`. */
  function status(id: number, state: string, at: string, urls: { environment_url?: string; target_url?: string } = {}) {
    const payload = githubExample("deployment_status", "created") as { deployment: { id: number }; deployment_status: Record<string, unknown> };
    payload.deployment.id = id;
    Object.assign(payload.deployment_status, { state, created_at: at, updated_at: at, target_url: "", environment_url: "", ...urls });
    return payload as unknown as Record<string, unknown>;
  }

  function push(ref: string, options: { after?: string; before?: string; deleted?: boolean } = {}) {
    const payload = githubExample("push") as Record<string, unknown>;
    Object.assign(payload, { ref, after: options.after ?? AFTER, before: options.before ?? "0".repeat(40), deleted: options.deleted ?? false });
    return payload;
  }

  const deploymentsOf = (hook: Hook) => db.deployment.findMany({ where: { sourceIntegrationId: hook.id }, orderBy: { createdAt: "asc" } });
  const deploymentEvents = async (tenant: TenantContext, uuid: string) =>
    (await db.event.findMany({ where: { dataspaceId: tenant.dataspace.id, type: { startsWith: "deployment." } }, orderBy: { seq: "asc" } }))
      .filter((event) => (event.data as { uuid: string }).uuid === uuid)
      .map((event) => {
        const data = event.data as { status: string; previous_status?: string };
        return [event.type, data.previous_status ?? null, data.status, event.actorId];
      });

  it("records a deployment and moves it forward with its statuses: one row, one event per change, times from GitHub", async () => {
    const hook = await github(ctx, { service: "Checkout API" });
    const id = randomInt(1, 2 ** 31);
    const created = await deliver(hook, "deployment", deployment(id));
    expect(created.last).toBe(`Published github.deployment.created; recorded deployment ${id} to production (queued)`);
    const [row] = await deploymentsOf(hook);
    expect(row).toMatchObject({
      dataspaceId: ctx.dataspace.id,
      serviceId: checkout.id,
      environment: "production",
      ref: "master",
      sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
      description: "Deploy request from hubot",
      creator: "Codertocat",
      status: "queued",
      url: null,
      source: "github",
      sourceIntegrationId: hook.id,
      externalId: String(id),
      startedAt: null,
      finishedAt: null,
      createdById: null,
    });

    const log = "https://github.com/octo-org/hello-world/actions/runs/1";
    expect((await deliver(hook, "deployment_status", status(id, "in_progress", "2026-03-01T10:00:00Z", { target_url: log }))).last).toBe(
      `Published github.deployment_status.created; deployment ${id} to production: queued → in_progress`,
    );
    await deliver(hook, "deployment_status", status(id, "success", "2026-03-01T10:04:30Z", { environment_url: "https://hello-world.example.test", target_url: log }));
    const [done] = await deploymentsOf(hook);
    expect(done).toMatchObject({
      id: row.id,
      status: "success",
      startedAt: new Date("2026-03-01T10:00:00Z"),
      finishedAt: new Date("2026-03-01T10:04:30Z"),
      url: "https://hello-world.example.test", // the environment's URL wins over the log's
    });
    expect(await deploymentEvents(ctx, row.id)).toEqual([
      ["deployment.created", null, "queued", null],
      ["deployment.status_changed", "queued", "in_progress", null],
      ["deployment.status_changed", "in_progress", "success", null],
    ]);
    const last = await db.event.findFirstOrThrow({ where: { dataspaceId: ctx.dataspace.id, type: "deployment.status_changed" }, orderBy: { seq: "desc" } });
    expect(last.data).toMatchObject({ uuid: row.id, service: "Checkout API", integration: hook.id, external_id: String(id), source: "github", creator: "Codertocat", started_date: "2026-03-01T10:00:00.000Z", finished_date: "2026-03-01T10:04:30.000Z" });
    // The family events are published as before, with what happened in their summary.
    const family = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type: { startsWith: "github.deployment" }, data: { path: ["integration", "uuid"], equals: hook.id } }, orderBy: { seq: "asc" } });
    expect(family.map((event) => [event.type, (event.data as { summary: Record<string, unknown> }).summary.status ?? null])).toEqual([
      ["github.deployment.created", null],
      ["github.deployment_status.created", "in_progress"],
      ["github.deployment_status.created", "success"],
    ]);
  });

  it("is idempotent: a redelivery, a late status and a replay change nothing and publish no deployment event", async () => {
    const hook = await github();
    const id = randomInt(1, 2 ** 31);
    const created = await deliver(hook, "deployment", deployment(id));
    const success = status(id, "success", "2026-03-02T09:00:00Z", { environment_url: "https://hello-world.example.test" });
    const finished = await deliver(hook, "deployment_status", success);
    const [row] = await deploymentsOf(hook);
    const before = await deploymentEvents(ctx, row.id);
    expect(before).toHaveLength(2);

    // GitHub's "Redeliver" sends the same X-GitHub-Delivery: the receiver knows it.
    const again = await post(hook, "deployment_status", success, finished.deliveryId);
    expect([again.response.status, again.body.status]).toEqual([200, "duplicate"]);
    // The same deployment delivered anew (another hook, a tool replaying GitHub's history).
    expect((await deliver(hook, "deployment", deployment(id))).last).toBe(`Published github.deployment.created; deployment ${id} already recorded as reported`);
    // A status that arrives after the deployment finished (GitHub sends no order guarantee).
    expect((await deliver(hook, "deployment_status", status(id, "in_progress", "2026-03-02T08:59:00Z"))).last).toBe(
      `Published github.deployment_status.created; deployment ${id} stays success (reported in_progress after it)`,
    );
    // Replaying the processed events from the integration's page.
    for (const event of [created.id, finished.id]) {
      await replayWebhookEvent(ctx, event);
      await expect.poll(async () => { const r = await db.webhookEvent.findUniqueOrThrow({ where: { id: event } }); return r.dispatch === 1 && r.status; }, { timeout: 15_000 }).toBe("PROCESSED");
    }

    const rows = await deploymentsOf(hook);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: row.id, status: "success", finishedAt: new Date("2026-03-02T09:00:00Z"), startedAt: null, url: "https://hello-world.example.test" });
    expect(await deploymentEvents(ctx, row.id)).toEqual(before);
  });

  it("records a status that arrives before its deployment; inactive cancels an unfinished deployment and never undoes a success", async () => {
    const hook = await github();
    const first = randomInt(1, 2 ** 31);
    expect((await deliver(hook, "deployment_status", status(first, "success", "2026-03-03T12:00:00Z"))).last).toBe(
      `Published github.deployment_status.created; recorded deployment ${first} to production (success)`,
    );
    await deliver(hook, "deployment", deployment(first));
    await deliver(hook, "deployment_status", status(first, "inactive", "2026-03-04T12:00:00Z"));
    const second = randomInt(1, 2 ** 31);
    await deliver(hook, "deployment", deployment(second));
    await deliver(hook, "deployment_status", status(second, "pending", "2026-03-04T11:59:00Z"));
    await deliver(hook, "deployment_status", status(second, "inactive", "2026-03-04T12:00:00Z"));
    await deliver(hook, "deployment_status", status(second, "error", "2026-03-04T12:01:00Z"));

    const rows = await deploymentsOf(hook);
    const byId = Object.fromEntries(rows.map((row) => [row.externalId, row]));
    expect(rows).toHaveLength(2);
    expect(byId[String(first)]).toMatchObject({ status: "success", finishedAt: new Date("2026-03-03T12:00:00Z"), ref: "master", creator: "Codertocat" });
    expect(byId[String(second)]).toMatchObject({ status: "cancelled", finishedAt: new Date("2026-03-04T12:00:00Z") });
    expect(await deploymentEvents(ctx, byId[String(first)].id)).toEqual([["deployment.created", null, "success", null]]);
    expect(await deploymentEvents(ctx, byId[String(second)].id)).toEqual([
      ["deployment.created", null, "queued", null],
      ["deployment.status_changed", "queued", "cancelled", null],
    ]);
  });

  it("records a successful deployment for a push to a configured branch (commit-based), once per push", async () => {
    const hook = await github(ctx, { branches: ["main", "release/2.x"], environment: "production", service: "Checkout API" });
    const pushed = await deliver(hook, "push", push("refs/heads/main"));
    expect(pushed.last).toBe(`Published github.push; recorded deployment push:${"0".repeat(40)}..${AFTER} to production (success)`);
    const [row] = await deploymentsOf(hook);
    const example = githubExample("push") as { repository: { pushed_at: number }; head_commit: { message: string; timestamp: string } };
    expect(row).toMatchObject({
      serviceId: checkout.id,
      environment: "production",
      ref: "main",
      sha: AFTER,
      status: "success",
      source: "github_push",
      description: example.head_commit.message.split("\n")[0],
      creator: "Codertocat",
      startedAt: null,
      finishedAt: new Date(example.repository.pushed_at * 1000),
      // No commit list in GitHub's example: its head commit's time starts the lead time.
      committedAt: new Date(example.head_commit.timestamp),
    });
    expect(await deploymentEvents(ctx, row.id)).toEqual([["deployment.created", null, "success", null]]);

    // The same push delivered again (a new delivery id) and replayed: still one deployment.
    await deliver(hook, "push", push("refs/heads/main"));
    await replayWebhookEvent(ctx, pushed.id);
    await expect.poll(async () => { const r = await db.webhookEvent.findUniqueOrThrow({ where: { id: pushed.id } }); return r.dispatch === 1 && r.status; }, { timeout: 15_000 }).toBe("PROCESSED");
    // The next push to the other configured branch is a deployment of its own.
    // With a commit list, the oldest of its commits (whatever their offsets) starts the lead time.
    const release = push("refs/heads/release/2.x", { before: AFTER, after: "a".repeat(40) });
    release.commits = ["2026-12-07T10:15:00+01:00", "2026-12-07T08:45:00-01:00", "2026-12-07T09:05:00Z"].map((timestamp, i) => ({ ...(release.head_commit as object), id: String(i).repeat(40), timestamp }));
    await deliver(hook, "push", release);
    // Other branches, tags and deleted branches record nothing.
    for (const other of [push("refs/heads/feature/login"), push("refs/tags/v2.0.0"), push("refs/heads/main", { before: AFTER, after: "0".repeat(40), deleted: true })]) {
      expect((await deliver(hook, "push", other)).last).toBe("Published github.push");
    }
    expect((await deploymentsOf(hook)).map((d) => [d.ref, d.sha, d.committedAt?.toISOString()])).toEqual([
      ["main", AFTER, "2019-05-15T15:20:41.000Z"],
      ["release/2.x", "a".repeat(40), "2026-12-07T09:05:00.000Z"],
    ]);
  });

  it("records no push without the deployments config, and a deployment without a service when the named one does not exist", async () => {
    const plain = await github();
    expect((await deliver(plain, "push", push("refs/heads/main"))).last).toBe("Published github.push");
    expect(await deploymentsOf(plain)).toEqual([]);

    const misnamed = await github(ctx, { branches: ["main"], environment: "staging", service: "Checkout API v2" });
    expect((await deliver(misnamed, "push", push("refs/heads/main"))).last).toBe(
      `Published github.push; no service named "Checkout API v2": recorded without one; recorded deployment push:${"0".repeat(40)}..${AFTER} to staging (success)`,
    );
    expect(await deploymentsOf(misnamed)).toMatchObject([{ serviceId: null, environment: "staging" }]);
  });

  it("keeps each dataspace's deployments apart: the same GitHub deployment in two dataspaces is two deployments", async () => {
    const ours = await github();
    const theirs = await github(other);
    const id = randomInt(1, 2 ** 31);
    await deliver(ours, "deployment", deployment(id));
    await deliver(theirs, "deployment", deployment(id));
    await deliver(theirs, "deployment_status", status(id, "failure", "2026-03-05T08:00:00Z"));
    const [mine] = await deploymentsOf(ours);
    const [yours] = await deploymentsOf(theirs);
    expect([mine.dataspaceId, mine.status]).toEqual([ctx.dataspace.id, "queued"]);
    expect([yours.dataspaceId, yours.status]).toEqual([other.dataspace.id, "failure"]);
    expect(await deploymentEvents(ctx, yours.id)).toEqual([]);
  });

  it("folds a group holding a deployment and its statuses into one row and its events in order, and a second run publishes nothing", async () => {
    const hook = await github();
    const id = randomInt(1, 2 ** 31);
    // Stored as the receiver stores them but not queued, so this test's runs are the only ones.
    const store = (eventType: string, payload: Record<string, unknown>) => {
      (payload.repository as { full_name: string }).full_name = REPOSITORY;
      return db.webhookEvent.create({
        data: { dataspaceId: ctx.dataspace.id, integrationId: hook.id, eventType, headers: {}, body: JSON.stringify(payload), queuedAt: null },
        select: { id: true, dispatch: true },
      });
    };
    const group = [
      await store("deployment.created", deployment(id)),
      await store("deployment_status.created", status(id, "queued", "2026-03-06T07:00:00Z")),
      await store("deployment_status.created", status(id, "in_progress", "2026-03-06T07:01:00Z")),
      await store("deployment_status.created", status(id, "failure", "2026-03-06T07:03:00Z")),
    ];
    expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: group })).toEqual({ processed: 4, failed: 0, retrying: 0, skipped: 0 });
    const rows = await deploymentsOf(hook);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "failure", startedAt: new Date("2026-03-06T07:01:00Z"), finishedAt: new Date("2026-03-06T07:03:00Z") });
    const events = await deploymentEvents(ctx, rows[0].id);
    expect(events).toEqual([
      ["deployment.created", null, "queued", null],
      ["deployment.status_changed", "queued", "in_progress", null],
      ["deployment.status_changed", "in_progress", "failure", null],
    ]);
    expect(await Promise.all(group.map(({ id: eventId }) => lastLogLine(eventId)))).toEqual([
      `Published github.deployment.created; recorded deployment ${id} to production (queued)`,
      `Published github.deployment_status.created; deployment ${id} already recorded as reported`,
      `Published github.deployment_status.created; deployment ${id} to production: queued → in_progress`,
      `Published github.deployment_status.created; deployment ${id} to production: in_progress → failure`,
    ]);
    // The runtime delivers at least once: a second run of the same dispatch finds them done.
    expect(await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: group })).toMatchObject({ processed: 0, skipped: 4 });
    expect(await deploymentEvents(ctx, rows[0].id)).toEqual(events);
  });

  it("writes with SQL that stays in its dataspace: another dataspace's integration and id make a row of its own, another dataspace's id is refused", async () => {
    const theirs = await github(other);
    const id = randomInt(1, 2 ** 31);
    await deliver(theirs, "deployment", deployment(id));
    // The relay marks the delivery's events relayed a moment after processing: the snapshot waits for it.
    await expect.poll(() => db.event.count({ where: { dataspaceId: other.dataspace.id, relayedAt: null } }), { timeout: 10_000 }).toBe(0);
    const before = await snapshotDataspace(other.dataspace.id);
    const report = { externalId: String(id), source: "github" as const, environment: "production", ref: null, sha: null, description: "hijacked", creator: null, url: "https://evil.example.test", status: "failure" as const, at: null, service: null, committedAt: null };
    const ours = scopedDb(ctx.dataspace.id);
    // Named with our dataspace, the very key of their deployment is a new row of ours.
    await ours.$transaction((tx) => recordInboundDeployments(tx, ctx.dataspace.id, [{ integrationId: theirs.id, deployments: [report] }]));
    expect(await db.deployment.findMany({ where: { sourceIntegrationId: theirs.id }, select: { dataspaceId: true, status: true } })).toEqual(
      expect.arrayContaining([{ dataspaceId: other.dataspace.id, status: "queued" }, { dataspaceId: ctx.dataspace.id, status: "failure" }]),
    );
    // Named with theirs inside our transaction: refused (the scoped client reads only our dataspace, row-level security writes only into it).
    await expect(ours.$transaction((tx) => recordInboundDeployments(tx, other.dataspace.id, [{ integrationId: theirs.id, deployments: [report] }]))).rejects.toThrow();
    expect(await snapshotDataspace(other.dataspace.id)).toEqual(before);
  });

  it("stores what a sender may write but PostgreSQL cannot hold, and drops a sha or URL that is not one", async () => {
    const hook = await github();
    const id = randomInt(1, 2 ** 31);
    const payload = deployment(id) as { deployment: Record<string, unknown> };
    Object.assign(payload.deployment, { environment: "prod\u0000uction", description: "half \ud800 a pair", sha: "not a sha", ref: "x".repeat(400) });
    await deliver(hook, "deployment", payload as unknown as Record<string, unknown>);
    const [row] = await deploymentsOf(hook);
    expect(row).toMatchObject({ environment: "prod\ufffduction", description: "half \ufffd a pair", sha: null });
    expect(row.ref).toHaveLength(255);
    await deliver(hook, "deployment_status", status(id, "success", "2026-03-07T07:00:00Z", { environment_url: "javascript:alert(1)", target_url: "file:///etc/passwd" }));
    expect(await deploymentsOf(hook)).toMatchObject([{ id: row.id, status: "success", url: null }]);
  });
});

import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { spawnReady } from "../spawn-ready";
import { seedDataspace, seedUser, tenantFor } from "../factories";
import { apiAs } from "./api";

/**
 * An Idempotency-Key survives a crash between the operation's commit and the storing of its
 * answer (issue 12, item 3): the retry gets the original answer, and there is one object and one
 * event. The gap is held open by a trigger that stalls (or refuses) the update that stores the
 * answer, the one write that comes after the operation's commit.
 */
const FIXTURE = path.resolve(import.meta.dirname, "api-server-process.ts");

let ctx: TenantContext;
let token: string;

beforeAll(async () => {
  const owner = await seedUser();
  const space = await seedDataspace({ owner, name: "Crashes" });
  ctx = await tenantFor(owner.id, space.slug);
  token = await seedApiToken(ctx, ["admin"]);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_hold_answers() RETURNS trigger AS $$
    BEGIN
      IF current_setting('test.answers', true) = 'refuse' OR (SELECT value FROM test_answer_mode) = 'refuse' THEN RAISE EXCEPTION 'answer refused by the test'; END IF;
      IF (SELECT value FROM test_answer_mode) = 'stall' THEN PERFORM pg_sleep(120); END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_answer_mode (value text)`);
  await db.$executeRawUnsafe(`INSERT INTO test_answer_mode VALUES ('pass')`);
  // The trigger fires in the app's transactions, which run as the tenant role (row-level security).
  await db.$executeRawUnsafe(`GRANT SELECT ON test_answer_mode TO switchboard_tenant`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER hold_answers BEFORE UPDATE ON "ApiIdempotencyKey" FOR EACH ROW WHEN (NEW.status <> 0) EXECUTE FUNCTION test_hold_answers()`,
  );
});

const answerMode = (mode: "pass" | "refuse" | "stall") => db.$executeRawUnsafe(`UPDATE test_answer_mode SET value = $1`, mode);
afterEach(() => answerMode("pass"));

const countOf = async (title: string) => ({
  requests: await db.request.count({ where: { dataspaceId: ctx.dataspace.id, title } }),
  events: await db.event.count({ where: { dataspaceId: ctx.dataspace.id, type: "request.added", data: { path: ["title"], equals: title } } }),
});

describe("Idempotency-Key across a crash", () => {
  it("a retry after the answer was lost gets the original answer from the committed result; one object, one event", async () => {
    const api = apiAs(token);
    const key = crypto.randomUUID();
    const body = { title: "Lost answer", priority: "high" };
    await answerMode("refuse");
    const first = await api.post("/requests", body, { headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    const kept = await db.apiIdempotencyKey.findFirstOrThrow({ where: { key } });
    expect(kept.status).toBe(0); // the answer was not stored…
    expect(kept.responseBody).not.toBeNull(); // …but the operation's result was, with it
    await answerMode("pass");

    const retry = await api.post("/requests", body, { headers: { "idempotency-key": key } });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(retry.headers.get("idempotency-replayed")).toBe("true");
    expect(await countOf("Lost answer")).toEqual({ requests: 1, events: 1 });
    // The rebuilt answer is stored now: the next retry replays it.
    expect((await db.apiIdempotencyKey.findFirstOrThrow({ where: { key } })).status).toBe(201);
    const third = await api.post("/requests", body, { headers: { "idempotency-key": key } });
    expect(third.body).toEqual(first.body);
    expect(await countOf("Lost answer")).toEqual({ requests: 1, events: 1 });
  });

  it("creating a webhook or an integration is replayed from its committed result too: the same secret or inbound URL, one object", async () => {
    const api = apiAs(token);
    const creations = [
      { path: "/webhooks", body: { target_url: "https://hooks.example.test/lost", event_types: ["request.*"] }, count: () => db.webhookEndpoint.count({ where: { dataspaceId: ctx.dataspace.id, url: "https://hooks.example.test/lost" } }) },
      {
        path: "/integrations",
        body: { type: "github", name: "Lost answer repo", config: { repository: "lost/answer", webhookSecret: "lost-answer-secret-0123456789" } },
        count: () => db.integration.count({ where: { dataspaceId: ctx.dataspace.id, name: "Lost answer repo" } }),
      },
    ];
    for (const { path, body, count } of creations) {
      const key = crypto.randomUUID();
      await answerMode("refuse");
      const first = await api.post(path, body, { headers: { "idempotency-key": key } });
      expect(first.status).toBe(201);
      await answerMode("pass");
      const retry = await api.post(path, body, { headers: { "idempotency-key": key } });
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotency-replayed")).toBe("true");
      expect(retry.body).toEqual(first.body); // the signing secret / inbound URL shown once is the same
      expect(await count()).toBe(1);
    }
  });

  it("a reservation taken over by a retry rolls back the late operation of the first request", async () => {
    const api = apiAs(token);
    const key = crypto.randomUUID();
    const body = { title: "Taken over" };
    const { recordCommit } = await import("@/server/rest/idempotency");
    // The first request's reservation was taken over (deleted and made again by a retry) while it
    // ran: its commit must not go through.
    await expect(
      ctx.db.$transaction(async (tx) => {
        await tx.request.create({ data: { dataspaceId: ctx.dataspace.id, title: body.title, requesterId: ctx.actor.userId, lastModifiedById: ctx.actor.userId } });
        await recordCommit(tx, crypto.randomUUID(), { id: "late" });
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await countOf("Taken over")).toEqual({ requests: 0, events: 0 });
    expect((await api.post("/requests", body, { headers: { "idempotency-key": key } })).status).toBe(201);
  });

  describe("with a real server process", () => {
    let child: ChildProcess | undefined;
    afterAll(() => void child?.kill("SIGKILL"));

    async function startServer(): Promise<{ child: ChildProcess; url: string }> {
      const { child: started, ready } = await spawnReady<{ url: string }>(FIXTURE);
      return { child: started, url: ready.url };
    }

    async function kill(process: ChildProcess) {
      if (process.exitCode !== null || process.signalCode !== null) return;
      const exited = new Promise((resolve) => process.once("exit", resolve));
      process.kill("SIGKILL");
      await exited;
    }

    const post = (url: string, key: string, body: unknown) =>
      fetch(`${url}/api/v1/requests`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
      });

    it("kill -9 between the operation's commit and its answer, restart, retry: the original answer, one object, one event", { timeout: 180_000 }, async () => {
      const key = crypto.randomUUID();
      const body = { title: "Killed mid-answer", priority: "low" };
      let server = await startServer();
      child = server.child;
      await answerMode("stall");
      const lost = post(server.url, key, body).then(
        () => "answered",
        () => "connection lost",
      );
      // The operation committed and the process now stalls storing the answer: kill it there.
      const stalled = () => db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`);
      await expect.poll(async () => (await stalled()).length, { timeout: 60_000 }).toBe(1);
      expect(await countOf(body.title)).toEqual({ requests: 1, events: 1 });
      await kill(server.child);
      expect(await lost).toBe("connection lost");
      // The dead process's database session would sleep on; end it as PostgreSQL eventually would.
      for (const { pid } of await stalled()) await db.$queryRawUnsafe(`SELECT pg_terminate_backend(${pid})`);
      await answerMode("pass");

      server = await startServer();
      child = server.child;
      const retry = await post(server.url, key, body);
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotency-replayed")).toBe("true");
      const answer = await retry.json();
      const created = await db.request.findFirstOrThrow({ where: { dataspaceId: ctx.dataspace.id, title: body.title } });
      expect(answer).toMatchObject({ uuid: created.id, title: body.title, priority: "Low" });
      expect(retry.headers.get("location")).toBe(new URL(answer.api_url, server.url).href);
      expect(await countOf(body.title)).toEqual({ requests: 1, events: 1 });
      await kill(server.child);
    });
  });
});

/**
 * Outgoing webhooks benchmark: `npm run bench:webhooks`.
 *
 * The app's real delivery path, as server.ts runs it: domain events committed to the outbox, the
 * relay fanning them out to endpoints, the embedded executor running `deliver-webhook` once per
 * delivery over HTTP, each attempt signed, sent through the guarded transport and recorded in
 * PostgreSQL (embedded, started here). The receiver is a separate process on 127.0.0.1.
 * Measures, until every delivery is recorded SUCCEEDED:
 *   fan-out     1 event → 50 endpoints (BENCH_FANOUT_EVENTS events)
 *   backlog     2 000 events → 1 endpoint: committed with the relay paused, then drained; and
 *               again while being committed (the publisher shares the app process)
 *   latency     commit of the event → arrival at the receiver, p50/p99, one event every 50 ms
 *   baseline    the least durable work per delivery, same database and receiver: a bare loop
 *               doing fetch + one INSERT of the attempt, 64 in flight
 * and prints them against the targets (≥ 800 deliveries/s, p50 < 100 ms, ≥ 50 % of baseline).
 * BENCH_STRICT=1 exits 1 when a target is missed.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 40);
const BACKLOG_EVENTS = Number(process.env.BENCH_BACKLOG_EVENTS ?? 2_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const TARGETS = { deliveriesPerSecond: 800, p50Ms: 100, baselineShare: 0.5 };

/** Busy share of the app process (of one core) and of the whole machine (all cores) over a phase. */
function cpuMeter() {
  const machine = () => {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b, 0) };
  };
  const [app0, machine0, t0] = [process.cpuUsage(), machine(), performance.now()];
  return () => {
    const app = process.cpuUsage(app0);
    const m = machine();
    return { app: (app.user + app.system) / 1000 / (performance.now() - t0), machine: 1 - (m.idle - machine0.idle) / (m.total - machine0.total) };
  };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function startReceiver(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "webhook-receiver.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString().split("\n")[0]).port));
    child.once("exit", (code) => reject(new Error(`receiver exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function main() {
  const { startTestServer } = await import("../test/setup/embedded-server");
  const { createDatabase, dropDatabase } = await import("../test/setup/databases");
  const server = process.env.DATABASE_URL ? undefined : await startTestServer({ maxConnections: 100 });
  const serverUrl = process.env.DATABASE_URL ?? server!.url;
  const dbName = `bench_webhooks_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(serverUrl, dbName);
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SECRETS_KEY: `bench:${randomBytes(32).toString("base64")}`, DATABASE_POOL_SIZE: "20" });
  const { applyMigrations } = await import("../src/server/db/migrate");
  await applyMigrations(databaseUrl);

  const { startAppRuntime } = await import("../test/app-runtime");
  const { seedDataspace, seedUser, tenantFor, seedRequest } = await import("../test/factories");
  const { db, disconnectDb, closeDbPool } = await import("../src/server/db/client");
  const { publishEvent } = await import("../src/server/events/publish-event");
  const { transactionWithEvents } = await import("../src/server/events/transaction-with-events");
  const { createWebhookEndpoint } = await import("../src/server/webhooks/endpoints/manage-endpoints");
  const { createWebhookEndpointInput } = await import("../src/server/webhooks/endpoints/webhook-endpoint.schema");
  const { updateWebhookSettings } = await import("../src/server/webhooks/settings/webhook-settings");

  const receiver = await startReceiver();
  const runtime = await startAppRuntime();
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Bench" })).slug);
  await updateWebhookSettings(ctx, { allowHttp: true });
  await seedRequest(ctx, { title: "The template request" });
  const template = await db.event.findFirstOrThrow({ where: { dataspaceId: ctx.dataspace.id, type: "request.added" } });

  /** Commits `n` request.added events (100 per transaction) and returns each one's commit time. */
  const publish = async (n: number): Promise<Map<string, number>> => {
    const committed = new Map<string, number>();
    for (let i = 0; i < n; i += 100) {
      const ids = await transactionWithEvents(ctx.db, async (tx) => {
        const out: string[] = [];
        for (let j = i; j < Math.min(n, i + 100); j++) out.push((await publishEvent(tx, ctx.dataspace.id, "request.added", template.data as never)).id);
        return out;
      });
      const at = now();
      for (const id of ids) committed.set(id, at);
    }
    return committed;
  };
  const stats = async () => (await (await fetch(`${receiver.url}/stats`)).json()) as { count: number; arrivals: Record<string, number> };
  const succeeded = () => db.webhookDelivery.count({ where: { status: "SUCCEEDED" } });
  const untilSucceeded = async (target: number) => {
    let [last, progressAt] = [-1, Date.now()];
    for (;;) {
      const n = await succeeded();
      if (n >= target) return;
      if (n !== last) [last, progressAt] = [n, Date.now()];
      if (Date.now() - progressAt > 30_000) {
        const states = await db.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } });
        throw new Error(`${n} of ${target} deliveries succeeded, no progress for 30 s: ${JSON.stringify(states)}`);
      }
      await sleep(20);
    }
  };
  const endpoint = async (pathName: string) =>
    (await createWebhookEndpoint(ctx, createWebhookEndpointInput.parse({ url: `${receiver.url}${pathName}`, eventTypes: ["request.added"] }))).endpoint;
  const deactivateAll = () => db.webhookEndpoint.updateMany({ data: { isActive: false } });

  // Warm-up: JIT, keep-alive sockets, the executor's pools.
  await endpoint("/warm");
  await publish(200);
  await untilSucceeded(200);
  await deactivateAll();

  // 1. Fan-out: each event to 50 endpoints.
  for (let i = 0; i < 50; i++) await endpoint(`/fan/${i}`);
  let base = await succeeded();
  let t0 = now();
  let meter = cpuMeter();
  await publish(FANOUT_EVENTS);
  await untilSucceeded(base + FANOUT_EVENTS * 50);
  const fanoutRate = (FANOUT_EVENTS * 50 * 1000) / (now() - t0);
  const fanoutCpu = meter();
  await deactivateAll();

  // 2. Backlog: 2 000 events to one endpoint, committed while the relay is paused, then drained.
  await endpoint("/backlog");
  base = await succeeded();
  await runtime.pauseRelay();
  await publish(BACKLOG_EVENTS);
  t0 = now();
  meter = cpuMeter();
  runtime.resumeRelay();
  await untilSucceeded(base + BACKLOG_EVENTS);
  const backlogRate = (BACKLOG_EVENTS * 1000) / (now() - t0);
  const backlogCpu = meter();
  // The same while they are being committed (the publisher, domain writes, runs in this process too).
  base += BACKLOG_EVENTS;
  t0 = now();
  await publish(BACKLOG_EVENTS);
  await untilSucceeded(base + BACKLOG_EVENTS);
  const liveRate = (BACKLOG_EVENTS * 1000) / (now() - t0);
  base += BACKLOG_EVENTS;

  // 3. Latency: one event at a time, commit → arrival.
  await fetch(`${receiver.url}/reset`, { method: "POST" });
  const committed = new Map<string, number>();
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    for (const [id, at] of await publish(1)) committed.set(id, at);
    await sleep(50);
  }
  await untilSucceeded(base + LATENCY_SAMPLES);
  const { arrivals } = await stats();
  const latencies = [...committed].map(([id, at]) => arrivals[`${id}|/backlog`] - at).filter((ms) => Number.isFinite(ms));
  if (latencies.length < LATENCY_SAMPLES) throw new Error(`only ${latencies.length} of ${LATENCY_SAMPLES} latency samples arrived`);
  await runtime.stop();

  // 4. Baseline: fetch + one INSERT per delivery, 64 in flight, same database and receiver.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query("CREATE TABLE bench_baseline_attempt (id bigserial PRIMARY KEY, delivery int, status int, duration_ms int, response text, at timestamptz DEFAULT now())");
  const body = JSON.stringify({ hook: { event: "request.added" }, data: template.data });
  let next = 0;
  t0 = now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (let i = next++; i < BACKLOG_EVENTS; i = next++) {
        const started = now();
        const response = await fetch(`${receiver.url}/baseline`, { method: "POST", headers: { "content-type": "application/json" }, body });
        const text = await response.text();
        await pool.query("INSERT INTO bench_baseline_attempt (delivery, status, duration_ms, response) VALUES ($1, $2, $3, $4)", [i, response.status, Math.round(now() - started), text]);
      }
    }),
  );
  const baselineRate = (BACKLOG_EVENTS * 1000) / (now() - t0);
  await pool.end();

  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const sustained = Math.min(fanoutRate, backlogRate);
  const share = backlogRate / baselineRate;
  const row = (label: string, value: string, target: string, ok: boolean) => console.log(`  ${label.padEnd(40)} ${value.padStart(12)}   target ${target.padEnd(10)} ${ok ? "ok" : "MISSED"}`);
  console.log(`\noutgoing webhooks, embedded runtime + PostgreSQL, receiver in its own process, node ${process.version}`);
  row(`1 event → 50 endpoints (${FANOUT_EVENTS * 50} deliveries)`, `${fanoutRate.toFixed(0)}/s`, `≥ ${TARGETS.deliveriesPerSecond}/s`, fanoutRate >= TARGETS.deliveriesPerSecond);
  row(`${BACKLOG_EVENTS} events → 1 endpoint (a backlog)`, `${backlogRate.toFixed(0)}/s`, `≥ ${TARGETS.deliveriesPerSecond}/s`, backlogRate >= TARGETS.deliveriesPerSecond);
  row("  … while being committed in this process", `${liveRate.toFixed(0)}/s`, "-", true);
  const busy = (cpu: { app: number; machine: number }) => `app process ${(cpu.app * 100).toFixed(0)} % of a core, machine ${(cpu.machine * 100).toFixed(0)} % busy`;
  console.log(`    fan-out: ${busy(fanoutCpu)}; backlog: ${busy(backlogCpu)}`);
  row("publish → receipt p50", `${p50.toFixed(1)} ms`, `< ${TARGETS.p50Ms} ms`, p50 < TARGETS.p50Ms);
  row("publish → receipt p99", `${p99.toFixed(1)} ms`, "-", true);
  row("baseline: fetch + INSERT, 64 in flight", `${baselineRate.toFixed(0)}/s`, "-", true);
  row("backlog rate / baseline", `${(share * 100).toFixed(0)} %`, `≥ ${TARGETS.baselineShare * 100} %`, share >= TARGETS.baselineShare);

  receiver.stop();
  await disconnectDb();
  await closeDbPool();
  await dropDatabase(serverUrl, dbName);
  await server?.stop();
  const missed = sustained < TARGETS.deliveriesPerSecond || p50 >= TARGETS.p50Ms || share < TARGETS.baselineShare;
  if (missed && process.env.BENCH_STRICT === "1") process.exit(1);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Runtime benchmark: `npm run bench:runtime`.
 *
 * The embedded executor driving a real SDK `serve()` endpoint over HTTP — the Web-standard
 * handler behind node:http, exactly as server.ts serves /api/inngest — state in a real
 * PostgreSQL (embedded, started here; or the local server of DATABASE_URL, on a new database
 * dropped at the end). Measures:
 *   latency     event sent → first step running, p50/p99, at a moderate steady rate
 *   throughput  three-step runs completed per second with a backlog of BENCH_RUNS runs
 *   overhead    per-step cost of a 10-step run (and a 40-step one: a call that does not
 *               checkpoint replays every memoized step, so there the cost grows with the step
 *               count) vs calling the same step code directly
 * and prints them against the targets (p50 < 50 ms, ≥ 300 runs/s, < 5 ms a step). With SDK v4
 * checkpointing a three-step run takes one SDK request (plus one checkpoint call per step); the
 * "SDK requests per three-step run" row shows it, so a silent fallback to step-by-step shows.
 * BENCH_STRICT=1 exits 1 when a target is missed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { httpFetch } from "../inngest/http-fetch";
import { Inngest } from "inngest";
import { serve } from "inngest/edge";
import { serveWebHandler } from "../src/server/http/node-web-adapter";
import pg from "pg";
import { startEmbeddedExecutor } from "../inngest/embedded/executor";
import { ensureRuntimeSchema } from "../inngest/embedded/__fixtures__/schema";
import { applyMigrations } from "../src/server/db/migrate";
import { createDatabase, dropDatabase } from "../test/setup/databases";
import { startTestServer, type TestServer } from "../test/setup/embedded-server";

const RUNS = Number(process.env.BENCH_RUNS ?? 3_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const STEP_COUNTS = [10, 40];
const TARGETS = { p50Ms: 50, runsPerSecond: 300, stepOverheadMs: 5 };

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const debug = (message: string) => process.env.BENCH_DEBUG && console.log(`  [bench] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const work = (n: number) => ({ n, at: n * 2 }); // the step body: trivial on purpose

async function main() {
  let server: TestServer | undefined;
  const serverUrl = process.env.DATABASE_URL ?? (server = await startTestServer()).url;
  const dbName = `bench_runtime_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(serverUrl, dbName);
  await applyMigrations(databaseUrl);
  await ensureRuntimeSchema(databaseUrl);

  const firstStepAt = new Map<string, number>();
  let longRunSteps: number[] = [];
  let threeCalls = 0; // SDK requests that ran the three-step function (each enters its body once)
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const app = http.createServer((req, res) => handler(req, res));
  app.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  const executor = await startEmbeddedExecutor({ databaseUrl, serveUrl, log: (m) => console.log(`  [executor] ${m}`) });
  // The same SDK transport as the app's client (inngest/client.ts).
  const inngest = new Inngest({ id: "bench", baseUrl: executor.url, isDev: true, logger: quiet, fetch: httpFetch });
  // Served exactly as server.ts serves /api/inngest: the Web-standard handler behind node:http.
  const web = serve({
    client: inngest,
    servePath: "/api/inngest",
    functions: [
      inngest.createFunction({ id: "three", retries: 0, triggers: [{ event: "bench/three" }] }, async ({ event, step }) => {
        threeCalls++;
        const a = await step.run("a", () => {
          if (!firstStepAt.has(event.data.key)) firstStepAt.set(event.data.key, performance.timeOrigin + performance.now());
          return work(1);
        });
        const b = await step.run("b", () => work(a.n + 1));
        return step.run("c", () => work(b.n + 1));
      }),
      inngest.createFunction({ id: "long", retries: 0, triggers: [{ event: "bench/long" }] }, async ({ event, step }) => {
        for (let i = 0; i < Number(event.data.steps); i++) await step.run(`s${i}`, () => (longRunSteps.push(Date.now()), work(i)));
        return "done";
      }),
    ],
  });
  handler = (req, res) => void serveWebHandler(web, req, res);
  await executor.sync();
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on("error", () => {});
  const completed = async (fn: string) =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM runtime_run WHERE function_id = $1 AND status = 'COMPLETED'", [fn])).rows[0].n;
  // Bounded: a run that never completes stops the benchmark with the runtime's state, not a hang.
  const untilCompleted = async (fn: string, target: number, pollMs: number) => {
    let last = -1;
    let progressAt = Date.now();
    for (;;) {
      const n = await completed(fn);
      if (n >= target) return;
      if (n !== last) [last, progressAt] = [n, Date.now()];
      if (Date.now() - progressAt > 30_000) {
        const state = await db.query("SELECT status, count(*)::int AS n, max(error::text) AS error FROM runtime_run GROUP BY status");
        throw new Error(`${fn}: ${n} of ${target} runs completed, no progress for 30 s; runs: ${JSON.stringify(state.rows)}`);
      }
      await sleep(pollMs);
    }
  };

  // Warm up connections and JIT.
  await inngest.send(Array.from({ length: 50 }, (_, i) => ({ name: "bench/three", data: { key: `warm-${i}` } })));
  await untilCompleted("bench-three", 50, 20);

  debug("warmed up");
  // 1. Latency: one event at a time, 25 ms apart (40 events/s), first step timestamped in the function.
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const key = `lat-${i}`;
    const sentAt = performance.timeOrigin + performance.now();
    await inngest.send({ name: "bench/three", data: { key } });
    for (const until = Date.now() + 30_000; !firstStepAt.has(key); await sleep(1)) {
      if (Date.now() > until) throw new Error(`latency sample ${key}: no first step within 30 s`);
    }
    latencies.push(firstStepAt.get(key)! - sentAt);
    await sleep(25);
  }
  await untilCompleted("bench-three", 50 + LATENCY_SAMPLES, 20);

  debug("latency measured");
  // 2. Throughput: a backlog of RUNS events (sent in batches of 100), until all completed.
  const before = await completed("bench-three");
  const callsBefore = threeCalls;
  const started = Date.now();
  for (let i = 0; i < RUNS; i += 100) {
    await inngest.send(Array.from({ length: Math.min(100, RUNS - i) }, (_, j) => ({ name: "bench/three", data: { key: `tp-${i + j}` } })));
  }
  const sentIn = Date.now() - started;
  debug(`throughput: events sent in ${sentIn} ms`);
  await untilCompleted("bench-three", before + RUNS, 50);
  const throughputMs = Date.now() - started;
  const runsPerSecond = (RUNS / throughputMs) * 1_000;
  const callsPerRun = (threeCalls - callsBefore) / RUNS;

  // 3. Per-step overhead: one run alone at a time, vs the same step bodies called directly.
  const direct = (() => {
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) work(i);
    return (performance.now() - t0) / 10_000;
  })();
  const overhead: Record<number, number> = {};
  let longRuns = 0;
  for (const steps of STEP_COUNTS) {
    const perStep: number[] = [];
    for (let r = 0; r < 5; r++) {
      longRunSteps = [];
      const t0 = Date.now();
      await inngest.send({ name: "bench/long", data: { steps } });
      await untilCompleted("bench-long", longRuns + 1, 2);
      longRuns++;
      perStep.push((Date.now() - t0) / steps);
      if (process.env.BENCH_DEBUG) console.log("gaps", longRunSteps.slice(1).map((t, i) => t - longRunSteps[i]).join(" "));
    }
    overhead[steps] = percentile(perStep, 50) - direct;
  }
  const stepOverhead = overhead[STEP_COUNTS[0]];

  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const row = (label: string, value: string, target: string, ok: boolean) => console.log(`  ${label.padEnd(34)} ${value.padStart(12)}   target ${target.padEnd(10)} ${ok ? "ok" : "MISSED"}`);
  console.log(`\nembedded executor, ${RUNS} three-step runs (events sent in ${sentIn} ms), ${LATENCY_SAMPLES} latency samples, node ${process.version}`);
  row("event → first step p50", `${p50.toFixed(1)} ms`, `< ${TARGETS.p50Ms} ms`, p50 < TARGETS.p50Ms);
  row("event → first step p99", `${p99.toFixed(1)} ms`, "-", true);
  row("three-step runs per second", runsPerSecond.toFixed(0), `≥ ${TARGETS.runsPerSecond}`, runsPerSecond >= TARGETS.runsPerSecond);
  row("  SDK requests per three-step run", callsPerRun.toFixed(2), "-", true);
  row(`per-step overhead (${STEP_COUNTS[0]}-step run)`, `${stepOverhead.toFixed(2)} ms`, `< ${TARGETS.stepOverheadMs} ms`, stepOverhead < TARGETS.stepOverheadMs);
  row(`per-step overhead (${STEP_COUNTS[1]}-step run)`, `${overhead[STEP_COUNTS[1]].toFixed(2)} ms`, "-", true);
  row("  (step body called directly)", `${(direct * 1000).toFixed(2)} µs`, "-", true);

  await executor.stop();
  await db.end();
  app.closeAllConnections();
  app.close();
  await dropDatabase(serverUrl, dbName);
  await server?.stop();
  const missed = p50 >= TARGETS.p50Ms || runsPerSecond < TARGETS.runsPerSecond || stepOverhead >= TARGETS.stepOverheadMs;
  if (missed && process.env.BENCH_STRICT === "1") process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

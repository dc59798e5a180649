/**
 * Issue sync benchmark: `npm run bench:sync`.
 *
 * The production server (`server.ts` over the `next build` output, as `npm start` runs it; the
 * build is made first if missing) on a real PostgreSQL (embedded, durable), the durable runtime in
 * the same server as in production, against the stateful GitHub fake (in this process, every
 * answer delayed by 20 ms as a realistic API round trip, its webhooks signed and posted back to
 * the integration's inbound URL, its contract gate checking every call).
 *
 * 1. 1 000 requests created through `POST /api/v1/requests` (BENCH_CONNECTIONS at once, 20) in a
 *    dataspace whose GitHub integration syncs every request: issues made per second (first post
 *    → last issue on the fake), and commit-to-issue latency p50/p99 (the request's 201 → the
 *    fake's create call for it).
 * 2. Round trip: 50 times (after 3 unmeasured), a person comments on a synced issue on the fake;
 *    the time until the request has the comment (the fake's webhook → the inbound URL →
 *    processing): p50/p99.
 * Where the time goes: the fake's calls per issue, the runtime's runs (queue wait and duration),
 * and CPU of the server and PostgreSQL.
 *
 * Targets: ≥ 200 issues/s, round trip p50 < 150 ms, no contract violations, one issue per
 * request. BENCH_REQUESTS (1 000), BENCH_CONNECTIONS (20), BENCH_LATENCY_MS (20) change the
 * load; BENCH_STRICT=1 exits 1 on a miss. Results also go to bench/.out/sync-<time>.json.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DURABLE, startBenchDatabase } from "./bench-database";
import { cpuSeconds, machineSpeedMs, postgresPids } from "./cpu";
import { startBenchApp } from "./production-server";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const ROUND_TRIPS = 50;
const ROUND_TRIP_WARMUP = 3;
const TARGETS = { issuesPerSecond: 200, roundTripP50Ms: 150 };
const root = path.resolve(import.meta.dirname, "..");
// Counts every statement, so the report can say how many each issue cost and which.
const STATEMENT_STATS = ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all"];
const REQUEST_ID = /switchboard:request=([0-9a-f-]{36})/;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { server, dbName, databaseUrl, secretsKey } = await startBenchDatabase("bench_sync", { extraFlags: [...DURABLE, ...STATEMENT_STATS] });

  const { startFakeGithub } = await import("../src/server/integrations/github/fake/fake-github");
  const fake = await startFakeGithub({ latencyMs: LATENCY_MS, rateLimit: 1_000_000 });
  const repo = "bench/app";
  fake.addUser({ login: "switchboard-bot", token: "ghp_bench_token_0123456789", scopes: ["repo"] });
  fake.addUser({ login: "alice", token: "ghp_alice_token_0123456789", scopes: ["repo"] });
  fake.addRepo({ fullName: repo, collaborators: ["switchboard-bot", "alice"] });

  const { seedDataspace, seedUser, tenantFor, seedIntegration } = await import("../test/factories");
  const { seedApiToken } = await import("../test/api-token-fixtures");
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Bench" })).slug);
  const webhookSecret = randomBytes(24).toString("hex");
  const github = await seedIntegration(ctx, {
    type: "GITHUB",
    name: "GitHub bench/app",
    config: { repository: repo, webhookSecret, token: "ghp_bench_token_0123456789", apiUrl: fake.url, issueSync: { direction: "both", priorityLabels: { urgent: "P0" } } },
  });
  const token = await seedApiToken(ctx, ["requests:write"]);
  const { app, port } = await startBenchApp({ databaseUrl, secretsKey, dbName }, { INBOUND_RATE_LIMIT_PER_MINUTE: "100000000", WEBHOOK_ALLOWED_TARGETS: "127.0.0.1" });
  const base = `http://127.0.0.1:${port}`;
  fake.addHook({ repo, url: `${base}${github.path}`, secret: webhookSecret });
  const pgPort = Number(new URL(databaseUrl).port);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const statementStats = server ? await pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").then(() => true) : false;
  const post = async (title: string) => {
    const response = await fetch(`${base}/api/v1/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ title, notes: `Benchmark request ${title}: what the sync sends as the issue's description.` }),
    });
    if (response.status !== 201) throw new Error(`POST /api/v1/requests answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { uuid: string }).uuid;
  };

  // Warm up: the first calls compile routes and functions.
  for (let i = 0; i < 3; i++) await post(`warm-up ${i}`);
  while (fake.issues(repo).length < 3) await sleep(20);
  await fake.settled();

  // ---- 1. requests → issues
  machineSpeedMs();
  const speedBefore = machineSpeedMs();
  const before = { app: cpuSeconds([app.pid!]), pg: cpuSeconds(postgresPids(pgPort)), calls: fake.requests.length };
  if (statementStats) await pool.query("SELECT pg_stat_statements_reset()");
  const committedAt = new Map<string, number>();
  let next = 0;
  const firstPost = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < REQUESTS) {
        const index = next++;
        const id = await post(`Bench request ${index}`);
        committedAt.set(id, Date.now());
      }
    }),
  );
  const postSeconds = (Date.now() - firstPost) / 1000;
  const want = REQUESTS + 3;
  while (fake.issues(repo).length < want) {
    if (Date.now() - firstPost > 300_000) throw new Error(`only ${fake.issues(repo).length} of ${want} issues after 5 minutes`);
    await sleep(10);
  }
  const creates = fake.requests.filter((r) => r.operationId === "issues/create" && r.status === 201);
  const createdAt = new Map(creates.map((r) => [REQUEST_ID.exec(String((r.body as { body?: string }).body))?.[1] ?? "", r.at]));
  const lastIssue = Math.max(...[...committedAt.keys()].map((id) => createdAt.get(id) ?? 0));
  const syncSeconds = (lastIssue - firstPost) / 1000;
  const issuesPerSecond = REQUESTS / syncSeconds;
  const commitToIssue = sorted([...committedAt].map(([id, at]) => (createdAt.get(id) ?? NaN) - at));
  await fake.settled();
  const cpu = { app: (cpuSeconds([app.pid!]) - before.app) / syncSeconds, pg: (cpuSeconds(postgresPids(pgPort)) - before.pg) / syncSeconds };
  const calls = fake.requests.slice(before.calls);
  const byOperation = new Map<string, number>();
  for (const call of calls) byOperation.set(call.operationId ?? "?", (byOperation.get(call.operationId ?? "?") ?? 0) + 1);
  const runs = (
    await pool.query<{ fn: string; wait: number; duration: number }>(
      `SELECT function_id AS fn, (extract(epoch FROM started_at - created_at) * 1000)::float8 AS wait, (extract(epoch FROM ended_at - started_at) * 1000)::float8 AS duration
       FROM runtime_run WHERE started_at IS NOT NULL AND ended_at IS NOT NULL AND created_at >= to_timestamp($1 / 1000.0)`,
      [firstPost],
    )
  ).rows;
  const statements = statementStats
    ? (
        await pool.query<{ query: string; calls: string }>(
          `SELECT s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY s.calls DESC`,
          [dbName],
        )
      ).rows.map((row) => ({ query: row.query.replace(/\s+/g, " "), calls: Number(row.calls) }))
    : [];
  const pushRuns = runs.filter((r) => r.fn.endsWith("issue-sync-push-request"));
  const duplicates = fake.issues(repo).length - want;

  // ---- 2. a comment on the fake → the request's comment
  const linked = (await pool.query<{ requestId: string; externalId: string }>(`SELECT "requestId", "externalId" FROM "IssueLink" WHERE "externalId" IS NOT NULL LIMIT $1`, [ROUND_TRIPS + ROUND_TRIP_WARMUP])).rows;
  const roundTrips: number[] = [];
  for (let i = 0; i < ROUND_TRIPS + ROUND_TRIP_WARMUP; i++) {
    const text = `Round trip ${i} ${randomBytes(4).toString("hex")}`;
    const started = performance.now();
    fake.userComments({ repo, number: Number(linked[i].externalId), body: text, login: "alice" });
    for (;;) {
      const { rows } = await pool.query(`SELECT 1 FROM "RequestComment" WHERE "requestId" = $1 AND text = $2`, [linked[i].requestId, text]);
      if (rows.length > 0) break;
      if (performance.now() - started > 30_000) throw new Error(`comment ${i} did not arrive within 30 s`);
      await sleep(2);
    }
    if (i >= ROUND_TRIP_WARMUP) roundTrips.push(performance.now() - started);
  }
  const trips = sorted(roundTrips);
  const speedAfter = machineSpeedMs();
  const violations = [...fake.violations];

  await pool.end();
  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));
  await fake.close();
  await server?.stop();

  const checks = {
    issues: issuesPerSecond >= TARGETS.issuesPerSecond,
    roundTrip: percentile(trips, 0.5) < TARGETS.roundTripP50Ms,
    violations: violations.length === 0,
    duplicates: duplicates === 0,
  };
  const row = (label: string, value: string, target: string, ok: boolean) => console.log(`  ${label.padEnd(46)} ${value.padStart(16)}   target ${target.padEnd(10)} ${ok ? "ok" : "MISSED"}`);
  const note = (label: string, value: string) => console.log(`    ${label.padEnd(44)} ${value.padStart(16)}`);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  console.log(`\nissue sync, production server.ts (runtime in the same process) + PostgreSQL with fsync on + GitHub fake answering in ${LATENCY_MS} ms, node ${process.version}`);
  console.log(`\n1. ${REQUESTS} requests created (POST /api/v1/requests, ${CONNECTIONS} at once) → issues on the fake`);
  row("issues made/s (first post → last issue)", `${issuesPerSecond.toFixed(0)}/s`, `≥ ${TARGETS.issuesPerSecond}/s`, checks.issues);
  note("requests created/s (POSTs alone)", `${(REQUESTS / postSeconds).toFixed(0)}/s`);
  row("commit → issue on the fake, p50", ms(percentile(commitToIssue, 0.5)), "-", true);
  row("commit → issue on the fake, p99", ms(percentile(commitToIssue, 0.99)), "-", true);
  row("issues beyond one per request", String(duplicates), "0", checks.duplicates);
  console.log("  where the time goes:");
  note("fake calls (each ≥ latency)", [...byOperation].map(([op, n]) => `${op} ${n}`).join(", "));
  note("push runs: queue wait p50 / p99", `${ms(percentile(sorted(pushRuns.map((r) => r.wait)), 0.5))} / ${ms(percentile(sorted(pushRuns.map((r) => r.wait)), 0.99))}`);
  note("push runs: duration p50 / p99", `${ms(percentile(sorted(pushRuns.map((r) => r.duration)), 0.5))} / ${ms(percentile(sorted(pushRuns.map((r) => r.duration)), 0.99))}`);
  note("runs by function (mean duration)", "");
  const fns = new Map<string, number[]>();
  for (const run of runs) fns.set(run.fn.replace(/^.*?-(?=[a-z]+-[a-z])/, ""), [...(fns.get(run.fn.replace(/^.*?-(?=[a-z]+-[a-z])/, "")) ?? []), run.duration]);
  for (const [fn, durations] of fns) console.log(`      ${fn.padEnd(40)} ${String(durations.length).padStart(6)} runs ${ms(avg(durations)).padStart(8)}`);
  if (statements.length) {
    note("SQL statements per issue", (statements.reduce((sum, s) => sum + s.calls, 0) / REQUESTS).toFixed(1));
    for (const s of statements.slice(0, Number(process.env.BENCH_STATEMENTS ?? 12))) console.log(`      ${(s.calls / REQUESTS).toFixed(2).padStart(6)}  ${s.query.slice(0, 150)}`);
  }
  note("server process / PostgreSQL CPU", `${(cpu.app * 100).toFixed(0)} % / ${(cpu.pg * 100).toFixed(0)} %`);
  note("CPU per issue: server / PostgreSQL", `${((cpu.app / issuesPerSecond) * 1000).toFixed(2)} / ${((cpu.pg / issuesPerSecond) * 1000).toFixed(2)} ms`);
  note("machine speed before / after (lower is faster)", `${speedBefore} / ${speedAfter} ms`);
  console.log(`\n2. a comment on the fake's issue → the request's comment, ${ROUND_TRIPS} one after the other`);
  row("round trip, p50", ms(percentile(trips, 0.5)), `< ${TARGETS.roundTripP50Ms} ms`, checks.roundTrip);
  row("round trip, p99", ms(percentile(trips, 0.99)), "-", true);
  row("requests the real API would refuse", String(violations.length), "0", checks.violations);
  for (const violation of violations.slice(0, 5)) console.log(`      ${violation}`);

  const outDir = path.join(import.meta.dirname, ".out");
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `sync-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(
    file,
    JSON.stringify(
      {
        node: process.version,
        requests: REQUESTS,
        connections: CONNECTIONS,
        latencyMs: LATENCY_MS,
        issuesPerSecond,
        commitToIssueMs: { p50: percentile(commitToIssue, 0.5), p99: percentile(commitToIssue, 0.99) },
        roundTripMs: { p50: percentile(trips, 0.5), p99: percentile(trips, 0.99) },
        fakeCalls: Object.fromEntries(byOperation),
        cpu,
        machineSpeedMs: { before: speedBefore, after: speedAfter },
        violations: violations.length,
        duplicates,
        checks,
        statementsPerIssue: statements.map((s) => ({ perIssue: s.calls / REQUESTS, query: s.query })),
      },
      null,
      2,
    ),
  );
  console.log(`\n  results: ${path.relative(root, file)}`);
  if (process.env.BENCH_STRICT === "1" && Object.values(checks).some((ok) => !ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

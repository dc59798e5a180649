/**
 * REST API benchmark: `npm run bench:api`.
 *
 * The production server (`server.ts` with the `next build` output, as `npm start` runs it; built
 * first if missing) on a real PostgreSQL (embedded, started here), at a fixed 200 requests/s,
 * each phase with its own token:
 *   - GET /api/v1/requests?limit=100: a page of 100 whole request objects;
 *   - POST /api/v1/requests: a create (the row and its request.added event, relayed meanwhile);
 *   - no token (401: routing and a problem response, no database) and a valid token without the
 *     route's scope (403: token lookup and rate-limit lease, nothing else), to show what
 *     authentication costs.
 * Each phase runs under two load shapes at the same rate (creates last, and each waits for the
 * relay to hand the previous phase's events on, so no phase pays for another's backlog):
 *   - autocannon `overallRate`: each connection sends its share of the second back to back as
 *     soon as the second starts, then waits — bursts of BENCH_CONNECTIONS concurrent requests;
 *   - paced: one request every 1000/rate ms (open loop, keep-alive), as independent clients arrive.
 * Prints p50/p95/p99, CPU of the server, PostgreSQL and the load generator, and the targets
 * (list and create p95 < 50 ms). BENCH_STRICT=1 exits 1 on a miss; BENCH_PROFILE=<dir> has the
 * server write a CPU profile there.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import pg from "pg";
import { cpuSeconds, machineTicks, postgresPids } from "./cpu";
import { paced } from "./paced";
import { startBenchApp } from "./production-server";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET_P95_MS = 50;
const root = path.resolve(import.meta.dirname, "..");

type Target = { url: string; method?: "GET" | "POST"; token?: string; body?: string };
type Sample = { times: number[]; statuses: Record<string, number>; errors: number };
type Result = { label: string; shape: string; p50: number; p95: number; p99: number; statuses: Record<string, number>; errors: number; cpu: string };

const headersOf = (target: Target) => ({
  ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
  ...(target.body ? { "content-type": "application/json" } : {}),
});

/** autocannon at `overallRate`; every response's latency kept (its own summary has no p95). */
function burst(target: Target): Promise<Sample> {
  const sample: Sample = { times: [], statuses: {}, errors: 0 };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, method: target.method ?? "GET", connections: CONNECTIONS, overallRate: RATE, duration: DURATION, headers: headersOf(target), body: target.body },
      (error, result) => (error ? reject(error) : resolve({ ...sample, errors: result.errors })),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      sample.statuses[status] = (sample.statuses[status] ?? 0) + 1;
      sample.times.push(ms);
    });
  });
}

const pacedAtRate = (target: Target): Promise<Sample> => paced({ url: target.url, method: target.method, headers: headersOf(target), body: target.body }, RATE, DURATION);

async function measure(label: string, shape: "autocannon" | "paced", target: Target, watched: { app: number; pgPort: number }): Promise<Result> {
  const pg = postgresPids(watched.pgPort);
  const before = { app: cpuSeconds([watched.app]), pg: cpuSeconds(pg), self: process.cpuUsage(), machine: machineTicks(), at: performance.now() };
  const sample = await (shape === "paced" ? pacedAtRate(target) : burst(target));
  const seconds = (performance.now() - before.at) / 1000;
  const share = (used: number) => `${Math.max(0, (used / seconds) * 100).toFixed(0)} %`;
  const self = process.cpuUsage(before.self);
  const machine = machineTicks();
  const busy = ((machine.busy - before.machine.busy) / (machine.total - before.machine.total)) * 100;
  const cpu = `server ${share(cpuSeconds([watched.app]) - before.app)}, PostgreSQL ${share(cpuSeconds([...new Set([...pg, ...postgresPids(watched.pgPort)])]) - before.pg)}, load generator ${share((self.user + self.system) / 1e6)}; machine ${busy.toFixed(0)} % busy (of ${availableParallelism()} cores)`;
  const times = sample.times.sort((a, b) => a - b);
  const at = (q: number) => Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN).toFixed(1));
  return { label, shape, p50: at(0.5), p95: at(0.95), p99: at(0.99), statuses: sample.statuses, errors: sample.errors, cpu };
}

/** Waits until the server's relay has handed every committed event to the runtime. */
async function outboxDrained(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let waited = 0; waited < 120_000; waited += 250) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Event" WHERE "relayedAt" IS NULL`);
      if (rows[0].n === "0") return;
      await sleep(250);
    }
    throw new Error("the outbox did not drain within two minutes");
  } finally {
    await client.end();
  }
}

async function main() {
  const { startTestServer } = await import("../test/setup/embedded-server");
  const { createDatabase, dropDatabase } = await import("../test/setup/databases");
  const server = process.env.DATABASE_URL ? undefined : await startTestServer({ maxConnections: 100 });
  const serverUrl = process.env.DATABASE_URL ?? server!.url;
  const dbName = `bench_api_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(serverUrl, dbName);
  const secretsKey = `bench:${randomBytes(32).toString("base64")}`;
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SECRETS_KEY: secretsKey });
  const { applyMigrations } = await import("../src/server/db/migrate");
  await applyMigrations(databaseUrl);

  // One dataspace with 150 requests (some with comments), made through the domain, and tokens.
  const { seedDataspace, seedUser, tenantFor, seedRequest, addMember } = await import("../test/factories");
  const { addRequestComment } = await import("../src/server/records/requests/add-request-comment");
  const { seedApiToken } = await import("../test/api-token-fixtures");
  const owner = await seedUser();
  const member = await seedUser();
  const space = await seedDataspace({ owner, name: "Bench" });
  await addMember(space, member, "MEMBER");
  const ctx = await tenantFor(owner.id, space.slug);
  for (let i = 0; i < 150; i++) {
    const request = await seedRequest(ctx, { title: `Bench request ${i}`, priority: "high", assigneeId: i % 2 ? member.id : null, notes: "Seeded by bench/api.ts", serializedData: { Team: "Platform", Points: i } });
    if (i % 10 === 0) await addRequestComment(ctx, { requestId: request.id, text: `Comment on ${i}` });
  }
  const tokens = { list: await seedApiToken(ctx, ["read"]), create: await seedApiToken(ctx, ["write"]), scopeless: await seedApiToken(ctx, ["events:admin"]) };
  const { app, port } = await startBenchApp({ databaseUrl, secretsKey, dbName });
  const api = `http://127.0.0.1:${port}/api/v1`;
  const probe = await fetch(`${api}/requests?limit=100`, { headers: { authorization: `Bearer ${tokens.list}` } });
  const page = (await probe.json()) as { results: unknown[] };
  if (probe.status !== 200 || page.results.length !== 100) throw new Error(`the list answered ${probe.status} with ${page.results?.length} requests`);

  const watched = { app: app.pid!, pgPort: Number(new URL(serverUrl).port) };
  const phases: [string, Target, string][] = [
    ["no token (401)", { url: `${api}/requests` }, "401"],
    ["token, missing scope (403)", { url: `${api}/requests`, token: tokens.scopeless }, "403"],
    ["list 100 requests", { url: `${api}/requests?limit=100`, token: tokens.list }, "200"],
    ["create a request", { url: `${api}/requests`, method: "POST", token: tokens.create, body: JSON.stringify({ title: "Created by the benchmark", priority: "normal", notes: "load" }) }, "201"],
  ];
  await measure("warm-up", "paced", phases[2][1], watched);
  const results: (Result & { expected: string })[] = [];
  for (const [label, target, expected] of phases) {
    for (const shape of ["autocannon", "paced"] as const) {
      results.push({ ...(await measure(label, shape, target, watched)), expected });
      // Creates leave events for the relay; the next phase starts once they are relayed.
      if (target.method === "POST") await outboxDrained(databaseUrl);
    }
  }
  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));

  // What verifying a token costs in itself: one SHA-256 of the token string.
  const { hashApiToken } = await import("../src/server/api-tokens/token-string");
  const started = performance.now();
  for (let i = 0; i < 100_000; i++) hashApiToken(tokens.list);
  const hashMicros = ((performance.now() - started) * 1000) / 100_000;

  console.log(`\nREST API, production server.ts + PostgreSQL, ${RATE} req/s × ${DURATION} s per phase, node ${process.version}`);
  const ok = (r: Result & { expected: string }) => r.p95 < TARGET_P95_MS && Object.keys(r.statuses).every((s) => s === r.expected) && r.errors === 0;
  for (const shape of ["autocannon", "paced"]) {
    console.log(shape === "paced" ? `\n  paced: one request every ${1000 / RATE} ms` : `\n  autocannon overallRate, ${CONNECTIONS} connections (bursts of ${CONNECTIONS} at each second's start)`);
    console.log(`  ${"phase".padEnd(28)} ${"p50".padStart(6)} ${"p95".padStart(6)} ${"p99".padStart(6)}  answers`);
    for (const r of results.filter((x) => x.shape === shape)) {
      const answers = Object.entries(r.statuses).map(([status, count]) => `${status}×${count}`).join(" ") + (r.errors ? `, ${r.errors} errors` : "");
      const verdict = r.expected === "200" || r.expected === "201" ? `   target p95 < ${TARGET_P95_MS} ms: ${ok(r) ? "ok" : "MISSED"}` : "";
      console.log(`  ${r.label.padEnd(28)} ${`${r.p50}`.padStart(6)} ${`${r.p95}`.padStart(6)} ${`${r.p99}`.padStart(6)}  ${answers}${verdict}`);
      console.log(`  ${"".padEnd(28)} CPU: ${r.cpu}`);
    }
  }
  const [floor, auth, listed] = results.filter((r) => r.shape === "paced");
  const tokenMs = Math.max(0, auth.p50 - floor.p50);
  console.log(`\n  token check (paced 403 p50 − 401 p50): ${tokenMs.toFixed(1)} ms, ${((tokenMs / listed.p50) * 100).toFixed(0)} % of the list's p50 (${listed.p50} ms); SHA-256 of a token: ${hashMicros.toFixed(2)} µs`);

  await dropDatabase(serverUrl, dbName);
  await server?.stop();
  rmSync(path.join(root, ".data", dbName), { recursive: true, force: true });
  const missed = results.some((r) => (r.expected === "200" || r.expected === "201") && !ok(r));
  process.exit(missed && process.env.BENCH_STRICT === "1" ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Inbound webhooks benchmark: `npm run bench:inbound`.
 *
 * autocannon against the production server (`server.ts` with the `next build` output, as
 * `npm start` runs it; the build is made first if missing) on a real PostgreSQL (embedded,
 * started here): signed GitHub `pull_request` deliveries (a real example payload, a fresh
 * X-GitHub-Delivery per request, so none is a duplicate) to one integration's inbound URL.
 * Processing runs in the same server meanwhile, as it would in production. Prints deliveries
 * acknowledged per second and p50/p99 latency, the CPU each delivery cost the server and
 * PostgreSQL, how far processing fell behind and when it caught up, and, as the baseline in the
 * same run, a bare node:http server doing one INSERT per request on the same database, with the
 * ratio. PostgreSQL runs durable (fsync on), as in production, for both.
 * Targets: ≥ 2 000/s, p99 < 50 ms, ≥ 60 % of the baseline. BENCH_STRICT=1 exits 1 on a miss.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { cpuSeconds, machineTicks, postgresPids } from "./cpu";
import { startProductionServer } from "./production-server";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TARGETS = { perSecond: 2_000, p99Ms: 50, baselineShare: 0.6 };
const root = path.resolve(import.meta.dirname, "..");
// PostgreSQL as production runs it (the test server turns durability off for speed): every
// acknowledged delivery is on disk before its 202.
const DURABLE = ["-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"];

type Result = { perSecond: number; p50: number; p99: number; non2xx: number; errors: number };

async function load(url: string, headers: Record<string, string>, body: string, fresh: (headers: Record<string, string>) => void): Promise<Result> {
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
    body,
    requests: [{ setupRequest: (request) => (fresh((request.headers ??= {}) as Record<string, string>), request) }],
  });
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main() {
  const { startTestServer } = await import("../test/setup/embedded-server");
  const { createDatabase, dropDatabase } = await import("../test/setup/databases");
  const server = process.env.DATABASE_URL ? undefined : await startTestServer({ maxConnections: 100, extraFlags: DURABLE });
  const serverUrl = process.env.DATABASE_URL ?? server!.url;
  const dbName = `bench_inbound_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(serverUrl, dbName);
  const secretsKey = `bench:${randomBytes(32).toString("base64")}`;
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SECRETS_KEY: secretsKey });
  const { applyMigrations } = await import("../src/server/db/migrate");
  await applyMigrations(databaseUrl);

  // One dataspace with a GitHub integration, made through the domain.
  const { seedDataspace, seedUser, tenantFor, seedIntegration } = await import("../test/factories");
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Bench" })).slug);
  const webhookSecret = randomBytes(24).toString("hex");
  const { token } = await seedIntegration(ctx, { webhookSecret });
  const { disconnectDb, closeDbPool } = await import("../src/server/db/client");
  await disconnectDb();
  await closeDbPool();

  const examples = JSON.parse(readFileSync(path.join(root, "node_modules/@octokit/webhooks-examples/api.github.com/index.json"), "utf8")) as { name: string; examples: { action?: string }[] }[];
  const payload = examples.find((e) => e.name === "pull_request")!.examples.find((e) => e.action === "opened")!;
  const body = JSON.stringify(payload);
  const signed = {
    "content-type": "application/json",
    "x-github-event": "pull_request",
    "x-hub-signature-256": `sha256=${createHmac("sha256", webhookSecret).update(body).digest("hex")}`,
  };

  const { app, port } = await startProductionServer({
    DATABASE_URL: databaseUrl,
    SECRETS_KEY: secretsKey,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    INBOUND_RATE_LIMIT_PER_MINUTE: "100000000",
    SWITCHBOARD_DATA_DIR: path.join(root, ".data", dbName),
  });
  const hookUrl = `http://127.0.0.1:${port}/api/hooks/${token}`;
  const probe = await fetch(hookUrl, { method: "POST", headers: { ...signed, "x-github-delivery": randomUUID() }, body });
  if (probe.status !== 202) throw new Error(`a signed delivery got ${probe.status}: ${await probe.text()}`);

  const pgPort = Number(new URL(databaseUrl).port);
  const fresh = (h: Record<string, string>) => (h["x-github-delivery"] = randomUUID());
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const count = async (where: string) => Number((await db.query(`SELECT count(*) AS n FROM "WebhookEvent" ${where}`)).rows[0].n);
  const waitProcessed = async () => {
    for (let waited = 0; (await count(`WHERE status NOT IN ('PROCESSED', 'FAILED')`)) > 0; waited += 200) {
      if (waited > 300_000) throw new Error("processing did not finish within 5 minutes");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  await load(hookUrl, signed, body, fresh); // warm-up
  await waitProcessed();
  const startCount = await count("");
  const before = { app: cpuSeconds([app.pid!]), pg: cpuSeconds(postgresPids(pgPort)), machine: machineTicks(), at: performance.now() };
  const ours = await load(hookUrl, signed, body, fresh);
  const seconds = (performance.now() - before.at) / 1000;
  const machineNow = machineTicks();
  const cpu = {
    app: (cpuSeconds([app.pid!]) - before.app) / seconds,
    pg: (cpuSeconds(postgresPids(pgPort)) - before.pg) / seconds,
    machine: (machineNow.busy - before.machine.busy) / (machineNow.total - before.machine.total),
  };
  const acknowledged = (await count("")) - startCount;
  const behind = await count(`WHERE status NOT IN ('PROCESSED', 'FAILED')`);
  const drainStart = performance.now();
  await waitProcessed();
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const failed = await count(`WHERE status = 'FAILED'`);
  await db.end();
  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));

  // Baseline: the least a receiver can do — node:http, one INSERT per request, same database.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query("CREATE TABLE bench_inbound_baseline (id bigserial PRIMARY KEY, headers jsonb, body text, received_at timestamptz DEFAULT now())");
  const bare = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      pool.query("INSERT INTO bench_inbound_baseline (headers, body) VALUES ($1, $2)", [JSON.stringify(req.headers), Buffer.concat(chunks).toString()]).then(
        () => res.writeHead(202, { "content-type": "application/json" }).end('{"status":"received"}'),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  await load(bareUrl, signed, body, fresh);
  const baseBefore = { self: process.cpuUsage(), pg: cpuSeconds(postgresPids(pgPort)), at: performance.now() };
  const baseline = await load(bareUrl, signed, body, fresh);
  const baseSeconds = (performance.now() - baseBefore.at) / 1000;
  const baseCpuPg = (cpuSeconds(postgresPids(pgPort)) - baseBefore.pg) / baseSeconds;
  bare.close();
  await pool.end();

  const share = ours.perSecond / baseline.perSecond;
  const ms = (coreShare: number, rate: number) => `${((coreShare / rate) * 1000).toFixed(2)} ms`;
  const row = (label: string, value: string, target: string, ok: boolean) => console.log(`  ${label.padEnd(44)} ${value.padStart(14)}   target ${target.padEnd(10)} ${ok ? "ok" : "MISSED"}`);
  const note = (label: string, value: string) => console.log(`    ${label.padEnd(42)} ${value.padStart(14)}`);
  console.log(`\ninbound webhooks, production server.ts (processing in the same process) + PostgreSQL with fsync on, autocannon ${CONNECTIONS} connections × ${DURATION} s, node ${process.version}`);
  row("signed GitHub deliveries acknowledged", `${ours.perSecond.toFixed(0)}/s`, `≥ ${TARGETS.perSecond}/s`, ours.perSecond >= TARGETS.perSecond);
  row("acknowledge latency p50", `${ours.p50} ms`, "-", true);
  row("acknowledge latency p99", `${ours.p99} ms`, `< ${TARGETS.p99Ms} ms`, ours.p99 < TARGETS.p99Ms);
  row("  non-2xx answers / errors", `${ours.non2xx} / ${ours.errors}`, "0", ours.non2xx === 0 && ours.errors === 0);
  note("server process / PostgreSQL / machine", `${(cpu.app * 100).toFixed(0)} % / ${(cpu.pg * 100).toFixed(0)} % / ${(cpu.machine * 100).toFixed(0)} %`);
  note("CPU per delivery: server / PostgreSQL", `${ms(cpu.app, ours.perSecond)} / ${ms(cpu.pg, ours.perSecond)}`);
  note("processing: behind at the end of the load", `${behind} of ${acknowledged}`);
  note("processing: caught up", `${drainSeconds.toFixed(1)} s later`);
  note("processing: throughput over load + catch-up", `${(acknowledged / (seconds + drainSeconds)).toFixed(0)}/s`);
  row("  events FAILED", String(failed), "0", failed === 0);
  row("baseline: node:http + one INSERT", `${baseline.perSecond.toFixed(0)}/s`, "-", true);
  note("baseline p50 / p99", `${baseline.p50} / ${baseline.p99} ms`);
  note("baseline CPU per request: PostgreSQL", ms(baseCpuPg, baseline.perSecond));
  row("ours / baseline", `${(share * 100).toFixed(0)} %`, `≥ ${TARGETS.baselineShare * 100} %`, share >= TARGETS.baselineShare);

  await dropDatabase(serverUrl, dbName);
  await server?.stop();
  const missed = ours.perSecond < TARGETS.perSecond || ours.p99 >= TARGETS.p99Ms || share < TARGETS.baselineShare;
  process.exit(missed && process.env.BENCH_STRICT === "1" ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

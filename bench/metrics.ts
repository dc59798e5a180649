/**
 * Metrics benchmark: `npm run bench:metrics`.
 *
 * On a real PostgreSQL (embedded, durable), with the rollup as the runtime runs it
 * (src/server/metrics/rollup.ts), in this process:
 * 1. Bookkeeping: BENCH_EVENTS (1 000 000) events and a fifth as many webhook attempts (with
 *    latencies) over one simulated day, in 10 dataspaces; the time to compute that day's minute
 *    buckets and their hour and day rollups from the watermark (chunk after chunk, as after an
 *    outage), and rows per second.
 * 2. The overview page's query (src/server/metrics/overview.ts, every chart from one read) for each
 *    of its ranges over 30 days of buckets: p50/p95 of 50 reads each.
 * 3. Forwarding: FORWARD_POINTS (100 000) minute buckets of the last hour sent to the Datadog fake
 *    (src/server/integrations/datadog/fake, in this process, its contract gate validating every
 *    payload) as the runtime's windows send them: points per second, requests and bytes sent.
 *
 * 4. Bookkeeping's cost (bench/metrics-overhead.ts): inbound deliveries and webhook attempts per
 *    second with the bookkeeping off (no BRIN indexes, no rollup) and on (both, the rollup every
 *    10 s), alternating in this one run.
 *
 * The rollup reads the records after the fact, so it adds nothing to the path of a delivery or an
 * inbound webhook but its BRIN indexes and its reads, which part 4 measures.
 * Targets: overview p95 < 100 ms; bookkeeping costs < 5 % of either throughput. BENCH_STRICT=1 exits 1 on a miss. Results: bench/.out/metrics-<time>.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DURABLE, startBenchDatabase } from "./bench-database";
import { benchBookkeeping } from "./metrics-overhead";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ATTEMPTS = Math.round(EVENTS / 5);
const DATASPACES = 10;
const DAY = 86_400_000;
const READS = 50;
const TARGET_P95_MS = 100;
const TARGET_BOOKKEEPING_COST = 0.05;
const FORWARD_POINTS = Number(process.env.BENCH_FORWARD_POINTS ?? 100_000);
const FORWARD_MINUTES = 55; // Datadog takes points up to an hour old

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

async function main() {
  const { server } = await startBenchDatabase("bench_metrics", { extraFlags: DURABLE });
  const { db, closeDbPool, disconnectDb } = await import("../src/server/db/client");
  const { rollUpMetrics } = await import("../src/server/metrics/rollup");
  const { readOverview, OVERVIEW_RANGES } = await import("../src/server/metrics/overview");
  const { seedDataspace, seedUser, tenantFor, seedWebhook } = await import("../test/factories");

  const owner = await seedUser();
  const tenants = [];
  for (let i = 0; i < DATASPACES; i++) tenants.push(await tenantFor(owner.id, (await seedDataspace({ owner, name: `Metrics ${i}` })).slug));
  const endpoints = [];
  for (const ctx of tenants) for (let e = 0; e < 3; e++) endpoints.push({ dataspaceId: ctx.dataspace.id, endpointId: (await seedWebhook(ctx)).endpoint.id });

  // ---- 4. the bookkeeping's cost to the hot paths, first: on a database still quiet (parts 1–3
  // leave autovacuum busy with millions of rows for minutes, a drift larger than what is measured)
  const overhead = await benchBookkeeping(db, tenants[1]);

  // ---- 1. a simulated day of records, then its buckets
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const dayStart = now - DAY;
  const seeded = performance.now();
  const dataspaceIds = tenants.map((t) => t.dataspace.id);
  await db.$executeRawUnsafe(
    `INSERT INTO "Event" (id, "dataspaceId", type, data, "createdAt", "relayedAt")
     SELECT gen_random_uuid(), ($1::uuid[])[1 + i % ${DATASPACES}], (ARRAY['request.added','request.updated','alert.triggered','github.push','deployment.created'])[1 + (i / 7) % 5], '{}',
            to_timestamp(($2::float8 + i * ${DAY / EVENTS}) / 1000), to_timestamp(($2::float8 + i * ${DAY / EVENTS}) / 1000)
     FROM generate_series(0, ${EVENTS - 1}) i`,
    dataspaceIds,
    dayStart,
  );
  const deliveries = await db.$queryRawUnsafe<{ id: string; dataspaceId: string }[]>(
    `INSERT INTO "WebhookDelivery" (id, "dataspaceId", "endpointId", "eventType", body, status, "queuedAt")
     SELECT gen_random_uuid(), e."dataspaceId", e."endpointId", 'request.added', '{}', 'SUCCEEDED', NULL FROM jsonb_to_recordset($1::jsonb) AS e("dataspaceId" uuid, "endpointId" uuid)
     RETURNING id, "dataspaceId"`,
    JSON.stringify(endpoints),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "WebhookAttempt" (id, "dataspaceId", "deliveryId", number, "startedAt", "durationMs", url, "requestHeaders", succeeded)
     SELECT gen_random_uuid(), (d->>'dataspaceId')::uuid, (d->>'id')::uuid, i, to_timestamp(($2::float8 + i * ${DAY / ATTEMPTS}) / 1000),
            (20 + (random() ^ 3) * 2000)::int, 'https://bench.test/', '{}', i % 50 <> 0
     FROM generate_series(0, ${ATTEMPTS - 1}) i, LATERAL (SELECT $1::jsonb -> (i % jsonb_array_length($1::jsonb))) AS x(d)`,
    JSON.stringify(deliveries),
    dayStart,
  );
  await db.$executeRawUnsafe(`ANALYZE "Event"; `);
  await db.$executeRawUnsafe(`ANALYZE "WebhookAttempt"`);
  const seedSeconds = (performance.now() - seeded) / 1000;

  await db.metricWatermark.upsert({ where: { source: "minutes" }, create: { source: "minutes", upTo: new Date(dayStart) }, update: { upTo: new Date(dayStart) } });
  const started = performance.now();
  let chunks = 0;
  for (;;) {
    chunks++;
    if ((await rollUpMetrics(new Date(now))).caughtUp) break;
  }
  const rollupSeconds = (performance.now() - started) / 1000;
  const minuteBuckets = await db.metricBucket.count({ where: { resolution: "minute" } });
  // Steady state: one minute's run, as the cron does it every minute.
  const minuteRun = performance.now();
  await rollUpMetrics(new Date(now + 60_000));
  const minuteRunMs = performance.now() - minuteRun;

  // ---- 2. 30 days of buckets: the simulated day's, copied back day by day, with their rollups
  await db.$executeRawUnsafe(
    `INSERT INTO "MetricBucket" ("dataspaceId", name, series, resolution, at, count, sum, min, max, histogram, tags)
     SELECT "dataspaceId", name, series, resolution, at - make_interval(days => d), count, sum, min, max, histogram, tags
     FROM "MetricBucket", generate_series(1, 29) d WHERE resolution IN ('minute', 'hour')
     ON CONFLICT DO NOTHING`,
  );
  // As a table lives in steady state: vacuumed (hint bits set, visibility map current), not freshly written.
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "MetricBucket"`);
  const totalBuckets = await db.metricBucket.count();
  const overview: Record<string, { p50: number; p95: number; points: number }> = {};
  for (const range of Object.keys(OVERVIEW_RANGES) as (keyof typeof OVERVIEW_RANGES)[]) {
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < READS + 3; i++) {
      const t = performance.now();
      const read = await readOverview(tenants[i % DATASPACES], { range }, new Date(now));
      if (i >= 3) times.push(performance.now() - t);
      points = read.buckets.length;
    }
    times.sort((a, b) => a - b);
    overview[range] = { p50: percentile(times, 0.5), p95: percentile(times, 0.95), points };
  }

  // ---- 3. forwarding to the Datadog fake
  const forwarding = await benchForwarding(db, tenants[0], Math.floor(Date.now() / 60_000) * 60_000);

  await disconnectDb();
  await closeDbPool();
  await server?.stop();

  const worstP95 = Math.max(...Object.values(overview).map((o) => o.p95));
  const overviewOk = worstP95 < TARGET_P95_MS;
  const overheadOk = Math.min(overhead.inboundRatio, overhead.attemptsRatio) >= 1 - TARGET_BOOKKEEPING_COST;
  const ok = overviewOk && overheadOk;
  console.log(`\nmetrics, PostgreSQL with fsync on, node ${process.version}`);
  console.log(`\n1. one simulated day: ${EVENTS.toLocaleString("en")} events and ${ATTEMPTS.toLocaleString("en")} webhook attempts in ${DATASPACES} dataspaces (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(`  minute buckets + hour and day rollups for the day      ${rollupSeconds.toFixed(1).padStart(8)} s   (${chunks} chunks, ${minuteBuckets.toLocaleString("en")} minute buckets)`);
  console.log(`  records rolled up per second                           ${Math.round((EVENTS + ATTEMPTS) / rollupSeconds).toLocaleString("en").padStart(8)}/s`);
  console.log(`  one minute's run (the cron's steady state)             ${minuteRunMs.toFixed(0).padStart(8)} ms`);
  console.log(`\n2. the overview's read over 30 days of buckets (${totalBuckets.toLocaleString("en")} buckets), ${READS} reads per range`);
  for (const [range, o] of Object.entries(overview)) console.log(`  ${range.padEnd(4)} ${String(o.points).padStart(5)} points   p50 ${o.p50.toFixed(1).padStart(6)} ms   p95 ${o.p95.toFixed(1).padStart(6)} ms`);
  console.log(`  worst p95 ${worstP95.toFixed(1)} ms   target < ${TARGET_P95_MS} ms   ${overviewOk ? "ok" : "MISSED"}`);
  console.log(`\n3. forwarding ${forwarding.points.toLocaleString("en")} points (${FORWARD_MINUTES} minutes) to the Datadog fake, in ${forwarding.windows} window(s)`);
  console.log(`  sent in ${forwarding.seconds.toFixed(2).padStart(6)} s   ${Math.round(forwarding.points / forwarding.seconds).toLocaleString("en").padStart(8)} points/s   ${forwarding.requests} requests, ${(forwarding.bytes / 1024).toFixed(0)} KiB gzipped (${(forwarding.bytes / forwarding.points).toFixed(1)} B/point)`);
  console.log(`  the fake stored ${forwarding.stored.toLocaleString("en")} points, contract violations: ${forwarding.violations}`);
  console.log(`\n4. bookkeeping's cost: the same load with it off (no BRIN indexes, no rollup) and on (both, the rollup every 10 s: six times the cron's pace)`);
  for (const p of overhead.phases) {
    console.log(`  ${p.bookkeeping.padEnd(3)}   inbound ${p.inboundPerSecond.toFixed(0).padStart(6)}/s   attempts ${p.attemptsPerSecond.toFixed(0).padStart(6)}/s${p.bookkeeping === "on" ? `   (${p.rollups} rollups)` : ""}`);
  }
  const cost = (ratio: number) => `${((1 - ratio) * 100).toFixed(1)} %`;
  const offs = overhead.phases.filter((p) => p.bookkeeping === "off").map((p) => p.inboundPerSecond);
  console.log(`  noise: the off phases alone vary by ${(((Math.max(...offs) - Math.min(...offs)) / Math.min(...offs)) * 100).toFixed(0)} % (inbound) on this machine`);
  console.log(`  on ÷ off: inbound ${overhead.inboundRatio.toFixed(3)} (cost ${cost(overhead.inboundRatio)}), attempts ${overhead.attemptsRatio.toFixed(3)} (cost ${cost(overhead.attemptsRatio)})   target < ${TARGET_BOOKKEEPING_COST * 100} %   ${overheadOk ? "ok" : "MISSED"}`);

  const outDir = path.join(import.meta.dirname, ".out");
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `metrics-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify({ node: process.version, events: EVENTS, attempts: ATTEMPTS, seedSeconds, rollupSeconds, chunks, minuteBuckets, minuteRunMs, totalBuckets, overview, forwarding, overhead, checks: { overview: overviewOk, bookkeeping: overheadOk } }, null, 2));
  console.log(`\n  results: ${path.relative(path.resolve(import.meta.dirname, ".."), file)}`);
  if (process.env.BENCH_STRICT === "1" && !ok) process.exitCode = 1;
}

type Db = (typeof import("../src/server/db/client"))["db"];
type Tenant = Awaited<ReturnType<(typeof import("../test/factories"))["tenantFor"]>>;

/** FORWARD_POINTS counter buckets over the last FORWARD_MINUTES minutes, forwarded window by window. */
async function benchForwarding(db: Db, ctx: Tenant, now: number) {
  const { startFakeDatadog } = await import("../src/server/integrations/datadog/fake/fake-datadog");
  const { resetEnvCache } = await import("../src/env");
  const { seedIntegration } = await import("../test/factories");
  const { forwardMetricsWindow } = await import("../src/server/telemetry/forward-metrics");
  const apiKey = "0123456789abcdef0123456789abcdef";
  const fake = await startFakeDatadog({ apiKeys: [apiKey] });
  process.env.DATADOG_API_URL = fake.url;
  resetEnvCache();
  try {
    const series = Math.ceil(FORWARD_POINTS / FORWARD_MINUTES);
    const from = now - FORWARD_MINUTES * 60_000;
    await db.$executeRawUnsafe(
      `INSERT INTO "MetricBucket" ("dataspaceId", name, series, resolution, at, count, sum, tags)
       SELECT $1::uuid, 'inbound.received', 'integration=bench-' || s, 'minute', to_timestamp(($2::float8 + m * 60000) / 1000), 1 + (s + m) % 7, 1 + (s + m) % 7, jsonb_build_object('integration', 'bench-' || s)
       FROM generate_series(0, ${series - 1}) s, generate_series(0, ${FORWARD_MINUTES - 1}) m WHERE s * ${FORWARD_MINUTES} + m < ${FORWARD_POINTS}
       ON CONFLICT DO NOTHING`,
      ctx.dataspace.id,
      from,
    );
    const { integration } = await seedIntegration(ctx, { type: "DATADOG", name: "Bench Datadog", config: { webhookSecret: "bench-datadog-secret-01", apiKey, forwardMetrics: ["inbound.received"] } });
    const ref = { dataspaceId: ctx.dataspace.id, integrationId: integration.id };
    await db.telemetryForwarding.create({ data: { ...ref, upTo: new Date(from) } });
    // Parts 1 and 2 took minutes: the rollup is taken to have computed up to now.
    await db.metricWatermark.update({ where: { source: "minutes" }, data: { upTo: new Date(now) } });
    const started = performance.now();
    let windows = 0;
    let points = 0;
    for (;;) {
      windows++;
      const outcome = await forwardMetricsWindow(ref, new Date());
      if ("skipped" in outcome) throw new Error(outcome.skipped);
      points += outcome.points;
      if (outcome.caughtUp) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const sent = fake.requests.filter((r) => r.path === "/api/v2/series");
    return { points, seconds, windows, requests: sent.length, bytes: sent.reduce((sum, r) => sum + r.bytes, 0), stored: fake.series().length, violations: fake.violations.length };
  } finally {
    await fake.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

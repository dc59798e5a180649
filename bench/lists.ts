/**
 * List benchmark: `npm run bench:lists`.
 *
 * Seeds one dataspace with 100 000 requests and 1 000 000 events on a throwaway database, then
 * times the dashboard's list queries four ways:
 *   tRPC      the full path a user hits: createCaller → membership check → domain → scopedDb
 *   domain    the domain function on a resolved TenantContext (no tRPC, no membership check)
 *   scoped    the query written by hand on scopedDb, which adds `dataspaceId` itself
 *   unscoped  the same query on the plain client with `dataspaceId` written by hand
 * and prints p50/p95/p99 against the targets: p95 < 100 ms through tRPC, and tenant scoping
 * overhead (scoped vs unscoped, the cost of the mechanism itself) < 10 %.
 *
 * Uses the PostgreSQL server of DATABASE_URL when set (a new database on it, dropped at the end;
 * local servers only), else starts an embedded one. BENCH_REQUESTS, BENCH_EVENTS and
 * BENCH_ITERATIONS scale it; BENCH_STRICT=1 exits 1 when a target is missed.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createCaller } from "@/server/api/root";
import { resolveTenantContext } from "@/server/dataspaces/tenant-context";
import { db, disconnectDb } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { applyMigrations } from "@/server/db/migrate";
import { eventSelect, listEvents } from "@/server/events/list-events";
import { encodeCursor } from "@/server/pagination/cursor";
import { listRequests, requestListSelect } from "@/server/records/requests/list-requests";
import { createDatabase, dropDatabase } from "../test/setup/databases";
import { startTestServer, type TestServer } from "../test/setup/embedded-server";
import { seedBenchData } from "./seed";

const COUNTS = {
  requests: Number(process.env.BENCH_REQUESTS ?? 100_000),
  events: Number(process.env.BENCH_EVENTS ?? 1_000_000),
  members: 50,
};
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const WARMUP = 30;
const REQUEST_PAGE = 25;
const EVENT_PAGE = 50;
const DEEP_PAGE = 2000;
const TARGET_P95_MS = 100;
const TARGET_OVERHEAD_PCT = 10;

// The unscoped baseline selects exactly what listRequests / listEvents select.
const requestSelect = requestListSelect;

const VARIANTS = ["tRPC", "domain", "scoped", "switched", "unscoped"] as const;
type Variant = (typeof VARIANTS)[number];
type Query = { name: string; run: Record<Variant, () => Promise<{ length: number }>> };

/** Untimed work before a variant's timed call: `switched` first uses the tenant pool from another dataspace. */
let beforeSwitched: () => Promise<unknown> = async () => {};

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function buildQueries(dataspaceId: string, slug: string, ownerId: string): Promise<Query[]> {
  const caller = createCaller({ userId: ownerId });
  const ctx = await resolveTenantContext(ownerId, slug);
  const scoped = scopedDb(dataspaceId);
  // Another dataspace's query just before: the connection the scoped query then gets (the pool
  // hands out the last one released) has to enter this dataspace first — the worst case.
  const other = await db.dataspace.create({ data: { slug: `bench-other-${dataspaceId.slice(0, 8)}`, name: "Bench other" }, select: { id: true } });
  const otherScoped = scopedDb(other.id);
  beforeSwitched = () => otherScoped.$queryRaw`SELECT 1`;

  // Cursors naming the last row of page DEEP_PAGE, as a user paging that far would hold.
  const [deepRequest] = await db.request.findMany({
    where: { dataspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: DEEP_PAGE * REQUEST_PAGE - 1,
    take: 1,
    select: { id: true, createdAt: true },
  });
  const [deepEvent] = await db.event.findMany({
    where: { dataspaceId },
    orderBy: { seq: "desc" },
    skip: DEEP_PAGE * EVENT_PAGE - 1,
    take: 1,
    select: { seq: true },
  });
  if (!deepRequest || !deepEvent) throw new Error(`Too few rows for page ${DEEP_PAGE}; raise BENCH_REQUESTS/BENCH_EVENTS`);
  const requestCursor = encodeCursor("requests:-createdAt", [deepRequest.createdAt.toISOString(), deepRequest.id]);
  const eventCursor = encodeCursor("events:-seq", [deepEvent.seq]);

  // The hand-written queries, on either client: `scope` adds dataspaceId itself, `db` needs it.
  const requestsPage = (client: "scoped" | "unscoped", after?: { createdAt: Date; id: string }) =>
    (client === "scoped" ? scoped : db).request.findMany({
      where: {
        ...(client === "unscoped" && { dataspaceId }),
        ...(after && { createdAt: { lte: after.createdAt }, OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] }),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: REQUEST_PAGE + 1,
      select: requestSelect,
    });
  const eventsPage = (client: "scoped" | "unscoped", before?: bigint) =>
    (client === "scoped" ? scoped : db).event.findMany({
      where: { ...(client === "unscoped" && { dataspaceId }), ...(before !== undefined && { seq: { lt: before } }) },
      orderBy: { seq: "desc" },
      take: EVENT_PAGE + 1,
      select: eventSelect,
    });
  const items = async (page: Promise<{ items: unknown[] }>) => (await page).items;

  return [
    {
      name: "requests, first page",
      run: {
        tRPC: () => items(caller.request.list({ dataspace: slug, limit: REQUEST_PAGE })),
        domain: () => items(listRequests(ctx, { limit: REQUEST_PAGE })),
        scoped: () => requestsPage("scoped"),
        switched: () => requestsPage("scoped"),
        unscoped: () => requestsPage("unscoped"),
      },
    },
    {
      name: `requests, page ${DEEP_PAGE}`,
      run: {
        tRPC: () => items(caller.request.list({ dataspace: slug, limit: REQUEST_PAGE, cursor: requestCursor })),
        domain: () => items(listRequests(ctx, { limit: REQUEST_PAGE, cursor: requestCursor })),
        scoped: () => requestsPage("scoped", deepRequest),
        switched: () => requestsPage("scoped", deepRequest),
        unscoped: () => requestsPage("unscoped", deepRequest),
      },
    },
    {
      name: "events, first page",
      run: {
        tRPC: () => items(caller.event.list({ dataspace: slug, limit: EVENT_PAGE })),
        domain: () => items(listEvents(ctx, { limit: EVENT_PAGE })),
        scoped: () => eventsPage("scoped"),
        switched: () => eventsPage("scoped"),
        unscoped: () => eventsPage("unscoped"),
      },
    },
    {
      name: `events, page ${DEEP_PAGE}`,
      run: {
        tRPC: () => items(caller.event.list({ dataspace: slug, limit: EVENT_PAGE, cursor: eventCursor })),
        domain: () => items(listEvents(ctx, { limit: EVENT_PAGE, cursor: eventCursor })),
        scoped: () => eventsPage("scoped", deepEvent.seq),
        switched: () => eventsPage("scoped", deepEvent.seq),
        unscoped: () => eventsPage("unscoped", deepEvent.seq),
      },
    },
  ];
}

/** Runs every (query, variant) once per round, in rotating order, so drift hits all alike. */
async function measure(queries: Query[]) {
  const tasks = queries.flatMap((q) => VARIANTS.map((v) => ({ key: `${q.name}|${v}`, run: q.run[v] })));
  const samples = new Map(tasks.map((t) => [t.key, [] as number[]]));
  for (let round = 0; round < WARMUP + ITERATIONS; round++) {
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[(i + round) % tasks.length];
      if (task.key.endsWith("|switched")) await beforeSwitched();
      const started = performance.now();
      const rows = await task.run();
      const elapsed = performance.now() - started;
      if (rows.length === 0) throw new Error(`${task.key} returned no rows`);
      if (round >= WARMUP) samples.get(task.key)!.push(elapsed);
    }
  }
  return queries.map((q) => ({
    name: q.name,
    stats: Object.fromEntries(
      VARIANTS.map((v) => {
        const sorted = samples.get(`${q.name}|${v}`)!.sort((a, b) => a - b);
        return [v, { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) }];
      }),
    ) as Record<Variant, { p50: number; p95: number; p99: number }>,
  }));
}

function report(results: Awaited<ReturnType<typeof measure>>): boolean {
  const ms = (n: number) => n.toFixed(2).padStart(8);
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`.padStart(9);
  let ok = true;
  console.log(`\n${"query".padEnd(22)}${"path".padEnd(10)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"p99 ms".padStart(8)}  vs unscoped (p50)`);
  for (const { name, stats } of results) {
    for (const v of VARIANTS) {
      const s = stats[v];
      const versus = v === "unscoped" ? "" : pct(s.p50, stats.unscoped.p50);
      console.log(`${(v === "tRPC" ? name : "").padEnd(22)}${v.padEnd(10)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}  ${versus}`);
    }
  }
  console.log("\ntargets");
  for (const { name, stats } of results) {
    const p95ok = stats.tRPC.p95 < TARGET_P95_MS;
    const overhead = ((stats.scoped.p50 - stats.unscoped.p50) / stats.unscoped.p50) * 100;
    const overheadOk = overhead < TARGET_OVERHEAD_PCT;
    const switched = ((stats.switched.p50 - stats.unscoped.p50) / stats.unscoped.p50) * 100;
    ok &&= p95ok && overheadOk;
    console.log(
      `  ${name.padEnd(22)} p95 via tRPC ${stats.tRPC.p95.toFixed(1)} ms < ${TARGET_P95_MS} ms ${p95ok ? "ok" : "MISSED"};` +
        `  scoping overhead ${overhead.toFixed(1)} % (${(stats.scoped.p50 - stats.unscoped.p50).toFixed(2)} ms)` +
        ` < ${TARGET_OVERHEAD_PCT} % ${overheadOk ? "ok" : "MISSED"};` +
        `  after another dataspace ${switched.toFixed(1)} % (${(stats.switched.p50 - stats.unscoped.p50).toFixed(2)} ms)`,
    );
  }
  console.log(
    "  (scoping overhead: the same hand-written query on scopedDb vs on the plain client; `switched` runs it\n" +
      "   right after another dataspace's query, so its connection must enter the dataspace first. The domain row\n" +
      "   adds the domain function; the tRPC row adds input parsing and the per-call membership check.)",
  );
  return ok;
}

async function main() {
  const started = performance.now();
  let server: TestServer | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    server = await startTestServer();
    serverUrl = server.url;
  }
  const database = `bench_${randomBytes(4).toString("hex")}`;
  try {
    const url = await createDatabase(serverUrl, database);
    process.env.DATABASE_URL = url; // before the first use of `db`, which connects lazily
    await applyMigrations(url);
    console.log(`database ${database} ready in ${((performance.now() - started) / 1000).toFixed(1)} s (server ${server ? "embedded" : "from DATABASE_URL"})`);

    const seedStarted = performance.now();
    const { dataspaceId, slug, ownerId } = await seedBenchData(url, COUNTS);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded ${COUNTS.requests.toLocaleString("en")} requests and ${COUNTS.events.toLocaleString("en")} events in ${seedSeconds.toFixed(1)} s (incl. ANALYZE)`);

    const queries = await buildQueries(dataspaceId, slug, ownerId);
    const results = await measure(queries);
    const ok = report(results);

    const memory = { rssMb: process.memoryUsage().rss / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    console.log(`\nprocess RSS ${memory.rssMb.toFixed(0)} MB (peak ${memory.maxRssMb.toFixed(0)} MB); ${ITERATIONS} iterations per cell`);
    const outDir = path.join(import.meta.dirname, ".out");
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `lists-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await writeFile(file, JSON.stringify({ counts: COUNTS, iterations: ITERATIONS, seedSeconds, results, memory }, null, 2));
    console.log(`results written to ${path.relative(process.cwd(), file)}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (!ok && process.env.BENCH_STRICT === "1") process.exitCode = 1;
  } finally {
    await disconnectDb();
    await dropDatabase(serverUrl, database).catch((error) => console.error(`could not drop ${database}:`, error));
    await server?.stop();
  }
}

await main();

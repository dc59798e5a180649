/**
 * Part 4 of bench:metrics: what the metrics' bookkeeping costs the hot paths, measured in one run.
 *
 * The metrics are computed after the fact from the records (src/server/metrics/rollup.ts), so
 * their bookkeeping is (a) the BRIN indexes the rollup's windows read, kept up on every insert,
 * and (b) the rollup's reads competing with traffic for PostgreSQL. The same load — signed GitHub
 * deliveries through the inbound receiver (`handleHook`, verified and stored RECEIVED) and webhook
 * attempts recorded as the delivery worker records successes (`recordSucceededAttempts`, ten per
 * transaction) — runs in alternating phases: off (the BRIN indexes dropped, no rollup) and on
 * (the indexes, and the rollup run every ROLLUP_EVERY_MS, 10 s: six times as often as the
 * runtime's cron, an upper bound). The phases go off, on, on, off, off, on, on, off, so a drift
 * of the machine over the run (caches warming, autovacuum) weighs on both alike. Throughput
 * on ÷ off is the cost; the target is < 5 %.
 */
import { createHmac, randomUUID } from "node:crypto";

type Db = (typeof import("../src/server/db/client"))["db"];
type Tenant = Awaited<ReturnType<(typeof import("../test/factories"))["tenantFor"]>>;

const PHASE_SECONDS = Number(process.env.BENCH_OVERHEAD_SECONDS ?? 20);
const ROLLUP_EVERY_MS = 10_000;
const WORKERS = 8; // of each kind
const ATTEMPTS_PER_BATCH = 10;

export type OverheadResult = { phases: { bookkeeping: "off" | "on"; inboundPerSecond: number; attemptsPerSecond: number; rollups: number }[]; inboundRatio: number; attemptsRatio: number };

export async function benchBookkeeping(db: Db, ctx: Tenant): Promise<OverheadResult> {
  process.env.INBOUND_RATE_LIMIT_PER_MINUTE = "100000000";
  const { resetEnvCache } = await import("../src/env");
  resetEnvCache();
  const { handleHook } = await import("../src/server/inbound/receive-hook");
  const { recordSucceededAttempts } = await import("../src/server/webhooks/deliveries/record-attempts");
  const { rollUpMetrics } = await import("../src/server/metrics/rollup");
  const { scopedDb } = await import("../src/server/db/scoped");
  const { seedIntegration, seedWebhook } = await import("../test/factories");
  const { githubExample } = await import("../test/integration-fixtures");

  const secret = "bench-overhead-webhook-secret-0001";
  const hooks = await Promise.all([0, 1, 2, 3].map((i) => seedIntegration(ctx, { config: { repository: `octo-org/bench-${i}`, webhookSecret: secret } })));
  const body = Buffer.from(JSON.stringify(githubExample("push")));
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  let received = 0;
  const inbound = async (n: number) => {
    const answer = await handleHook({
      method: "POST",
      url: `http://bench.test${hooks[n % hooks.length].path}`,
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": signature },
      readBody: async (limit) => (body.length > limit ? null : body),
      sourceAddress: "127.0.0.1",
    });
    if (answer.status !== 202) throw new Error(`inbound answered ${answer.status}: ${answer.body}`);
    received++;
  };

  const { endpoint } = await seedWebhook(ctx);
  const deliveries = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "WebhookDelivery" (id, "dataspaceId", "endpointId", "eventType", body, status)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'request.added', '{}', 'PENDING' FROM generate_series(1, ${WORKERS * ATTEMPTS_PER_BATCH}) RETURNING id`,
    ctx.dataspace.id,
    endpoint.id,
  );
  const rows = await db.webhookDelivery.findMany({ where: { id: { in: deliveries.map((d) => d.id) } } });
  const endpointRow = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  const tdb = scopedDb(ctx.dataspace.id);
  let recorded = 0;
  // Each worker owns ten deliveries and numbers their attempts on: (delivery, number) stays unique.
  const outgoing = async (worker: number, round: number) => {
    const mine = rows.slice(worker * ATTEMPTS_PER_BATCH, (worker + 1) * ATTEMPTS_PER_BATCH);
    const result = { ok: true, status: 200, durationMs: 42, headers: {}, body: "ok" };
    await recordSucceededAttempts(
      tdb,
      mine.map((delivery) => ({ delivery: { ...delivery, attemptCount: round }, endpoint: endpointRow, headers: { "webhook-id": delivery.id }, startedAt: new Date(), result }) as never),
    );
    recorded += mine.length;
  };

  const brin = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(`SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%USING brin%'`);
  const setBookkeeping = async (on: boolean) => {
    for (const index of brin) await db.$executeRawUnsafe(on ? index.definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS") : `DROP INDEX IF EXISTS "${index.name}"`);
  };

  // The rollup in its steady state: caught up to this minute, so each run computes the minutes since.
  const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  await db.metricWatermark.upsert({ where: { source: "minutes" }, create: { source: "minutes", upTo: minute }, update: { upTo: minute } });

  let round = 0;
  const phase = async (bookkeeping: "off" | "on") => {
    await setBookkeeping(bookkeeping === "on");
    received = 0;
    recorded = 0;
    let rollups = 0;
    const end = Date.now() + PHASE_SECONDS * 1000;
    const rollupLoop = (async () => {
      while (bookkeeping === "on" && Date.now() < end) {
        const next = Date.now() + ROLLUP_EVERY_MS;
        await rollUpMetrics(new Date());
        rollups++;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(next, end) - Date.now())));
      }
    })();
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: WORKERS }, async (_, w) => {
        for (let n = w; Date.now() < end; n += WORKERS) await inbound(n);
      }),
      ...Array.from({ length: WORKERS }, async (_, w) => {
        while (Date.now() < end) await outgoing(w, ++round);
      }),
    ]);
    const seconds = (performance.now() - started) / 1000;
    await rollupLoop;
    return { bookkeeping, inboundPerSecond: received / seconds, attemptsPerSecond: recorded / seconds, rollups };
  };

  // Warm-up: JIT, connections, caches; then a checkpoint, so none falls inside a phase by chance.
  await phase("on");
  await phase("off");
  await db.$executeRawUnsafe("CHECKPOINT");
  const phases: OverheadResult["phases"] = [];
  for (const bookkeeping of ["off", "on", "on", "off", "off", "on", "on", "off"] as const) phases.push(await phase(bookkeeping));
  await setBookkeeping(true);
  const mean = (kind: "off" | "on", key: "inboundPerSecond" | "attemptsPerSecond") => {
    const of = phases.filter((p) => p.bookkeeping === kind);
    return of.reduce((sum, p) => sum + p[key], 0) / of.length;
  };
  return { phases, inboundRatio: mean("on", "inboundPerSecond") / mean("off", "inboundPerSecond"), attemptsRatio: mean("on", "attemptsPerSecond") / mean("off", "attemptsPerSecond") };
}

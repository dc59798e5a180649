import type { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { METRIC_NAMES, metricCatalog, type MetricDefinition } from "./catalog";
import { computeCustomMinutes } from "./custom/rollup-custom";
import { sqlBinOf } from "./histogram";

/**
 * The metrics rollup, run every minute by the durable runtime (inngest/functions/metrics-rollup.ts):
 * the minute buckets since the watermark are computed from the records (catalog.ts), then the
 * hours and days they fall in are summed from them, gauges are sampled, and old buckets expire.
 *
 * Each window is computed whole and replaces what was there, so computing it again is harmless:
 * the minutes just before the watermark are redone every time (a transaction that committed late,
 * a webhook whose processing failed minutes after it arrived), and a run that crashed before its
 * commit left nothing behind — the next one starts from the same watermark, with no gap. After an
 * outage the backlog is worked through a chunk at a time.
 */
const WATERMARK = "minutes";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back each run recomputes: minutes this recent may still change (late commits, late failures). */
export const LATE_MS = 5 * MINUTE;
const CHUNK_MS = 6 * HOUR;
const FIRST_RUN_MS = DAY; // a new install (or a new metrics version) starts with the last day
const HOUR_RETENTION_DAYS = 400;

const floorTo = (at: number, unit: number) => Math.floor(at / unit) * unit;
const ceilTo = (at: number, unit: number) => Math.ceil(at / unit) * unit;

/** The first minute the rollup has not computed yet (its buckets before it are there), or null before its first run. */
export async function minutesComputedUpTo(): Promise<Date | null> {
  const mark = await db.metricWatermark.findUnique({ where: { source: WATERMARK } });
  return mark?.upTo ?? null;
}

export type RollupOutcome = { from: Date; to: Date; caughtUp: boolean };

export async function rollUpMetrics(now = new Date()): Promise<RollupOutcome> {
  const current = floorTo(now.getTime(), MINUTE); // the minute under way is not computed yet
  return db.$transaction(
    async (tx) => {
      // One rollup at a time: two at once would delete each other's windows.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard:metrics-rollup'))`;
      const mark = await tx.metricWatermark.findUnique({ where: { source: WATERMARK } });
      const from = mark ? mark.upTo.getTime() - LATE_MS : current - FIRST_RUN_MS;
      const to = Math.min(current, from + CHUNK_MS);
      if (to <= from) return { from: new Date(from), to: new Date(to), caughtUp: true };
      await computeMinutes(tx, new Date(from), new Date(to));
      await computeCustomMinutes(tx, new Date(from), new Date(to));
      const caughtUp = to === current;
      // A gauge is what it is now: sampled only into the minute just ended, never into the past.
      if (caughtUp) await sampleGauges(tx, new Date(to - MINUTE));
      await rollUp(tx, "hour", new Date(floorTo(from, HOUR)), new Date(ceilTo(to, HOUR)));
      await rollUp(tx, "day", new Date(floorTo(from, DAY)), new Date(ceilTo(to, DAY)));
      await expire(tx, now);
      await tx.metricWatermark.upsert({ where: { source: WATERMARK }, create: { source: WATERMARK, upTo: new Date(to) }, update: { upTo: new Date(to) } });
      return { from: new Date(from), to: new Date(to), caughtUp };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

const computed = METRIC_NAMES.filter((name) => (metricCatalog[name] as MetricDefinition).source);

async function computeMinutes(tx: Prisma.TransactionClient, from: Date, to: Date): Promise<void> {
  await tx.$executeRaw`DELETE FROM "MetricBucket" WHERE resolution = 'minute' AND at >= ${from} AND at < ${to} AND name = ANY(${computed})`;
  for (const name of computed) {
    const definition = metricCatalog[name] as MetricDefinition;
    const latency = definition.kind === "latency";
    // The source is this file's constant SQL (catalog.ts); the window and the name are parameters.
    await tx.$executeRawUnsafe(
      `WITH obs AS (${definition.source}),
      agg AS (SELECT "dataspaceId", series, at, count(*) AS c, sum(value) AS s, min(value) AS mn, max(value) AS mx, (array_agg(tags))[1] AS tags FROM obs GROUP BY 1, 2, 3)
      ${latency ? `, bins AS (SELECT "dataspaceId", series, at, ${sqlBinOf("value")} AS bin, count(*) AS n FROM obs GROUP BY 1, 2, 3, 4),
      hist AS (SELECT "dataspaceId", series, at, jsonb_object_agg(bin, n) AS h FROM bins GROUP BY 1, 2, 3)` : ""}
      INSERT INTO "MetricBucket" ("dataspaceId", name, series, resolution, at, count, sum, min, max, histogram, tags)
      SELECT agg."dataspaceId", $3, agg.series, 'minute', agg.at, agg.c, agg.s, agg.mn, agg.mx, ${latency ? "hist.h" : "NULL"}, agg.tags
      FROM agg ${latency ? `LEFT JOIN hist USING ("dataspaceId", series, at)` : ""}`,
      from,
      to,
      name,
    );
  }
}

/** `requests.open` of every dataspace (zero included, so a chart shows the drop to none). */
async function sampleGauges(tx: Prisma.TransactionClient, minute: Date): Promise<void> {
  await tx.$executeRaw`INSERT INTO "MetricBucket" ("dataspaceId", name, series, resolution, at, count, sum, min, max, tags)
    SELECT d.id, 'requests.open', '', 'minute', ${minute}, 1, o.n, o.n, o.n, '{}'
    FROM "Dataspace" d CROSS JOIN LATERAL (SELECT count(*)::float8 AS n FROM "Request" r WHERE r."dataspaceId" = d.id AND r.status NOT IN ('closed', 'draft')) o
    ON CONFLICT ("dataspaceId", name, resolution, at, series) DO UPDATE SET count = 1, sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max`;
}

/** The hours (days) in [from, to) summed again from their minutes (hours): counts, sums, extremes and histograms add up. */
async function rollUp(tx: Prisma.TransactionClient, target: "hour" | "day", from: Date, to: Date): Promise<void> {
  const source = target === "hour" ? "minute" : "hour";
  await tx.$executeRaw`DELETE FROM "MetricBucket" WHERE resolution = ${target} AND at >= ${from} AND at < ${to}`;
  await tx.$executeRawUnsafe(
    `WITH src AS (SELECT * FROM "MetricBucket" WHERE resolution = $1 AND at >= $2 AND at < $3),
    agg AS (SELECT "dataspaceId", name, series, date_trunc('${target}', at, 'UTC') AS at, sum(count) AS c, sum(sum) AS s, min(min) AS mn, max(max) AS mx, (array_agg(tags))[1] AS tags FROM src GROUP BY 1, 2, 3, 4),
    bins AS (SELECT "dataspaceId", name, series, date_trunc('${target}', at, 'UTC') AS at, b.key AS bin, sum(b.value::bigint) AS n FROM src, jsonb_each_text(src.histogram) b GROUP BY 1, 2, 3, 4, 5),
    hist AS (SELECT "dataspaceId", name, series, at, jsonb_object_agg(bin, n) AS h FROM bins GROUP BY 1, 2, 3, 4)
    INSERT INTO "MetricBucket" ("dataspaceId", name, series, resolution, at, count, sum, min, max, histogram, tags)
    SELECT agg."dataspaceId", agg.name, agg.series, $4, agg.at, agg.c, agg.s, agg.mn, agg.mx, hist.h, agg.tags
    FROM agg LEFT JOIN hist USING ("dataspaceId", name, series, at)`,
    source,
    from,
    to,
    target,
  );
}

async function expire(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const minutesBefore = new Date(now.getTime() - env().METRICS_RETENTION_DAYS * DAY);
  const hoursBefore = new Date(now.getTime() - HOUR_RETENTION_DAYS * DAY);
  await tx.$executeRaw`DELETE FROM "MetricBucket" WHERE (resolution = 'minute' AND at < ${minutesBefore}) OR (resolution = 'hour' AND at < ${hoursBefore})`;
}

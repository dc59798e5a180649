import type { Prisma } from "@/generated/prisma/client";
import { EVENT_PAYLOAD_JOIN, withPayload } from "@/server/events/event-payload";
import { binOf } from "../histogram";
import { observe, seriesOf, type EvaluatedMapping } from "./evaluate";
import { CUSTOM_PREFIX } from "./manage-mappings";

/**
 * The minute buckets of custom metrics for the rollup's window [from, to): each active mapping's
 * events of the window (by type in SQL, the rest in `observe`), aggregated per minute and tag set
 * like the built-in metrics. Runs inside the rollup's transaction, which replaces the window whole,
 * so it is as safe to redo.
 */
const MINUTE = 60_000;
const PAGE = 5_000;

type MappingRow = EvaluatedMapping & { dataspaceId: string; kind: string };
type Aggregate = { dataspaceId: string; name: string; series: string; at: Date; count: number; sum: number; min: number; max: number; histogram: Record<string, number> | null; tags: Record<string, string> };

/** `request.*` → `request.%`, `*` → `%`; `_` and `%` in a type are matched as themselves. */
function likePattern(pattern: string): string {
  const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (pattern === "*") return "%";
  return pattern.endsWith(".*") ? `${escape(pattern.slice(0, -1))}%` : escape(pattern);
}

export async function computeCustomMinutes(tx: Prisma.TransactionClient, from: Date, to: Date): Promise<void> {
  await tx.$executeRaw`DELETE FROM "MetricBucket" WHERE resolution = 'minute' AND at >= ${from} AND at < ${to} AND name LIKE 'custom.%'`;
  const mappings = await tx.$queryRaw<MappingRow[]>`
    SELECT "dataspaceId", name, events, filter, value, tags, kind FROM "MetricMapping" WHERE "isActive" ORDER BY "dataspaceId", name`;
  const byDataspace = new Map<string, MappingRow[]>();
  for (const mapping of mappings) byDataspace.set(mapping.dataspaceId, [...(byDataspace.get(mapping.dataspaceId) ?? []), mapping]);
  for (const [dataspaceId, dataspaceMappings] of byDataspace) {
    const aggregates = new Map<string, Aggregate>();
    const patterns = [...new Set(dataspaceMappings.flatMap((m) => m.events))].map(likePattern);
    let afterSeq: bigint = -1n;
    for (;;) {
      // Paged on the event's sequence, so a window with many events is never held in memory at once.
      const events = await tx.$queryRawUnsafe<{ seq: bigint; id: string; type: string; data: unknown; createdAt: Date; payload: string | null }[]>(
        `SELECT e.seq, e.id, e.type, e.data, e."createdAt", payload_source.body AS payload FROM "Event" e ${EVENT_PAYLOAD_JOIN}
         WHERE e."dataspaceId" = $1::uuid AND e."createdAt" >= $2 AND e."createdAt" < $3 AND e.type LIKE ANY($4::text[]) AND e.seq > $5
         ORDER BY e.seq LIMIT ${PAGE}`,
        dataspaceId,
        from,
        to,
        patterns,
        afterSeq,
      );
      for (const event of events) {
        const variables = { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: payloadOf(event) };
        const at = new Date(Math.floor(event.createdAt.getTime() / MINUTE) * MINUTE);
        for (const mapping of dataspaceMappings) {
          const observation = observe(mapping, variables);
          if (observation) add(aggregates, { dataspaceId, name: `${CUSTOM_PREFIX}${mapping.name}`, at, latency: mapping.kind === "latency", ...observation });
        }
      }
      if (events.length < PAGE) break;
      afterSeq = events.at(-1)!.seq;
    }
    if (aggregates.size > 0) await insert(tx, [...aggregates.values()]);
  }
}

function payloadOf(event: { data: unknown; payload: string | null }): unknown {
  try {
    return withPayload(event.data, event.payload);
  } catch {
    return event.data; // a payload that is not JSON: the envelope alone
  }
}

function add(aggregates: Map<string, Aggregate>, o: { dataspaceId: string; name: string; at: Date; latency: boolean; value: number; tags: Record<string, string> }): void {
  const series = seriesOf(o.tags);
  const key = `${o.name}\u0000${series}\u0000${o.at.getTime()}`;
  const held = aggregates.get(key);
  if (!held) {
    aggregates.set(key, { dataspaceId: o.dataspaceId, name: o.name, series, at: o.at, count: 1, sum: o.value, min: o.value, max: o.value, histogram: o.latency ? { [binOf(o.value)]: 1 } : null, tags: o.tags });
    return;
  }
  held.count += 1;
  held.sum += o.value;
  held.min = Math.min(held.min, o.value);
  held.max = Math.max(held.max, o.value);
  if (held.histogram) held.histogram[binOf(o.value)] = (held.histogram[binOf(o.value)] ?? 0) + 1;
}

async function insert(tx: Prisma.TransactionClient, rows: Aggregate[]): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "MetricBucket" ("dataspaceId", name, series, resolution, at, count, sum, min, max, histogram, tags)
     SELECT r."dataspaceId", r.name, r.series, 'minute', r.at, r.count, r.sum, r.min, r.max, r.histogram, r.tags
     FROM jsonb_to_recordset($1::jsonb) AS r("dataspaceId" uuid, name text, series text, at timestamptz, count bigint, sum float8, min float8, max float8, histogram jsonb, tags jsonb)`,
    JSON.stringify(rows),
  );
}

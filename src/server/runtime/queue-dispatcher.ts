import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";

/**
 * The one dispatcher behind every row-backed queue (webhook deliveries, inbound events, notification
 * messages): rows
 * whose `queuedAt` is due are locked with SKIP LOCKED (so concurrent relays never take the same
 * rows), handed to the runtime and unqueued in the same transaction — at least once, the way the
 * outbox relay hands over events. Rows due together go as groups of up to `groupSize` per
 * dataspace: a runtime run costs far more than the work on one row, while a lone row still
 * leaves at once.
 * A group's id is derived from its members (`<id>:<dispatch>`), so a re-send after a crash is
 * dropped as a duplicate, while a retry or replay (dispatch + 1) goes through. Returns when the
 * next deferred row falls due, so the relay can wake then.
 *
 * This runs across dataspaces (it is the relay, not a tenant); each group carries its rows'
 * dataspace, and the function that gets it works through that dataspace's scoped client.
 */
export type QueuedRef = { id: string; dispatch: number };

const TABLES = {
  WebhookDelivery: Prisma.raw(`"WebhookDelivery"`),
  WebhookEvent: Prisma.raw(`"WebhookEvent"`),
  NotificationMessage: Prisma.raw(`"NotificationMessage"`),
  PipelineRun: Prisma.raw(`"PipelineRun"`),
} as const;

type Row = QueuedRef & { dataspaceId: string };

export async function dispatchQueuedRows<Event>(options: {
  table: keyof typeof TABLES;
  /** The runtime event for one group; `groupId` is stable for the same members and dispatches. */
  toEvent: (group: { groupId: string; dataspaceId: string; refs: QueuedRef[] }) => Event;
  send: (events: Event[]) => Promise<unknown>;
  /** Most rows in one group (one runtime run). */
  groupSize: number;
  /** More to set on the rows handed over, besides unqueueing them (inbound events become PROCESSING). */
  onHandOver?: Prisma.Sql;
  batchSize?: number;
}): Promise<{ dispatched: number; nextDueAt: Date | null }> {
  const table = TABLES[options.table];
  const batchSize = options.batchSize ?? 500;
  let dispatched = 0;
  for (;;) {
    const sent = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
          SELECT id, "dataspaceId", dispatch FROM ${table}
          WHERE "queuedAt" <= now() ORDER BY "queuedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await options.send(groups(rows, options.groupSize).map(options.toEvent));
        const also = options.onHandOver ? Prisma.sql`, ${options.onHandOver}` : Prisma.empty;
        await tx.$executeRaw`UPDATE ${table} SET "queuedAt" = NULL ${also} WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
        return rows.length;
      },
      { timeout: 30_000 }, // the send retries for a while when the runtime is briefly unreachable
    );
    dispatched += sent;
    if (sent < batchSize) break;
  }
  const [next] = await db.$queryRaw<{ due: Date | null }[]>`SELECT min("queuedAt") AS due FROM ${table} WHERE "queuedAt" > now()`;
  return { dispatched, nextDueAt: next?.due ?? null };
}

function groups(rows: Row[], size: number): { groupId: string; dataspaceId: string; refs: QueuedRef[] }[] {
  const byDataspace = new Map<string, Row[]>();
  for (const row of rows) byDataspace.set(row.dataspaceId, [...(byDataspace.get(row.dataspaceId) ?? []), row]);
  const out = [];
  for (const [dataspaceId, members] of byDataspace) {
    for (let i = 0; i < members.length; i += size) {
      const refs = members.slice(i, i + size).map((row) => ({ id: row.id, dispatch: row.dispatch }));
      const groupId = createHash("sha256").update(refs.map((ref) => `${ref.id}:${ref.dispatch}`).join(",")).digest("hex").slice(0, 40);
      out.push({ groupId, dataspaceId, refs });
    }
  }
  return out;
}

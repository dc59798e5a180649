import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db/client";

/** What the runtime receives: one dataspace's inbound events that were queued together. */
export const INBOUND_EVENTS_RECEIVED = "inbound/webhook_events.received";
export const inboundEventsReceivedData = z.object({
  dataspaceId: z.string().uuid(),
  events: z.array(z.object({ id: z.string().uuid(), dispatch: z.number().int().min(0) })).min(1).max(100),
});
export type InboundEventsReceived = { id: string; name: typeof INBOUND_EVENTS_RECEIVED; data: z.infer<typeof inboundEventsReceivedData> };

const GROUP_SIZE = 100;

type Row = { id: string; dataspaceId: string; dispatch: number };

/**
 * The dispatcher for inbound events, like the deliveries one: queued WebhookEvents (`queuedAt`
 * due: just received, or replayed) are locked with SKIP LOCKED, handed to the runtime and
 * unqueued in the same transaction, at least once.
 *
 * Events go in groups of up to 100 per dataspace, not one run each: a run costs the runtime
 * ~10 ms of CPU in this process (invocation, SDK, bookkeeping) against well under 1 ms to process
 * one event, and the receiver acknowledging deliveries shares that CPU. Retries stay per event:
 * each event's state lives in its row, so a retried group re-processes only what is not done yet
 * (see processWebhookEvents). A group's id is derived from its members (`<id>:<dispatch>`), so
 * a re-send after a crash is dropped as a duplicate while a replay (dispatch + 1) goes through.
 */
export async function dispatchQueuedWebhookEvents(options: {
  send: (events: InboundEventsReceived[]) => Promise<unknown>;
  batchSize?: number;
}): Promise<{ dispatched: number; nextDueAt: Date | null }> {
  const batchSize = options.batchSize ?? 500;
  let dispatched = 0;
  for (;;) {
    const sent = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
          SELECT id, "dataspaceId", dispatch FROM "WebhookEvent"
          WHERE "queuedAt" <= now() ORDER BY "queuedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await options.send(groups(rows));
        await tx.$executeRaw`UPDATE "WebhookEvent" SET "queuedAt" = NULL WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
        return rows.length;
      },
      { timeout: 30_000 }, // the send retries for a while when the runtime is briefly unreachable
    );
    dispatched += sent;
    if (sent < batchSize) break;
  }
  const [next] = await db.$queryRaw<{ due: Date | null }[]>`SELECT min("queuedAt") AS due FROM "WebhookEvent" WHERE "queuedAt" > now()`;
  return { dispatched, nextDueAt: next?.due ?? null };
}

function groups(rows: Row[]): InboundEventsReceived[] {
  const byDataspace = new Map<string, Row[]>();
  for (const row of rows) byDataspace.set(row.dataspaceId, [...(byDataspace.get(row.dataspaceId) ?? []), row]);
  const out: InboundEventsReceived[] = [];
  for (const [dataspaceId, members] of byDataspace) {
    for (let i = 0; i < members.length; i += GROUP_SIZE) {
      const events = members.slice(i, i + GROUP_SIZE).map((row) => ({ id: row.id, dispatch: row.dispatch }));
      const id = createHash("sha256").update(events.map((e) => `${e.id}:${e.dispatch}`).join(",")).digest("hex").slice(0, 40);
      out.push({ id: `inbound-events-${id}`, name: INBOUND_EVENTS_RECEIVED, data: { dataspaceId, events } });
    }
  }
  return out;
}

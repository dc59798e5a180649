import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db/client";

/** What the runtime receives: one dataspace's deliveries that fell due together. */
export const DELIVERIES_REQUESTED = "webhook/deliveries.requested";
export const deliveriesRequestedData = z.object({
  dataspaceId: z.string().uuid(),
  deliveries: z.array(z.object({ id: z.string().uuid(), dispatch: z.number().int().min(0) })).min(1).max(100),
});
export type DeliveriesRequested = { id: string; name: typeof DELIVERIES_REQUESTED; data: z.infer<typeof deliveriesRequestedData> };

const GROUP_SIZE = 100;

type Row = { id: string; dataspaceId: string; dispatch: number };

/**
 * The dispatcher: hands queued deliveries (`queuedAt` due) to the runtime, at least once, the way
 * the outbox relay hands over events: rows locked with SKIP LOCKED, sent, unqueued in the same
 * transaction. Deliveries due together go as groups of up to 100 per dataspace, so a busy
 * endpoint costs the runtime one invocation per group rather than per delivery, while a lone
 * delivery leaves at once. A group's id is derived from its members (`<delivery>:<dispatch>`),
 * so a re-send after a crash is dropped as a duplicate. Returns when the next queued delivery
 * (a retry, a deferral) falls due, so the relay can wake then.
 */
export async function dispatchQueuedDeliveries(options: {
  send: (events: DeliveriesRequested[]) => Promise<unknown>;
  batchSize?: number;
}): Promise<{ dispatched: number; nextDueAt: Date | null }> {
  const batchSize = options.batchSize ?? 1_000;
  let dispatched = 0;
  for (;;) {
    const sent = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
          SELECT id, "dataspaceId", dispatch FROM "WebhookDelivery"
          WHERE "queuedAt" <= now() ORDER BY "queuedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await options.send(groups(rows));
        await tx.$executeRaw`UPDATE "WebhookDelivery" SET "queuedAt" = NULL WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
        return rows.length;
      },
      { timeout: 30_000 },
    );
    dispatched += sent;
    if (sent < batchSize) break;
  }
  const [next] = await db.$queryRaw<{ due: Date | null }[]>`SELECT min("queuedAt") AS due FROM "WebhookDelivery" WHERE "queuedAt" > now()`;
  return { dispatched, nextDueAt: next?.due ?? null };
}

function groups(rows: Row[]): DeliveriesRequested[] {
  const byDataspace = new Map<string, Row[]>();
  for (const row of rows) byDataspace.set(row.dataspaceId, [...(byDataspace.get(row.dataspaceId) ?? []), row]);
  const events: DeliveriesRequested[] = [];
  for (const [dataspaceId, members] of byDataspace) {
    for (let i = 0; i < members.length; i += GROUP_SIZE) {
      const deliveries = members.slice(i, i + GROUP_SIZE).map((row) => ({ id: row.id, dispatch: row.dispatch }));
      const id = createHash("sha256").update(deliveries.map((d) => `${d.id}:${d.dispatch}`).join(",")).digest("hex").slice(0, 40);
      events.push({ id: `webhook-deliveries-${id}`, name: DELIVERIES_REQUESTED, data: { dataspaceId, deliveries } });
    }
  }
  return events;
}

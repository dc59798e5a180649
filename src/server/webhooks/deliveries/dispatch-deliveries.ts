import { z } from "zod";
import { db } from "@/server/db/client";

/** What the runtime receives for one delivery; the Inngest function is triggered by it. */
export const DELIVERY_REQUESTED = "webhook/delivery.requested";
export const deliveryRequestedData = z.object({
  dataspaceId: z.string().uuid(),
  deliveryId: z.string().uuid(),
  dispatch: z.number().int().min(0),
});
export type DeliveryRequested = { id: string; name: typeof DELIVERY_REQUESTED; data: z.infer<typeof deliveryRequestedData> };

type Row = { id: string; dataspaceId: string; dispatch: number };

/**
 * The dispatcher: hands queued deliveries (`queuedAt` due) to the runtime, at least once, the
 * way the outbox relay hands over events: rows locked with SKIP LOCKED, sent with the id
 * `<delivery>:<dispatch>` (a resend after a crash is dropped as a duplicate), unqueued in the
 * same transaction. Returns when the next deferred delivery falls due, so the relay can wake then.
 */
export async function dispatchQueuedDeliveries(options: {
  send: (events: DeliveryRequested[]) => Promise<unknown>;
  batchSize?: number;
}): Promise<{ dispatched: number; nextDueAt: Date | null }> {
  const batchSize = options.batchSize ?? 500;
  let dispatched = 0;
  for (;;) {
    const sent = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
          SELECT id, "dataspaceId", dispatch FROM "WebhookDelivery"
          WHERE "queuedAt" <= now() ORDER BY "queuedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await options.send(
          rows.map((row) => ({
            id: `${row.id}:${row.dispatch}`,
            name: DELIVERY_REQUESTED,
            data: { dataspaceId: row.dataspaceId, deliveryId: row.id, dispatch: row.dispatch },
          })),
        );
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

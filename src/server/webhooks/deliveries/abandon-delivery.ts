import { scopedDb } from "@/server/db/scoped";
import type { DeliveryRef } from "./deliver-batch";

/** When the runtime gives up on a group (its own retries exhausted), its pending deliveries say so. */
export async function markDeliveriesAbandoned(input: { dataspaceId: string; deliveries: DeliveryRef[] }, error: string) {
  const tdb = scopedDb(input.dataspaceId);
  for (const ref of input.deliveries) {
    await tdb.webhookDelivery.updateMany({
      where: { id: ref.id, dispatch: ref.dispatch, status: "PENDING", queuedAt: null },
      data: { status: "FAILED", nextAttemptAt: null, completedAt: new Date(), lastError: `Gave up: ${error}` },
    });
  }
}

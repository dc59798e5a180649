import { scopedDb } from "@/server/db/scoped";

/** When the runtime gives up on a delivery (its own retries exhausted), the delivery says so. */
export async function markDeliveryAbandoned(input: { dataspaceId: string; deliveryId: string; dispatch: number }, error: string) {
  await scopedDb(input.dataspaceId).webhookDelivery.updateMany({
    where: { id: input.deliveryId, dispatch: input.dispatch, status: "PENDING" },
    data: { status: "FAILED", nextAttemptAt: null, completedAt: new Date(), lastError: `Gave up: ${error}` },
  });
}

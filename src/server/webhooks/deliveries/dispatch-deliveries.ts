import { z } from "zod";
import { dispatchQueuedRows } from "@/server/runtime/queue-dispatcher";

/** What the runtime receives: one dataspace's deliveries that fell due together. */
export const DELIVERIES_REQUESTED = "webhook/deliveries.requested";
/** Each delivery is an HTTP request of its own: groups stay small enough to spread over workers. */
const DELIVERY_GROUP_SIZE = 100;
export const deliveriesRequestedData = z.object({
  dataspaceId: z.string().uuid(),
  deliveries: z.array(z.object({ id: z.string().uuid(), dispatch: z.number().int().min(0) })).min(1).max(DELIVERY_GROUP_SIZE),
});
export type DeliveriesRequested = { id: string; name: typeof DELIVERIES_REQUESTED; data: z.infer<typeof deliveriesRequestedData> };

/** Hands due deliveries (new, retries, deferred, released, replayed) to the runtime. */
export function dispatchQueuedDeliveries(options: { send: (events: DeliveriesRequested[]) => Promise<unknown>; batchSize?: number }) {
  return dispatchQueuedRows<DeliveriesRequested>({
    table: "WebhookDelivery",
    groupSize: DELIVERY_GROUP_SIZE,
    toEvent: ({ groupId, dataspaceId, refs }) => ({ id: `webhook-deliveries-${groupId}`, name: DELIVERIES_REQUESTED, data: { dataspaceId, deliveries: refs } }),
    ...options,
  });
}

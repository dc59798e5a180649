import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { dispatchQueuedRows } from "@/server/runtime/queue-dispatcher";

/** What the runtime receives: one dataspace's inbound events that were queued together. */
export const INBOUND_EVENTS_RECEIVED = "inbound/webhook_events.received";
/**
 * A dataspace's groups are processed one at a time (process-inbound-event.ts), so a backlog is
 * worked off in large groups: a group's statements cost little more for 500 rows than for 100.
 */
const INBOUND_GROUP_SIZE = 500;
export const inboundEventsReceivedData = z.object({
  dataspaceId: z.string().uuid(),
  events: z.array(z.object({ id: z.string().uuid(), dispatch: z.number().int().min(0) })).min(1).max(INBOUND_GROUP_SIZE),
});
export type InboundEventsReceived = { id: string; name: typeof INBOUND_EVENTS_RECEIVED; data: z.infer<typeof inboundEventsReceivedData> };

/**
 * Hands queued inbound events (just received, or replayed) to the runtime, RECEIVED → PROCESSING
 * in the same statement. Retries stay per event: each event's state lives in its row, so a
 * retried group re-processes only what is not done yet (see processWebhookEvents).
 */
export function dispatchQueuedWebhookEvents(options: { send: (events: InboundEventsReceived[]) => Promise<unknown>; batchSize?: number }) {
  return dispatchQueuedRows<InboundEventsReceived>({
    table: "WebhookEvent",
    groupSize: INBOUND_GROUP_SIZE,
    // Handed to the runtime is being processed: the attempt itself is counted and logged when it ends (event-transitions.ts).
    onHandOver: Prisma.sql`status = CASE WHEN status = 'RECEIVED' THEN 'PROCESSING'::"WebhookEventStatus" ELSE status END`,
    toEvent: ({ groupId, dataspaceId, refs }) => ({ id: `inbound-events-${groupId}`, name: INBOUND_EVENTS_RECEIVED, data: { dataspaceId, events: refs } }),
    ...options,
  });
}

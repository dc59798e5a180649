import { z } from "zod";
import { dispatchQueuedRows } from "@/server/runtime/queue-dispatcher";

/** What the runtime receives: one dataspace's notification messages that fell due together. */
export const NOTIFICATIONS_REQUESTED = "notification/messages.requested";
/** Each message is a platform call of its own: groups stay small enough to spread over workers. */
const MESSAGE_GROUP_SIZE = 50;
export const notificationsRequestedData = z.object({
  dataspaceId: z.string().uuid(),
  messages: z.array(z.object({ id: z.string().uuid(), dispatch: z.number().int().min(0) })).min(1).max(MESSAGE_GROUP_SIZE),
});
export type NotificationsRequested = { id: string; name: typeof NOTIFICATIONS_REQUESTED; data: z.infer<typeof notificationsRequestedData> };

/** Hands due messages (new, retries, deferred by quiet hours, digests at their minute's end) to the runtime. */
export function dispatchQueuedNotifications(options: { send: (events: NotificationsRequested[]) => Promise<unknown>; batchSize?: number }) {
  return dispatchQueuedRows<NotificationsRequested>({
    table: "NotificationMessage",
    groupSize: MESSAGE_GROUP_SIZE,
    toEvent: ({ groupId, dataspaceId, refs }) => ({ id: `notification-messages-${groupId}`, name: NOTIFICATIONS_REQUESTED, data: { dataspaceId, messages: refs } }),
    ...options,
  });
}

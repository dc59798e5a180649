import { deliverNotifications, markNotificationsAbandoned } from "@/server/notifications/deliver";
import { inngest, notificationMessagesRequested } from "../client";

/**
 * One attempt of each notification message in a dispatched group, without steps (each message's
 * attempts live in its row; src/server/notifications/deliver.ts). The runtime's own retries cover
 * infrastructure errors; when they run out, the group's pending messages are marked failed.
 */
export const deliverNotificationMessages = inngest.createFunction(
  {
    id: "deliver-notifications",
    name: "Deliver notifications",
    retries: 10,
    triggers: [notificationMessagesRequested],
    onFailure: async ({ event, error }) => markNotificationsAbandoned(event.data.event.data, error.message),
  },
  async ({ event }) => deliverNotifications(event.data),
);

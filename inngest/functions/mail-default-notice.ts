import { NonRetriableError } from "inngest";
import { DEFAULT_NOTICE_TYPES, mailDefaultNotice } from "@/server/notifications/default-notices";
import { NotificationSendError } from "@/server/notifications/channel";
import { domainEvents, inngest, type DomainEventData } from "../client";

/**
 * An endpoint paused or disabled, an issue sync failed, a rule failing → a mail to the
 * dataspace's owners and admins, when no rule of theirs takes it (src/server/notifications/default-notices.ts).
 * A mail server's refusal for good (5xx) is not retried; its busy answers and outages are.
 */
export const mailDefaultNoticeFunction = inngest.createFunction(
  {
    id: "mail-default-notice",
    name: "Mail an operational notice to the admins",
    retries: 6,
    triggers: DEFAULT_NOTICE_TYPES.map((type) => domainEvents[type]),
  },
  async ({ event }) => {
    // Typed triggers built from a list lose their data's type on the way: it is a domain event's.
    const data = event.data as DomainEventData<(typeof DEFAULT_NOTICE_TYPES)[number]>;
    try {
      return await mailDefaultNotice({
        id: event.id ?? "",
        type: event.name,
        data: data.payload,
        dataspaceId: data.dataspaceId,
        actorId: data.actorId,
        createdAt: new Date(event.ts ?? Date.now()),
      });
    } catch (error) {
      if (error instanceof NotificationSendError && error.permanent) throw new NonRetriableError(error.message, { cause: error });
      throw error;
    }
  },
);

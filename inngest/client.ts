import { eventType, Inngest } from "inngest";
import { httpFetch } from "./http-fetch";
import { z } from "zod";
import { eventCatalog, EVENT_TYPES, type EventType } from "@/server/events/catalog";
import { INBOUND_EVENTS_RECEIVED, inboundEventsReceivedData } from "@/server/inbound/dispatch-webhook-events";
import { RECONCILE_REQUESTED, reconcileRequestedData } from "@/server/integrations/statuspage/sync/reconcile";
import { BACKFILL_REQUESTED, backfillRequestedData, PUSH_REQUESTED, pushRequestedData } from "@/server/issue-sync/requests";
import { DELIVERIES_REQUESTED, deliveriesRequestedData } from "@/server/webhooks/deliveries/dispatch-deliveries";
import { NOTIFICATIONS_REQUESTED, notificationsRequestedData } from "@/server/notifications/dispatch";
import { FORWARD_REQUESTED, forwardRequestedData } from "@/server/telemetry/claim-due-forwardings";
import { RUNS_REQUESTED, runsRequestedData } from "@/server/ci/pipeline-rules/start-runs";

/**
 * Switchboard's one Inngest client. Where it sends events and who calls its functions is the
 * environment's business, by the SDK's own conventions: INNGEST_BASE_URL (the embedded executor,
 * or a self-hosted Inngest), INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (Inngest Cloud, or our
 * executor with signing on), INNGEST_DEV (a local dev server, signatures off). The SDK copies
 * process.env when the client is constructed (its serve handler refreshes the copy per request,
 * `send()` does not), so whoever sets them later, as server.ts does for the embedded executor,
 * calls `inngest.setEnvVars()` afterwards.
 */
export const inngest = new Inngest({ id: "switchboard", fetch: httpFetch });

/**
 * A domain event as the outbox relay sends it: the catalog's payload plus the tenant it belongs
 * to, so concurrency keys and filters can say `event.data.dataspaceId`.
 */
export function domainEventSchema<T extends EventType>(type: T) {
  return z.object({
    dataspaceId: z.string().uuid(),
    actorId: z.string().uuid().nullable(),
    payload: eventCatalog[type].schema as (typeof eventCatalog)[T]["schema"],
  });
}

export type DomainEventData<T extends EventType> = z.infer<ReturnType<typeof domainEventSchema<T>>>;

/** Typed triggers and senders, one per catalog entry: `triggers: [domainEvents["request.added"]]`. */
export const domainEvents = Object.fromEntries(EVENT_TYPES.map((type) => [type, eventType(type, { schema: domainEventSchema(type) })])) as {
  [T in EventType]: ReturnType<typeof eventType<T, ReturnType<typeof domainEventSchema<T>>>>;
};

/** Outgoing webhook deliveries to attempt, grouped per dataspace by the dispatcher. */
export const webhookDeliveriesRequested = eventType(DELIVERIES_REQUESTED, { schema: deliveriesRequestedData });

/** Notification messages to send, grouped per dataspace by their dispatcher. */
export const notificationMessagesRequested = eventType(NOTIFICATIONS_REQUESTED, { schema: notificationsRequestedData });

/** Stored inbound webhook events to process, grouped per dataspace by their dispatcher. */
export const inboundWebhookEventsReceived = eventType(INBOUND_EVENTS_RECEIVED, { schema: inboundEventsReceivedData });

/** One Statuspage integration's reconcile: from the cron tick, or a person's "Reconcile now". */
export const statuspageReconcileRequested = eventType(RECONCILE_REQUESTED, { schema: reconcileRequestedData });

/** Issue sync: push one request now (a person's "Create issue in …", the bulk sync's requests). */
export const issueSyncPushRequested = eventType(PUSH_REQUESTED, { schema: pushRequestedData });
/** Issue sync: "Sync existing requests" of one integration. */
export const issueSyncBackfillRequested = eventType(BACKFILL_REQUESTED, { schema: backfillRequestedData });

/** Telemetry: one Datadog or New Relic integration's metrics forwarding run. */
export const telemetryForwardRequested = eventType(FORWARD_REQUESTED, { schema: forwardRequestedData });

/** CI: pipeline runs planned by the relay, grouped per dataspace, to start on GitHub or GitLab. */
export const ciPipelineRunsRequested = eventType(RUNS_REQUESTED, { schema: runsRequestedData });

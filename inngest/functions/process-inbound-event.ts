import { markWebhookEventsFailed, processWebhookEvents } from "@/server/inbound/process-webhook-events";
import { inboundWebhookEventsReceived, inngest } from "../client";

/**
 * Processes a dispatched group of inbound webhook events, in one invocation and without steps:
 * each event's state lives in its own row. An event that fails makes the run throw, so the
 * runtime retries with its backoff, and the retry re-processes only the events not done yet.
 * When the retries run out, those events are marked FAILED with their error.
 *
 * One group per dataspace at a time, in the order dispatched: a dataspace's deliveries are
 * applied in the order they arrived (an alert's Triggered before its Recovered, an issue's
 * edit after its creation), and groups never queue inside PostgreSQL for the dataspace's
 * alert lock while holding a connection — a backlog of them did, until their transactions
 * timed out and each delivery was retried alone, out of order. A retried group waits for its
 * backoff without holding the lane, so after a failure later groups may pass it.
 */
export const processInboundEvent = inngest.createFunction(
  {
    id: "process-inbound-events",
    name: "Process inbound webhook events",
    retries: 5,
    concurrency: { limit: 1, key: "event.data.dataspaceId" },
    triggers: [inboundWebhookEventsReceived],
    onFailure: async ({ event, error }) => markWebhookEventsFailed(event.data.event.data, error.message),
  },
  async ({ event }) => processWebhookEvents(event.data),
);

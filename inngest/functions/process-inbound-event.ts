import { markWebhookEventsFailed, processWebhookEvents } from "@/server/inbound/process-webhook-events";
import { inboundWebhookEventsReceived, inngest } from "../client";

/**
 * Processes a dispatched group of inbound webhook events, in one invocation and without steps:
 * each event's state lives in its own row. An event that fails makes the run throw, so the
 * runtime retries with its backoff, and the retry re-processes only the events not done yet.
 * When the retries run out, those events are marked FAILED with their error.
 */
export const processInboundEvent = inngest.createFunction(
  {
    id: "process-inbound-events",
    name: "Process inbound webhook events",
    retries: 5,
    triggers: [inboundWebhookEventsReceived],
    onFailure: async ({ event, error }) => markWebhookEventsFailed(event.data.event.data, error.message),
  },
  async ({ event }) => processWebhookEvents(event.data),
);

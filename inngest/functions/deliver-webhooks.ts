import { deliverBatch } from "@/server/webhooks/deliveries/deliver-batch";
import { markDeliveriesAbandoned } from "@/server/webhooks/deliveries/abandon-delivery";
import { inngest, webhookDeliveriesRequested } from "../client";

/**
 * One attempt of each delivery in a dispatched group, in one invocation and without steps: each
 * delivery's state (attempts, next attempt, dispatch) lives in its own row, so a step would only
 * add round trips. Retries are scheduled by the domain (queued again for their time); the
 * runtime's own retries cover infrastructure errors (database down) — the group runs again and
 * whatever was not recorded is attempted again. If even those run out, the deliveries still
 * pending in the group are marked failed, not left pending.
 */
export const deliverWebhooks = inngest.createFunction(
  {
    id: "deliver-webhooks",
    name: "Deliver webhooks",
    retries: 10,
    triggers: [webhookDeliveriesRequested],
    onFailure: async ({ event, error }) => markDeliveriesAbandoned(event.data.event.data, error.message),
  },
  async ({ event }) => deliverBatch(event.data),
);

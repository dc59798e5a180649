import { RetryAfterError } from "inngest";
import { attemptDelivery } from "@/server/webhooks/deliveries/attempt-delivery";
import { markDeliveryAbandoned } from "@/server/webhooks/deliveries/abandon-delivery";
import { inngest, webhookDeliveryRequested } from "../client";

/**
 * One run per delivery, one invocation per attempt: no steps, because an attempt is a single
 * side effect recorded by the domain, and each step would cost another round trip. A failed
 * attempt that should be retried throws RetryAfterError with the delay the schedule chose.
 * The retry budget here is above the largest schedule a dataspace may set (12 retries), so the
 * schedule decides; only infrastructure errors (database down) can exhaust it, and then the
 * delivery is marked failed rather than left pending.
 */
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    retries: 20,
    triggers: [webhookDeliveryRequested],
    onFailure: async ({ event, error }) => markDeliveryAbandoned(event.data.event.data, error.message),
  },
  async ({ event }) => {
    const outcome = await attemptDelivery(event.data);
    // A Date, not milliseconds: the SDK rounds a delay in ms up to whole seconds.
    if (outcome.kind === "retry") throw new RetryAfterError(outcome.error, new Date(Date.now() + outcome.delayMs));
    return outcome;
  },
);

import { resumePausedEndpoint } from "@/server/webhooks/deliveries/control-deliveries";
import { domainEvents, inngest } from "../client";

/** The end of a circuit-breaker pause: sleep until `paused_until`, then resume and release the held backlog. */
export const resumeWebhookEndpoint = inngest.createFunction(
  { id: "resume-webhook-endpoint", name: "Resume paused webhook endpoint", triggers: [domainEvents["webhook_endpoint.paused"]] },
  async ({ event, step }) => {
    const until = event.data.payload.paused_until;
    if (until) await step.sleepUntil("pause", new Date(until));
    return step.run("resume", () => resumePausedEndpoint({ dataspaceId: event.data.dataspaceId, endpointId: event.data.payload.uuid }));
  },
);

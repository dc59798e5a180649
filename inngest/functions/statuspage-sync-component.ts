import { NonRetriableError } from "inngest";
import { syncServiceStatus } from "@/server/integrations/statuspage/sync/sync-component";
import { domainEvents, inngest } from "../client";
import { statuspageConcurrency, statuspageSteps } from "../statuspage-step";

/**
 * A service's status → the status of the Statuspage components mapped to it. One step per API
 * call; Statuspage's 429/5xx are retried (after Retry-After when given), a refused key is not.
 * One step at a time per dataspace, shared with the other Statuspage functions
 * (statuspageConcurrency), so a service's changes reach Statuspage in order and a burst stays
 * near Statuspage's rate limit (1 request per second per key). A change caused by an incident
 * that the integration publishes is sent by that incident's own call (sync-component.ts).
 */
export const statuspageSyncComponent = inngest.createFunction(
  {
    id: "statuspage-sync-component",
    name: "Statuspage: component status",
    retries: 8,
    concurrency: [statuspageConcurrency],
    triggers: [domainEvents["service.status_changed"]],
  },
  async ({ event, step }) => {
    const outcome = await syncServiceStatus({ dataspaceId: event.data.dataspaceId, serviceId: event.data.payload.uuid, cause: event.data.payload.cause }, statuspageSteps(step));
    if (outcome.failed.length > 0) {
      // Each failed call was already retried as its error allowed; running the function again would change nothing.
      throw new NonRetriableError(outcome.failed.map((f) => `component ${f.componentId}: ${f.error}`).join("; "));
    }
    return outcome;
  },
);

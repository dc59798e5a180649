import { NonRetriableError } from "inngest";
import { syncServiceStatus } from "@/server/integrations/statuspage/sync/sync-component";
import { domainEvents, inngest } from "../client";
import { statuspageSteps } from "../statuspage-step";

/**
 * A service's status → the status of the Statuspage components mapped to it. One step per API
 * call; Statuspage's 429/5xx are retried (after Retry-After when given), a refused key is not.
 * One run at a time per dataspace, so a service's changes reach Statuspage in order and a burst
 * stays within Statuspage's rate limit (1 request per second per key).
 */
export const statuspageSyncComponent = inngest.createFunction(
  {
    id: "statuspage-sync-component",
    name: "Statuspage: component status",
    retries: 8,
    concurrency: [{ limit: 1, key: "event.data.dataspaceId" }],
    triggers: [domainEvents["service.status_changed"]],
  },
  async ({ event, step }) => {
    const outcome = await syncServiceStatus({ dataspaceId: event.data.dataspaceId, serviceId: event.data.payload.uuid }, statuspageSteps(step));
    if (outcome.failed.length > 0) {
      // Each failed call was already retried as its error allowed; running the function again would change nothing.
      throw new NonRetriableError(outcome.failed.map((f) => `component ${f.componentId}: ${f.error}`).join("; "));
    }
    return outcome;
  },
);

import { NonRetriableError } from "inngest";
import { publishIncident, type PublishRunOutcome } from "@/server/integrations/statuspage/sync/publish-incident";
import { publishMaintenance } from "@/server/integrations/statuspage/sync/publish-maintenance";
import { domainEvents, inngest } from "../client";
import { statuspageConcurrency, statuspageSteps } from "../statuspage-step";

function settle(outcome: PublishRunOutcome): PublishRunOutcome {
  // Each failed call was already retried as its error allowed; running the function again would change nothing.
  if (outcome.failed.length > 0) throw new NonRetriableError(outcome.failed.map((f) => `integration ${f.integrationId}: ${f.error}`).join("; "));
  return outcome;
}

/**
 * An incident → its Statuspage incident on each page that publishes incidents
 * (src/server/integrations/statuspage/sync/publish-incident.ts): created, updated with what
 * changed, resolved. One step per API call, sending the incident as it is at that moment.
 */
export const statuspagePublishIncident = inngest.createFunction(
  {
    id: "statuspage-publish-incident",
    name: "Statuspage: publish incident",
    retries: 8,
    concurrency: [statuspageConcurrency],
    triggers: [domainEvents["incident.created"], domainEvents["incident.updated"], domainEvents["incident.resolved"]],
  },
  async ({ event, step }) => settle(await publishIncident({ dataspaceId: event.data.dataspaceId, incidentId: event.data.payload.uuid }, statuspageSteps(step))),
);

/**
 * A maintenance window → its scheduled incident on each page that publishes maintenances
 * (src/server/integrations/statuspage/sync/publish-maintenance.ts): created with its times,
 * rescheduled, started and completed (unless Statuspage's own auto transition did it), cancelled.
 */
export const statuspagePublishMaintenance = inngest.createFunction(
  {
    id: "statuspage-publish-maintenance",
    name: "Statuspage: publish maintenance",
    retries: 8,
    concurrency: [statuspageConcurrency],
    triggers: [domainEvents["maintenance.scheduled"], domainEvents["maintenance.updated"], domainEvents["maintenance.started"], domainEvents["maintenance.completed"]],
  },
  async ({ event, step }) => settle(await publishMaintenance({ dataspaceId: event.data.dataspaceId, maintenanceId: event.data.payload.uuid }, statuspageSteps(step))),
);

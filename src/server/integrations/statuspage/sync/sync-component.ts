import { scopedDb } from "@/server/db/scoped";
import type { StatusCause } from "@/server/records/services/service.schema";
import { readStatuspageSettings } from "../config";
import { noteComponentStatus } from "./links";
import { isSkipped, loadOutbound, withAttention, type IntegrationRef } from "./outbound";
import { incidentCarriesService } from "./publish-incident";
import type { OutboundDeps, StepRunner } from "./steps";

export type ComponentTarget = { integrationId: string; componentId: string };

/**
 * The active Statuspage integrations of the dataspace that map this service to a component and
 * push its status there (direction "push"; "pull" and "report" leave Statuspage alone).
 */
export async function componentTargets(dataspaceId: string, serviceId: string): Promise<ComponentTarget[]> {
  const rows = await scopedDb(dataspaceId).integration.findMany({
    where: { type: "STATUSPAGE", isActive: true },
    select: { id: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.flatMap((row) => {
    const settings = readStatuspageSettings(row.config);
    const componentId = settings?.direction === "push" ? settings.componentMapping[serviceId] : undefined;
    return componentId ? [{ integrationId: row.id, componentId }] : [];
  });
}

export type PushOutcome = { componentId: string; status: string } | { skipped: string };

/**
 * Sets the mapped component to the service's status as it is now (not as the triggering event
 * said: runs may be retried late, and the last status is the one to show). One API call.
 *
 * Not when an incident caused the change and this integration publishes that incident: the
 * incident's own call carries its components' statuses (./publish-incident.ts), and the
 * component is not updated twice for one change.
 */
export async function pushComponentStatus(input: IntegrationRef & { serviceId: string; cause?: StatusCause }, deps: OutboundDeps = {}): Promise<PushOutcome> {
  const outbound = await loadOutbound(input.dataspaceId, input.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const componentId = outbound.settings.componentMapping[input.serviceId];
  if (!componentId) return { skipped: "the service is no longer mapped to a component" };
  if (outbound.settings.direction !== "push") return { skipped: `the integration's direction is "${outbound.settings.direction}", not "push"` };
  const service = await scopedDb(input.dataspaceId).service.findFirst({ where: { id: input.serviceId }, select: { status: true } });
  if (!service) return { skipped: "the service no longer exists" };
  const cause = input.cause;
  if (cause?.type === "incident" && cause.uuid && outbound.settings.publishIncidents && (await incidentCarriesService(input, outbound.settings.pageId, cause.uuid, input.serviceId))) {
    return { skipped: "the incident that changed it is published on this page, and its update carries the component's status" };
  }
  await withAttention(input, () => outbound.client.updateComponentStatus(outbound.settings.pageId, componentId, service.status));
  await noteComponentStatus(input, componentId, service.status);
  return { componentId, status: service.status };
}

export type SyncOutcome = {
  updated: (ComponentTarget & PushOutcome)[];
  failed: (ComponentTarget & { error: string })[];
};

/**
 * `service.status_changed` → the status of each component mapped to the service: one step to find
 * them, one step (one API call, retried by the runtime) per component. A component that cannot be
 * updated does not hold up the others; the outcome names it.
 */
export async function syncServiceStatus(input: { dataspaceId: string; serviceId: string; cause?: StatusCause }, step: StepRunner, deps: OutboundDeps = {}): Promise<SyncOutcome> {
  const targets = await step("find mapped components", () => componentTargets(input.dataspaceId, input.serviceId));
  const outcome: SyncOutcome = { updated: [], failed: [] };
  for (const target of targets) {
    try {
      const pushed = await step(`update component ${target.componentId} (integration ${target.integrationId})`, () =>
        pushComponentStatus({ dataspaceId: input.dataspaceId, integrationId: target.integrationId, serviceId: input.serviceId, cause: input.cause }, deps),
      );
      outcome.updated.push({ ...target, ...pushed });
    } catch (error) {
      outcome.failed.push({ ...target, error: (error as Error).message });
    }
  }
  return outcome;
}

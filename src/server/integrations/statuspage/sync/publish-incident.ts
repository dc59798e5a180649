import type { Prisma } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
import type { ComponentStatus, IncidentInput, IncidentStatus } from "../api/client";
import { readStatuspageSettings } from "../config";
import { findLink, saveLink, statuspageName, switchboardMetadata, updatePublished, type Published } from "./links";
import { isSkipped, loadOutbound, withAttention, type IntegrationRef, type Outbound } from "./outbound";
import type { OutboundDeps, StepRunner } from "./steps";

/**
 * Incidents → Statuspage incidents. On `incident.created|updated|resolved`, for each active
 * Statuspage integration of the dataspace with `publishIncidents` on, one step (one API call)
 * makes the page's incident match the incident *as it is when the call is made*:
 *
 * - not published yet: created (POST) with the name, status, impact (the severity), the latest
 *   timeline message as body, the mapped components of its services (`component_ids`) and, in
 *   the `push` direction, their statuses (`components`), `deliver_notifications` =
 *   notifySubscribers. An incident that affects no mapped service stays off the page (it is
 *   internal until it touches a component of the page); one resolved before it was published is
 *   never published;
 * - published: only what differs from what was last sent (./links.ts) — a new timeline entry
 *   becomes the update's body, a status change the status, an edit the name or impact, a service
 *   added or removed its component (a removed one with its service's status now).
 *
 * Component statuses: one value per component, its service's current status, whoever sends it.
 * The incident's own call carries the statuses its change caused (a status change caused by an
 * incident this integration publishes is not sent again by the component sync, see
 * ./sync-component.ts); any other change (by hand, a maintenance) goes through the component
 * sync, which notes the status on the incidents naming the component (noteComponentStatus), so
 * an incident call never re-sends, nor misses, a status the component already shows.
 */

export type PublishOutcome =
  | { created: string }
  | { updated: string; fields: string[] }
  | { unchanged: string }
  | { skipped: string };

/** What the reconcile saw on Statuspage: the incident's status and name there (a person may have changed them). */
export type Observed = { status: string; name: string };

const incidentSelect = {
  id: true,
  title: true,
  severity: true,
  status: true,
  services: { select: { serviceId: true } },
  updates: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 1, select: { id: true, message: true } },
} satisfies Prisma.IncidentSelect;

/** The statuses of the services mapped to `componentIds`, by component (a component whose service is gone is left out). */
async function componentStatuses(outbound: Outbound, componentIds: string[]): Promise<Record<string, ComponentStatus>> {
  const serviceOf = new Map(Object.entries(outbound.settings.componentMapping).map(([service, component]) => [component, service]));
  const serviceIds = componentIds.map((c) => serviceOf.get(c)).filter((s): s is string => s !== undefined);
  const services = await scopedDb(outbound.dataspaceId).service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, status: true } });
  const statusOf = new Map(services.map((s) => [s.id, s.status]));
  const statuses: Record<string, ComponentStatus> = {};
  for (const componentId of componentIds) {
    const status = statusOf.get(serviceOf.get(componentId) ?? "");
    if (status) statuses[componentId] = status;
  }
  return statuses;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Statuspage's status and name as the comparison's base: what was last sent, or what the reconcile saw there. */
function baseOf(published: Published, observed?: Observed): Published {
  return observed ? { ...published, status: observed.status, name: observed.name } : published;
}

/**
 * One incident on one integration's page, made to match (at most one API call). `observed`: the
 * reconcile's view of the page, compared with instead of what was last sent.
 */
export async function publishIncidentTo(ref: IntegrationRef, incidentId: string, deps: OutboundDeps = {}, observed?: Observed): Promise<PublishOutcome> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const { settings } = outbound;
  if (!settings.publishIncidents) return { skipped: "publishIncidents is off" };
  const incident = await scopedDb(ref.dataspaceId).incident.findFirst({ where: { id: incidentId }, select: incidentSelect });
  if (!incident) return { skipped: "the incident no longer exists" };
  const found = await findLink(ref, { incidentId });
  // A link to another page (the config now names a new one) is as good as none.
  const link = found && found.pageId === settings.pageId ? found : null;

  const mapping = settings.componentMapping;
  const current = [...new Set(incident.services.map((s) => mapping[s.serviceId]).filter((c): c is string => c !== undefined))].sort();
  const mapped = new Set(Object.values(mapping));
  // The components it names now, and those it named before (a service removed from it): each gets its service's status.
  const named = [...new Set([...current, ...(link?.published.componentIds ?? []).filter((c) => mapped.has(c))])].sort();
  const push = settings.direction === "push";
  const statuses = push ? await componentStatuses(outbound, named) : {};
  const latest = incident.updates[0] ?? null;
  const desired = {
    name: statuspageName(incident.title),
    status: incident.status as IncidentStatus,
    impact: incident.severity,
    bodyKey: latest ? `entry:${latest.id}` : null,
    componentIds: current,
  };

  if (!link) {
    if (incident.status === "resolved") return { skipped: "the incident was resolved before it was published" };
    if (current.length === 0) return { skipped: "the incident affects no service mapped to a component of this page" };
    const input: IncidentInput = {
      name: desired.name,
      status: desired.status,
      impact_override: desired.impact,
      ...(latest ? { body: latest.message } : {}),
      component_ids: current,
      ...(push && Object.keys(statuses).length > 0 ? { components: statuses } : {}),
      deliver_notifications: settings.notifySubscribers,
      metadata: switchboardMetadata(ref, { incidentId }),
    };
    const created = await withAttention(ref, () => outbound.client.createIncident(settings.pageId, input));
    await saveLink(ref, { incidentId }, { pageId: settings.pageId, statuspageIncidentId: created.id, published: { ...desired, components: statuses } });
    return { created: created.id };
  }

  const base = baseOf(link.published, observed);
  const sentComponents = link.published.components ?? {};
  const changedStatuses = Object.fromEntries(Object.entries(statuses).filter(([id, status]) => sentComponents[id] !== status));
  const patch: Partial<IncidentInput> = {};
  if (base.name !== desired.name) patch.name = desired.name;
  if (base.status !== desired.status) patch.status = desired.status;
  if (base.impact !== desired.impact) patch.impact_override = desired.impact;
  if (latest && base.bodyKey !== desired.bodyKey) patch.body = latest.message;
  // Added components are named; a removed one stays listed on Statuspage (its status is sent above).
  if (current.some((c) => !(base.componentIds ?? []).includes(c))) patch.component_ids = current;
  if (Object.keys(changedStatuses).length > 0) patch.components = changedStatuses;
  const fields = Object.keys(patch);
  if (fields.length === 0) {
    // Nothing to send; remember a removed service's component no more once its status is sent.
    if (!sameSet(link.published.componentIds ?? [], current)) await updatePublished(ref, link.id, { ...link.published, componentIds: current });
    return { unchanged: link.statuspageIncidentId };
  }
  patch.deliver_notifications = settings.notifySubscribers;
  await withAttention(ref, () => outbound.client.updateIncident(settings.pageId, link.statuspageIncidentId, patch));
  await updatePublished(ref, link.id, { ...link.published, ...desired, components: { ...sentComponents, ...changedStatuses } });
  return { updated: link.statuspageIncidentId, fields };
}

/**
 * Whether this incident's own call to the integration's page carries the status of this service's
 * component (so the component sync leaves it alone): it is published there, or will be — it is
 * open and affects the service. Mirrors `publishIncidentTo`'s choice of components.
 */
export async function incidentCarriesService(ref: IntegrationRef, pageId: string, incidentId: string, serviceId: string): Promise<boolean> {
  const link = await findLink(ref, { incidentId });
  if (link && link.pageId === pageId) return true;
  const incident = await scopedDb(ref.dataspaceId).incident.findFirst({ where: { id: incidentId }, select: { status: true, services: { where: { serviceId }, select: { serviceId: true } } } });
  return incident !== null && incident.status !== "resolved" && incident.services.length > 0;
}

/** The active Statuspage integrations of the dataspace that publish incidents (or maintenances). */
export async function incidentPublishers(dataspaceId: string, kind: "publishIncidents" | "publishMaintenances"): Promise<string[]> {
  const rows = await scopedDb(dataspaceId).integration.findMany({
    where: { type: "STATUSPAGE", isActive: true },
    select: { id: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.filter((row) => readStatuspageSettings(row.config)?.[kind] === true).map((row) => row.id);
}

export type PublishRunOutcome = {
  published: ({ integrationId: string } & PublishOutcome)[];
  failed: { integrationId: string; error: string }[];
};

/**
 * `incident.created|updated|resolved` → each publishing integration's page: one step to find
 * them, one step (one API call, retried by the runtime as its error allows) per integration.
 */
export async function publishIncident(input: { dataspaceId: string; incidentId: string }, step: StepRunner, deps: OutboundDeps = {}): Promise<PublishRunOutcome> {
  const integrationIds = await step("find publishing integrations", () => incidentPublishers(input.dataspaceId, "publishIncidents"));
  const outcome: PublishRunOutcome = { published: [], failed: [] };
  for (const integrationId of integrationIds) {
    try {
      const done = await step(`publish to integration ${integrationId}`, () => publishIncidentTo({ dataspaceId: input.dataspaceId, integrationId }, input.incidentId, deps));
      outcome.published.push({ integrationId, ...done });
    } catch (error) {
      outcome.failed.push({ integrationId, error: (error as Error).message });
    }
  }
  return outcome;
}

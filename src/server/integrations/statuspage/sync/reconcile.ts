import { z } from "zod";
import { scopedDb } from "@/server/db/scoped";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { jsonbSafeJson } from "@/server/inbound/jsonb-safe";
import { setServiceStatus } from "@/server/records/services/service-status";
import { SERVICE_STATUSES, type ServiceStatus } from "@/server/records/services/service.schema";
import type { SyncDirection } from "../config";
import { noteComponentStatus } from "./links";
import { isSkipped, loadOutbound, withAttention, type IntegrationRef } from "./outbound";
import { listUnresolvedIncidents, planIncidentReconcile, repairIncident, type IncidentsReport } from "./reconcile-incidents";
import type { OutboundDeps, StepRunner } from "./steps";

/**
 * The scheduled reconcile of one Statuspage integration: its mapped services ↔ the page's
 * components. A cron tick (every minute) claims the integrations whose interval has elapsed
 * (./claim-due-reconciles.ts) and asks the runtime for one run each; a person can ask for one too
 * (Reconcile now). A run lists the components (one API call), compares, repairs each difference
 * in the configured direction (one step each: a run resumed after a crash does not repeat a
 * repair it made) and records what it found and changed on the integration.
 */
export const RECONCILE_REQUESTED = "statuspage/reconcile.requested";
export const reconcileRequestedData = z.object({ dataspaceId: z.string().uuid(), integrationId: z.string().uuid() });
export type ReconcileRequest = z.infer<typeof reconcileRequestedData>;

export type ReconcileResult = "in_sync" | "repaired" | "drift_reported" | "failed";

/** One mapped pair whose statuses differ; `repaired` says which side was changed, if any. */
export type Drift = {
  service: { id: string; name: string; status: ServiceStatus };
  component: { id: string; name: string; status: string };
  repaired: "component" | "service" | null;
};

export type ReconcileReport = {
  direction: SyncDirection;
  pageId: string;
  /** Mapped pairs compared. */
  compared: number;
  drift: Drift[];
  /** What could not be compared or repaired (unknown service or component, a failed repair). */
  problems: string[];
  error: string | null;
  /** Open incidents ↔ the page's unresolved incidents (./reconcile-incidents.ts); absent when the integration does not publish incidents. */
  incidents?: IncidentsReport;
};

type Component = { id: string; name: string; status: string; group: boolean };
type Repair = { serviceId: string; componentId: string; side: "component" | "service"; to: string };
type Plan = { direction: SyncDirection; pageId: string; publishIncidents: boolean; compared: number; drift: Drift[]; repairs: Repair[]; problems: string[] };

/** The page's components, as plain data (a step's output is stored). */
async function listComponents(ref: IntegrationRef, deps: OutboundDeps): Promise<{ components: Component[] } | { skipped: string }> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const components = await withAttention(ref, () => outbound.client.listComponents(outbound.settings.pageId));
  return { components: components.map((c) => ({ id: c.id, name: c.name, status: c.status ?? "", group: c.group ?? false })) };
}

/** Mapped services ↔ components, as they are now: the differences and, by direction, the repairs. */
export async function planReconcile(ref: IntegrationRef, components: Component[], deps: OutboundDeps = {}): Promise<Plan | { skipped: string }> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const { componentMapping, direction, pageId } = outbound.settings;
  const serviceIds = Object.keys(componentMapping);
  const services = await scopedDb(ref.dataspaceId).service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, name: true, status: true } });
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const componentById = new Map(components.map((c) => [c.id, c]));
  const plan: Plan = { direction, pageId, publishIncidents: outbound.settings.publishIncidents, compared: 0, drift: [], repairs: [], problems: [] };
  for (const [serviceId, componentId] of Object.entries(componentMapping)) {
    const service = serviceById.get(serviceId);
    const component = componentById.get(componentId);
    if (!service) {
      plan.problems.push(`service ${serviceId} is mapped to component ${componentId} but no longer exists`);
      continue;
    }
    if (!component) {
      plan.problems.push(`component ${componentId} (mapped to service "${service.name}") is not on page ${pageId}`);
      continue;
    }
    if (component.group || !(SERVICE_STATUSES as readonly string[]).includes(component.status)) {
      plan.problems.push(`component "${component.name}" (${componentId}) is a group, which has no status of its own; map a component inside it`);
      continue;
    }
    plan.compared += 1;
    if (component.status === service.status) continue;
    const side = direction === "push" ? "component" : direction === "pull" ? "service" : null;
    plan.drift.push({ service: { id: service.id, name: service.name, status: service.status }, component: { id: component.id, name: component.name, status: component.status }, repaired: side });
    if (side) plan.repairs.push({ serviceId, componentId, side, to: side === "component" ? service.status : component.status });
  }
  return plan;
}

/** One repair: the component set to its service's status (one API call), or the service to its component's. */
async function applyRepair(ref: IntegrationRef, repair: Repair, deps: OutboundDeps): Promise<{ done: true } | { skipped: string }> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  if (repair.side === "component") {
    await withAttention(ref, () => outbound.client.updateComponentStatus(outbound.settings.pageId, repair.componentId, repair.to as ServiceStatus));
    await noteComponentStatus(ref, repair.componentId, repair.to);
    return { done: true };
  }
  const tdb = scopedDb(ref.dataspaceId);
  const dataspace = await tdb.dataspace.findFirstOrThrow({ where: { id: ref.dataspaceId }, select: { id: true, slug: true, name: true } });
  // Statuspage's status as a manual change of the service's (no person: the actor is null).
  await transactionWithEvents(tdb, (tx) => setServiceStatus(tx, dataspace, repair.serviceId, repair.to as ServiceStatus, { type: "manual", uuid: null }, null));
  return { done: true };
}

async function recordReconcile(ref: IntegrationRef, result: ReconcileResult, report: ReconcileReport): Promise<void> {
  const json = jsonbSafeJson(report);
  await scopedDb(ref.dataspaceId).$executeRaw`
    UPDATE "Integration" SET "reconcileFinishedAt" = now(), "reconcileResult" = ${result}, "reconcileReport" = ${json}::jsonb
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid`;
}

export type ReconcileOutcome = { result: ReconcileResult; report: ReconcileReport } | { skipped: string };

/** One reconcile run, as a sequence of steps (see the top of this file). */
export async function runReconcile(ref: IntegrationRef, step: StepRunner, deps: OutboundDeps = {}): Promise<ReconcileOutcome> {
  let listed: Awaited<ReturnType<typeof listComponents>>;
  try {
    listed = await step("list components", () => listComponents(ref, deps));
  } catch (error) {
    const report: ReconcileReport = { direction: "push", pageId: "", compared: 0, drift: [], problems: [], error: (error as Error).message };
    const settings = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
    if (!isSkipped(settings)) Object.assign(report, { direction: settings.settings.direction, pageId: settings.settings.pageId });
    await step("record", () => recordReconcile(ref, "failed", report));
    return { result: "failed", report };
  }
  if ("skipped" in listed) return listed;
  const plan = await step("compare", () => planReconcile(ref, listed.components, deps));
  if ("skipped" in plan) return plan;

  const problems = [...plan.problems];
  const drift = plan.drift.map((d) => ({ ...d }));
  for (const repair of plan.repairs) {
    const item = drift.find((d) => d.service.id === repair.serviceId)!;
    try {
      const done = await step(`repair ${repair.side} of ${repair.side === "component" ? repair.componentId : repair.serviceId}`, () => applyRepair(ref, repair, deps));
      if ("skipped" in done) {
        item.repaired = null;
        problems.push(`not repaired: ${done.skipped}`);
      }
    } catch (error) {
      item.repaired = null;
      problems.push(`could not repair "${item.service.name}" ↔ "${item.component.name}": ${(error as Error).message}`);
    }
  }
  const incidentsRun = plan.publishIncidents ? await reconcileIncidents(ref, step, deps, problems) : null;
  const incidents = incidentsRun?.report ?? null;
  const incidentDrift = incidents?.drift ?? [];
  const attempted = plan.repairs.length + (incidentsRun?.attempted ?? 0);
  const repairedAny = drift.some((d) => d.repaired !== null) || incidentDrift.some((d) => d.repaired);
  const result: ReconcileResult =
    drift.length + incidentDrift.length === 0 ? "in_sync" : repairedAny ? "repaired" : attempted > 0 ? "failed" : "drift_reported";
  const report: ReconcileReport = { direction: plan.direction, pageId: plan.pageId, compared: plan.compared, drift, problems, error: null, ...(incidents ? { incidents } : {}) };
  await step("record", () => recordReconcile(ref, result, report));
  return { result, report };
}

/** The incidents half of a run: list (one call), compare, one step per repair; problems go to the run's report. */
async function reconcileIncidents(ref: IntegrationRef, step: StepRunner, deps: OutboundDeps, problems: string[]): Promise<{ report: IncidentsReport; attempted: number } | null> {
  let listed: Awaited<ReturnType<typeof listUnresolvedIncidents>>;
  try {
    listed = await step("list unresolved incidents", () => listUnresolvedIncidents(ref, deps));
  } catch (error) {
    problems.push(`could not list the page's unresolved incidents: ${(error as Error).message}`);
    return null;
  }
  if ("skipped" in listed) return null;
  const plan = await step("compare incidents", () => planIncidentReconcile(ref, listed.incidents, listed.listedAt, deps));
  if ("skipped" in plan) return null;
  problems.push(...plan.problems);
  const drift = plan.report.drift.map((d) => ({ ...d }));
  for (const repair of plan.repairs) {
    const item = drift.find((d) => d.incident.id === repair.incidentId)!;
    try {
      const done = await step(`repair incident ${repair.incidentId}`, () => repairIncident(ref, repair, deps));
      if ("skipped" in done) {
        item.repaired = false;
        problems.push(`incident "${item.incident.title}" not repaired: ${done.skipped}`);
      }
    } catch (error) {
      item.repaired = false;
      problems.push(`could not repair incident "${item.incident.title}" on Statuspage: ${(error as Error).message}`);
    }
  }
  return { report: { compared: plan.report.compared, drift }, attempted: plan.repairs.length };
}

import type { Prisma } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
import type { IncidentInput } from "../api/client";
import { findLink, saveLink, statuspageName, switchboardMetadata, updatePublished } from "./links";
import { isSkipped, loadOutbound, withAttention, type IntegrationRef } from "./outbound";
import { incidentPublishers, type PublishOutcome, type PublishRunOutcome } from "./publish-incident";
import type { OutboundDeps, StepRunner } from "./steps";

/**
 * Maintenance windows → Statuspage scheduled incidents. On `maintenance.scheduled|updated|
 * started|completed`, for each active Statuspage integration with `publishMaintenances` on, the
 * page's scheduled incident is made to match the window as it is when the call is made (at most
 * one call that changes anything per integration and run):
 *
 * - created when scheduled, with `scheduled_for`/`scheduled_until` (its times),
 *   `scheduled_auto_in_progress` and `scheduled_auto_completed` (Statuspage moves it at those
 *   times, and says so to subscribers if notifySubscribers), the mapped components of its services
 *   as `component_ids`, its description as the first body. A window that affects no mapped service
 *   stays off the page; one that ended before it was published is never published;
 * - updated with what differs from what was last sent: new times (a reschedule), title, services,
 *   a timeline entry as the body;
 * - started / completed: Statuspage makes these moves itself at the scheduled times, so when ours
 *   is one of those, the publisher first reads the page's incident (one call, a step of its own)
 *   and sends the status only if Statuspage has not moved it yet — never the same move twice, and
 *   subscribers are not told twice. A window completed early, or cancelled (Statuspage has no
 *   "cancelled": it ends `completed`, with the cancellation as the body), is sent at once.
 *
 * Component statuses are not part of these calls (no `components` map, and the auto transitions
 * to maintenance/operational state are off): the window's services are `under_maintenance` while
 * it runs, and the component sync (./sync-component.ts) sends that like any service status — so
 * an outage during maintenance, which wins over it, is never overwritten by Statuspage's own move.
 */

const STATUS = { scheduled: "scheduled", in_progress: "in_progress", completed: "completed" } as const;
/** How far a scheduled incident has come on Statuspage. */
const ORDER: Record<string, number> = { scheduled: 0, in_progress: 1, verifying: 2, completed: 3 };

const windowSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  scheduledStart: true,
  scheduledEnd: true,
  startedAt: true,
  completedAt: true,
  services: { select: { serviceId: true } },
  updates: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 1, select: { id: true, message: true } },
} satisfies Prisma.MaintenanceSelect;

type Window = NonNullable<Awaited<ReturnType<typeof loadWindow>>>;

function loadWindow(dataspaceId: string, maintenanceId: string) {
  return scopedDb(dataspaceId).maintenance.findFirst({ where: { id: maintenanceId }, select: windowSelect });
}

/**
 * Whether the window's last move is one Statuspage makes by itself at the scheduled time: it
 * started (a window only starts at its time), or it completed at (or after) its scheduled end.
 */
function autoMove(window: Window): boolean {
  if (window.status === "in_progress") return true;
  return window.status === "completed" && window.startedAt !== null && window.completedAt !== null && window.completedAt >= window.scheduledEnd;
}

export type Look = { statuspageIncidentId: string; status: string } | { notNeeded: true };

/**
 * The read before a move Statuspage may have made already: the page's incident's status, when the
 * window's status differs from what was last sent and the move is one of Statuspage's own.
 */
export async function lookBeforeMove(ref: IntegrationRef, maintenanceId: string, deps: OutboundDeps = {}): Promise<Look> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound) || !outbound.settings.publishMaintenances) return { notNeeded: true };
  const window = await loadWindow(ref.dataspaceId, maintenanceId);
  const link = await findLink(ref, { maintenanceId });
  if (!window || !link || link.pageId !== outbound.settings.pageId) return { notNeeded: true };
  if (link.published.status === STATUS[window.status] || !autoMove(window)) return { notNeeded: true };
  const incident = await withAttention(ref, () => outbound.client.getIncident(outbound.settings.pageId, link.statuspageIncidentId));
  return { statuspageIncidentId: incident.id, status: incident.status };
}

/** One window on one integration's page, made to match (at most one API call). `seen`: its status there, from `lookBeforeMove`. */
export async function publishMaintenanceTo(ref: IntegrationRef, maintenanceId: string, deps: OutboundDeps = {}, seen: Look = { notNeeded: true }): Promise<PublishOutcome> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const { settings } = outbound;
  if (!settings.publishMaintenances) return { skipped: "publishMaintenances is off" };
  const window = await loadWindow(ref.dataspaceId, maintenanceId);
  if (!window) return { skipped: "the maintenance window no longer exists" };
  const found = await findLink(ref, { maintenanceId });
  const link = found && found.pageId === settings.pageId ? found : null;

  const mapping = settings.componentMapping;
  const componentIds = [...new Set(window.services.map((s) => mapping[s.serviceId]).filter((c): c is string => c !== undefined))].sort();
  const latest = window.updates[0] ?? null;
  const desired = {
    name: statuspageName(window.title),
    status: STATUS[window.status],
    scheduledFor: window.scheduledStart.toISOString(),
    scheduledUntil: window.scheduledEnd.toISOString(),
    componentIds,
    bodyKey: latest ? `entry:${latest.id}` : window.description ? "description" : null,
  };

  if (!link) {
    if (window.status === "completed") return { skipped: "the window ended before it was published" };
    if (componentIds.length === 0) return { skipped: "the window affects no service mapped to a component of this page" };
    const body = latest?.message ?? (window.description || undefined);
    const input: IncidentInput = {
      name: desired.name,
      status: desired.status,
      scheduled_for: desired.scheduledFor,
      scheduled_until: desired.scheduledUntil,
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: true,
      auto_transition_to_maintenance_state: false,
      auto_transition_to_operational_state: false,
      ...(body ? { body } : {}),
      component_ids: componentIds,
      deliver_notifications: settings.notifySubscribers,
      metadata: switchboardMetadata(ref, { maintenanceId }),
    };
    const created = await withAttention(ref, () => outbound.client.createIncident(settings.pageId, input));
    await saveLink(ref, { maintenanceId }, { pageId: settings.pageId, statuspageIncidentId: created.id, published: desired });
    return { created: created.id };
  }

  const sent = { ...link.published };
  // Statuspage made the move itself (its auto transition, with its own update): neither the status nor our entry for it is sent.
  if ("status" in seen && seen.statuspageIncidentId === link.statuspageIncidentId && (ORDER[seen.status] ?? -1) >= ORDER[desired.status]) {
    sent.status = desired.status;
    sent.bodyKey = desired.bodyKey;
  }
  const patch: Partial<IncidentInput> = {};
  if (sent.name !== desired.name) patch.name = desired.name;
  if (sent.status !== desired.status) patch.status = desired.status;
  if (sent.scheduledFor !== desired.scheduledFor) patch.scheduled_for = desired.scheduledFor;
  if (sent.scheduledUntil !== desired.scheduledUntil) patch.scheduled_until = desired.scheduledUntil;
  if (componentIds.some((c) => !(sent.componentIds ?? []).includes(c))) patch.component_ids = componentIds;
  if (latest && sent.bodyKey !== desired.bodyKey) patch.body = latest.message;
  const fields = Object.keys(patch);
  if (fields.length === 0) {
    if (JSON.stringify(sent) !== JSON.stringify(link.published)) await updatePublished(ref, link.id, { ...sent, componentIds });
    return { unchanged: link.statuspageIncidentId };
  }
  patch.deliver_notifications = settings.notifySubscribers;
  await withAttention(ref, () => outbound.client.updateIncident(settings.pageId, link.statuspageIncidentId, patch));
  await updatePublished(ref, link.id, { ...sent, ...desired });
  return { updated: link.statuspageIncidentId, fields };
}

/**
 * `maintenance.*` → each publishing integration's page: a step to find them; per integration, a
 * step for the read before a move Statuspage may have made (only then) and one for the update.
 */
export async function publishMaintenance(input: { dataspaceId: string; maintenanceId: string }, step: StepRunner, deps: OutboundDeps = {}): Promise<PublishRunOutcome> {
  const integrationIds = await step("find publishing integrations", () => incidentPublishers(input.dataspaceId, "publishMaintenances"));
  const outcome: PublishRunOutcome = { published: [], failed: [] };
  for (const integrationId of integrationIds) {
    const ref = { dataspaceId: input.dataspaceId, integrationId };
    try {
      const seen = await step(`read the page's incident (integration ${integrationId})`, () => lookBeforeMove(ref, input.maintenanceId, deps));
      const done = await step(`publish to integration ${integrationId}`, () => publishMaintenanceTo(ref, input.maintenanceId, deps, seen));
      outcome.published.push({ integrationId, ...done });
    } catch (error) {
      outcome.failed.push({ integrationId, error: (error as Error).message });
    }
  }
  return outcome;
}

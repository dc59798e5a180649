import type { ScopedTx } from "@/server/db/scoped";
import { publishEvent } from "@/server/events/publish-event";
import { recomputeServiceStatuses } from "@/server/records/services/service-status";
import { maintenanceInclude, serializeMaintenance, type MaintenanceWithRelations } from "./serialize-maintenance";

type Dataspace = { id: string; slug: string; name: string };

/**
 * The two moves of a window's lifecycle, inside the caller's transaction with the window's row
 * locked (lockMaintenance): each records its timeline entry, moves the window's services (under
 * maintenance while it runs, back to what their incidents give them after) and publishes its
 * event. Who calls them checks that the move is due: the runtime at the scheduled times
 * (maintenance-transitions.ts), a member by hand (complete-maintenance.ts).
 */
export async function beginWindow(tx: ScopedTx, dataspace: Dataspace, window: MaintenanceWithRelations, now: Date): Promise<MaintenanceWithRelations> {
  await tx.maintenance.update({ where: { id: window.id }, data: { status: "in_progress", startedAt: now } });
  await tx.maintenanceUpdate.create({
    data: { dataspaceId: dataspace.id, maintenanceId: window.id, message: "Maintenance started", status: "in_progress", authorId: null },
  });
  await recomputeServiceStatuses(tx, dataspace, serviceIdsOf(window), { type: "maintenance", uuid: window.id }, null);
  const after = await tx.maintenance.findFirstOrThrow({ where: { id: window.id }, include: maintenanceInclude });
  await publishEvent(tx, dataspace.id, "maintenance.started", serializeMaintenance(after, dataspace), { actorId: null });
  return after;
}

/** Completes a window (in progress), or cancels it (still scheduled: it never started). */
export async function finishWindow(
  tx: ScopedTx,
  dataspace: Dataspace,
  window: MaintenanceWithRelations,
  now: Date,
  entry: { message: string; actorId: string | null },
): Promise<MaintenanceWithRelations> {
  const cancelled = window.status === "scheduled";
  await tx.maintenance.update({ where: { id: window.id }, data: { status: "completed", completedAt: now } });
  await tx.maintenanceUpdate.create({
    data: { dataspaceId: dataspace.id, maintenanceId: window.id, message: entry.message, status: "completed", authorId: entry.actorId },
  });
  // A cancelled window held no service; a completed one hands its services back to their incidents (or operational).
  if (!cancelled) await recomputeServiceStatuses(tx, dataspace, serviceIdsOf(window), { type: "maintenance", uuid: window.id }, entry.actorId);
  const after = await tx.maintenance.findFirstOrThrow({ where: { id: window.id }, include: maintenanceInclude });
  await publishEvent(tx, dataspace.id, "maintenance.completed", { ...serializeMaintenance(after, dataspace), cancelled }, { actorId: entry.actorId });
  return after;
}

const serviceIdsOf = (window: MaintenanceWithRelations) => window.services.map(({ service }) => service.id);

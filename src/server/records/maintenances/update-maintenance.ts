import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, badRequest, notFound } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { assertServicesOfDataspace } from "./affected-services";
import { lockMaintenance } from "./get-maintenance";
import { timeErrors, type updateMaintenanceInput } from "./maintenance.schema";
import { maintenanceInclude, serializeMaintenance, type MaintenanceWithRelations } from "./serialize-maintenance";

export type UpdateMaintenanceOptions = {
  /**
   * Sees the window as it is before the change, inside the change's transaction with the row
   * locked, and throws to refuse it: the REST API's `If-Match`.
   */
  precondition?: (current: MaintenanceWithRelations) => void;
  now?: Date;
};

const sameTime = (a: Date | undefined, b: Date) => a === undefined || a.getTime() === b.getTime();
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Edits a window. While scheduled: title, description, times and services. In progress: title,
 * description and the end (the start has happened, and its services are under maintenance);
 * completed: nothing. Publishes `maintenance.updated` with what changed, and `rescheduled` when
 * a time moved: the runtime then follows the new times (a run sleeping for the old ones finds
 * them changed when it wakes, and does nothing).
 */
export async function updateMaintenance(ctx: TenantContext, input: z.output<typeof updateMaintenanceInput>, options: UpdateMaintenanceOptions = {}) {
  requireRole(ctx.actor, "MEMBER");
  const now = options.now ?? new Date();
  const patch = input.patch;
  return transactionWithEvents(ctx.db, async (tx) => {
    const before = await lockMaintenance(tx, ctx.dataspace.id, input.id);
    if (!before) throw notFound("Maintenance window");
    options.precondition?.(before);
    if (before.status === "completed") throw new AppError("CONFLICT", "This maintenance window is completed; it can no longer be changed");
    const currentServices = before.services.map(({ service }) => service.id);
    const startMoves = !sameTime(patch.scheduledStart, before.scheduledStart);
    const endMoves = !sameTime(patch.scheduledEnd, before.scheduledEnd);
    const servicesChange = patch.serviceIds !== undefined && !sameSet(patch.serviceIds, currentServices);
    if (before.status === "in_progress" && (startMoves || servicesChange)) {
      const what = startMoves ? "start" : "services";
      throw new AppError("CONFLICT", `This maintenance window is in progress: its ${what} can no longer change (its end, title and description can)`);
    }
    const errors = timeErrors(
      { start: patch.scheduledStart ?? before.scheduledStart, end: patch.scheduledEnd ?? before.scheduledEnd },
      { start: startMoves, end: endMoves },
      now,
    );
    if (Object.keys(errors).length > 0) throw badRequest("Some fields are invalid", errors);
    const data = {
      ...(patch.title !== undefined && patch.title !== before.title ? { title: patch.title } : {}),
      ...(patch.description !== undefined && patch.description !== before.description ? { description: patch.description } : {}),
      ...(startMoves ? { scheduledStart: patch.scheduledStart } : {}),
      ...(endMoves ? { scheduledEnd: patch.scheduledEnd } : {}),
    };
    if (Object.keys(data).length === 0 && !servicesChange) return before;
    if (servicesChange) {
      const next = patch.serviceIds!;
      await assertServicesOfDataspace(tx, next);
      await tx.maintenanceService.deleteMany({ where: { maintenanceId: before.id, serviceId: { notIn: next } } });
      const added = next.filter((id) => !currentServices.includes(id));
      if (added.length > 0) {
        await tx.maintenanceService.createMany({ data: added.map((serviceId) => ({ dataspaceId: ctx.dataspace.id, maintenanceId: before.id, serviceId })) });
      }
    }
    // Always written, so last_modified_date (and the REST ETag) moves with a change of services too.
    await tx.maintenance.update({ where: { id: before.id }, data: { ...data, updatedAt: new Date() } });
    const after = await tx.maintenance.findFirstOrThrow({ where: { id: before.id }, include: maintenanceInclude });
    const previous = serializeMaintenance(before, ctx.dataspace);
    const current = serializeMaintenance(after, ctx.dataspace);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(current) as (keyof typeof current)[]) {
      if (key === "last_modified_date" || key === "updates") continue;
      if (JSON.stringify(previous[key]) !== JSON.stringify(current[key])) changes[key] = { from: previous[key], to: current[key] };
    }
    const rescheduled = "scheduled_start" in changes || "scheduled_end" in changes;
    await publishEvent(tx, ctx.dataspace.id, "maintenance.updated", { ...current, changes, update: null, rescheduled }, { actorId: ctx.actor.userId });
    return after;
  });
}

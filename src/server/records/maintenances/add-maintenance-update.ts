import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { lockMaintenance } from "./get-maintenance";
import type { addMaintenanceUpdateInput } from "./maintenance.schema";
import { maintenanceInclude, serializeMaintenance, serializeMaintenanceUpdate } from "./serialize-maintenance";

/**
 * Posts an update to a window's timeline, recording the window's status at that moment; publishes
 * `maintenance.updated` with the entry in `update` (and no `changes`). Any status: a note after
 * completion belongs to the record too.
 */
export async function addMaintenanceUpdate(ctx: TenantContext, input: z.output<typeof addMaintenanceUpdateInput>) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const window = await lockMaintenance(tx, ctx.dataspace.id, input.maintenanceId);
    if (!window) throw notFound("Maintenance window");
    const entry = await tx.maintenanceUpdate.create({
      data: { dataspaceId: ctx.dataspace.id, maintenanceId: window.id, message: input.message, status: window.status, authorId: ctx.actor.userId },
      select: { id: true, message: true, status: true, createdAt: true, author: { select: { id: true, email: true, name: true } } },
    });
    const after = await tx.maintenance.update({ where: { id: window.id }, data: { updatedAt: new Date() }, include: maintenanceInclude });
    const update = serializeMaintenanceUpdate(entry);
    await publishEvent(tx, ctx.dataspace.id, "maintenance.updated", { ...serializeMaintenance(after, ctx.dataspace), changes: {}, update, rescheduled: false }, { actorId: ctx.actor.userId });
    return after;
  });
}

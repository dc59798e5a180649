import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { assertServicesOfDataspace } from "./affected-services";
import { timeErrors, type scheduleMaintenanceInput } from "./maintenance.schema";
import { maintenanceInclude, serializeMaintenance } from "./serialize-maintenance";

/**
 * Schedules a window and publishes `maintenance.scheduled`, which the runtime's
 * `maintenance-window` function sleeps on until the window's start, then its end.
 */
export async function scheduleMaintenance(ctx: TenantContext, input: z.output<typeof scheduleMaintenanceInput>, now = new Date()) {
  requireRole(ctx.actor, "MEMBER");
  const errors = timeErrors({ start: input.scheduledStart, end: input.scheduledEnd }, { start: true, end: true }, now);
  if (Object.keys(errors).length > 0) throw badRequest("Some fields are invalid", errors);
  return transactionWithEvents(ctx.db, async (tx) => {
    await assertServicesOfDataspace(tx, input.serviceIds);
    const { id } = await tx.maintenance.create({
      data: {
        dataspaceId: ctx.dataspace.id,
        title: input.title,
        description: input.description,
        scheduledStart: input.scheduledStart,
        scheduledEnd: input.scheduledEnd,
        createdById: ctx.actor.userId,
      },
      select: { id: true },
    });
    if (input.serviceIds.length > 0) {
      await tx.maintenanceService.createMany({ data: input.serviceIds.map((serviceId) => ({ dataspaceId: ctx.dataspace.id, maintenanceId: id, serviceId })) });
    }
    const maintenance = await tx.maintenance.findFirstOrThrow({ where: { id }, include: maintenanceInclude });
    await publishEvent(tx, ctx.dataspace.id, "maintenance.scheduled", serializeMaintenance(maintenance, ctx.dataspace), { actorId: ctx.actor.userId });
    return maintenance;
  });
}

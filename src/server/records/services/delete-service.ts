import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getService } from "./get-service";
import { serializeService } from "./serialize-service";

/**
 * Deletes a service (admins and owners); emits `service.deleted` with the service as it was.
 * Alerts and deployments that named it stay, without a service (their foreign keys do not
 * cascade); its places in incidents and maintenance windows go with it.
 */
export async function deleteService(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx.actor, "ADMIN");
  await transactionWithEvents(ctx.db, async (tx) => {
    // Raw SQL passes the scoped client untouched, so it names the dataspace itself.
    await tx.$executeRaw`SELECT 1 FROM "Service" WHERE id = ${id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const service = await getService(ctx, id, tx);
    await tx.alert.updateMany({ where: { serviceId: service.id }, data: { serviceId: null } });
    await tx.deployment.updateMany({ where: { serviceId: service.id }, data: { serviceId: null } });
    await tx.service.delete({ where: { id: service.id } });
    await publishEvent(tx, ctx.dataspace.id, "service.deleted", serializeService(service, ctx.dataspace), { actorId: ctx.actor.userId });
  });
}

import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { notFound } from "@/server/errors";
import { maintenanceInclude, type MaintenanceWithRelations } from "./serialize-maintenance";

/** A window of the dataspace (every member may read them), or NOT_FOUND. `client` lets callers read inside their transaction. */
export async function getMaintenance(ctx: TenantContext, id: string, client: TenantDb = ctx.db): Promise<MaintenanceWithRelations> {
  const maintenance = await client.maintenance.findFirst({ where: { id }, include: maintenanceInclude });
  if (!maintenance) throw notFound("Maintenance window");
  return maintenance;
}

/**
 * Locks a window's row for the rest of the transaction, so changes to one window (an edit, the
 * runtime's start, a hand's completion) take turns and each sees the last one's result. Raw SQL
 * passes the scoped client untouched, so it names the dataspace itself. Returns the window, or
 * null when there is none.
 */
export async function lockMaintenance(tx: ScopedTx, dataspaceId: string, id: string): Promise<MaintenanceWithRelations | null> {
  await tx.$executeRaw`SELECT 1 FROM "Maintenance" WHERE id = ${id}::uuid AND "dataspaceId" = ${dataspaceId}::uuid FOR UPDATE`;
  return tx.maintenance.findFirst({ where: { id }, include: maintenanceInclude });
}

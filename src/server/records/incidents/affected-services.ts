import type { ScopedTx } from "@/server/db/scoped";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { visibleRequestsWhere } from "../requests/visibility";
import type { AffectedServiceInput } from "./incident.schema";

/** Every listed service must be one of the dataspace's; a refusal names the entry (`services.2.serviceId`). */
export async function assertServicesOfDataspace(tx: ScopedTx, services: AffectedServiceInput[]): Promise<void> {
  if (services.length === 0) return;
  const found = await tx.service.findMany({ where: { id: { in: services.map((s) => s.serviceId) } }, select: { id: true } });
  const known = new Set(found.map((s) => s.id));
  const errors: Record<string, string[]> = {};
  services.forEach((s, index) => {
    if (!known.has(s.serviceId)) errors[`services.${index}.serviceId`] = ["No such service in this dataspace"];
  });
  if (Object.keys(errors).length > 0) throw badRequest("Some fields are invalid", errors);
}

/** A linked request must be one of the dataspace's that the actor can see (a private one only for those who may). */
export async function assertLinkableRequest(ctx: TenantContext, tx: ScopedTx, requestId: string | null): Promise<void> {
  if (!requestId) return;
  const request = await tx.request.findFirst({ where: { id: requestId, ...visibleRequestsWhere(ctx) }, select: { id: true } });
  if (!request) throw badRequest("Some fields are invalid", { requestId: ["No such request in this dataspace"] });
}

/** Alerts to link must be the dataspace's; a refusal names the entry (`alertIds.0`). */
export async function assertAlertsOfDataspace(tx: ScopedTx, alertIds: string[]): Promise<void> {
  if (alertIds.length === 0) return;
  const found = await tx.alert.findMany({ where: { id: { in: alertIds } }, select: { id: true } });
  const known = new Set(found.map((a) => a.id));
  const errors: Record<string, string[]> = {};
  alertIds.forEach((id, index) => {
    if (!known.has(id)) errors[`alertIds.${index}`] = ["No such alert in this dataspace"];
  });
  if (Object.keys(errors).length > 0) throw badRequest("Some fields are invalid", errors);
}

/** Locks the incident's row for the rest of the transaction: changes to one incident take turns, each seeing the last. */
export async function lockIncident(tx: ScopedTx, dataspaceId: string, id: string): Promise<void> {
  // Raw SQL passes the scoped client untouched, so it names the dataspace itself.
  await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${id}::uuid AND "dataspaceId" = ${dataspaceId}::uuid FOR UPDATE`;
}

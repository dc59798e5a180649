import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A deployment's service must be a service of the dataspace; the refusal is filed under `field`. */
export async function assertServiceOfDataspace(ctx: TenantContext, serviceId: string | null | undefined, field = "serviceId"): Promise<void> {
  if (!serviceId) return;
  const service = await ctx.db.service.findFirst({ where: { id: serviceId }, select: { id: true } });
  if (!service) throw badRequest("Some fields are invalid", { [field]: ["No such service in this dataspace"] });
}

/**
 * The service a reference names — its uuid or its name, as the REST API takes either — or a
 * refusal filed under `field`. null and undefined pass through (no service, leave unchanged).
 */
export async function serviceIdByReference(
  ctx: TenantContext,
  reference: string | null | undefined,
  field: string,
): Promise<string | null | undefined> {
  if (!reference) return reference;
  const service = await ctx.db.service.findFirst({
    where: UUID.test(reference) ? { OR: [{ id: reference }, { name: reference }] } : { name: reference },
    select: { id: true },
  });
  // Not echoed back: what another dataspace's name or id is stays unsaid (the caller knows what it sent).
  if (!service) throw badRequest("Some fields are invalid", { [field]: ["No service of this dataspace has this name or uuid"] });
  return service.id;
}

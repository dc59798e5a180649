import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { serviceInclude } from "./serialize-service";

/** A service of the dataspace, or NOT_FOUND. `client` lets callers read inside their transaction. */
export async function getService(ctx: TenantContext, id: string, client: TenantDb = ctx.db) {
  const service = await client.service.findFirst({ where: { id }, include: serviceInclude });
  if (!service) throw notFound("Service");
  return service;
}

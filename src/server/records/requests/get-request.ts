import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { requestInclude } from "./serialize-request";
import { visibleRequestsWhere } from "./visibility";

/** A request the actor may see, or NOT_FOUND. `client` lets callers read inside their transaction. */
export async function getRequest(ctx: TenantContext, id: string, client: TenantDb = ctx.db) {
  const request = await client.request.findFirst({
    where: { id, ...visibleRequestsWhere(ctx) },
    include: requestInclude,
  });
  if (!request) throw notFound("Request");
  return request;
}

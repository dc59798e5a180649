import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { deploymentInclude } from "./serialize-deployment";

/** A deployment of the dataspace (every member may read them all), or NOT_FOUND. `client` lets callers read inside their transaction. */
export async function getDeployment(ctx: TenantContext, id: string, client: TenantDb = ctx.db) {
  const deployment = await client.deployment.findFirst({ where: { id }, include: deploymentInclude });
  if (!deployment) throw notFound("Deployment");
  return deployment;
}

import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import type { listDeploymentsInput } from "./deployment.schema";
import { groupByParent, newestChildIds } from "../newest-per-parent";
import { deploymentInclude, type DeploymentWithRelations } from "./serialize-deployment";

const ORDERING = "deployments:-createdAt";

/**
 * The dataspace's deployments, newest first, keyset-paginated on (createdAt, id); filtered by
 * service (uuid or name), environment and statuses. Every member reads them all.
 */
export async function listDeployments(ctx: TenantContext, input: z.output<typeof listDeploymentsInput>): Promise<Page<DeploymentWithRelations>> {
  const filters: Prisma.DeploymentWhereInput[] = [];
  if (input.serviceId) filters.push({ serviceId: input.serviceId });
  if (input.serviceName) filters.push({ service: { name: input.serviceName } });
  if (input.environment) filters.push({ environment: input.environment });
  if (input.status?.length) filters.push({ status: { in: input.status } });
  const key = decodeTimeCursor(input.cursor, ORDERING);
  if (key) filters.push({ createdAt: { lte: key.at } }, afterTimeKey("createdAt", key, "desc"));
  const rows = await ctx.db.deployment.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    include: deploymentInclude,
  });
  return timePage(rows, input.limit, (row) => row.createdAt, (row) => row, ORDERING);
}

/** What the dashboard's filters and form offer: the dataspace's services and the environments deployed to so far. */
export async function deploymentFacets(ctx: TenantContext) {
  const [services, environments] = await Promise.all([
    ctx.db.service.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 1_000 }),
    // GROUP BY in SQL (Prisma's `distinct` would read every row and dedupe in memory).
    ctx.db.deployment.groupBy({ by: ["environment"], orderBy: { environment: "asc" }, take: 200 }),
  ]);
  return { services, environments: environments.map((row) => row.environment) };
}

/** Each service's `first` newest deployments, in two queries for any number of services (GraphQL's `Service.deployments`). */
export async function newestDeploymentsOfServices(ctx: TenantContext, serviceIds: readonly string[], first: number): Promise<Map<string, DeploymentWithRelations[]>> {
  const ids = await newestChildIds(ctx.db, "deploymentsOfService", serviceIds, first);
  const rows = ids.length ? await ctx.db.deployment.findMany({ where: { id: { in: ids } }, include: deploymentInclude }) : [];
  return groupByParent(rows, (row) => row.serviceId, serviceIds);
}

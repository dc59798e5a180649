import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { visibleRequestsWhere } from "../requests/visibility";
import { incidentInclude, sortedServices, type IncidentWithRelations } from "./serialize-incident";

/** One incident of the dataspace, with its timeline, services and alerts, or NOT_FOUND. `client` lets callers read inside their transaction. */
export async function getIncident(ctx: TenantContext, id: string, client: TenantDb = ctx.db): Promise<IncidentWithRelations> {
  const incident = await client.incident.findFirst({ where: { id }, include: incidentInclude });
  if (!incident) throw notFound("Incident");
  return { ...incident, services: sortedServices(incident.services) };
}

/**
 * What the incident page shows: the incident, and the request it came from when the actor may
 * see that request (a private one stays hidden from members who are neither its requester nor
 * its assignee: the incident then shows that a request is linked, not which).
 */
export async function getIncidentDetail(ctx: TenantContext, id: string) {
  const incident = await getIncident(ctx, id);
  const request = incident.requestId
    ? await ctx.db.request.findFirst({
        where: { id: incident.requestId, ...visibleRequestsWhere(ctx) },
        select: { id: true, title: true, status: true },
      })
    : null;
  return { ...incident, request };
}

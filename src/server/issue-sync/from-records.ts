import type { RequestPriority } from "@/generated/prisma/enums";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { createRequestFromAlert } from "@/server/records/alerts/create-request-from-alert";
import { getIncident } from "@/server/records/incidents/get-incident";
import { incidentUrls } from "@/server/records/incidents/serialize-incident";
import { createRequest } from "@/server/records/requests/create-request";
import { createRequestInput } from "@/server/records/requests/request.schema";
import { findAlert } from "@/server/records/alerts/get-alert";
import { z } from "zod";
import { createIssueForRequest, type IssueLinkView } from "./manage-links";

export const createIssueFromAlertInput = z.object({ id: z.string().uuid("Unknown alert"), integrationId: z.string().uuid("Unknown integration") });
export const createIssueFromIncidentInput = z.object({ id: z.string().uuid("Unknown incident"), integrationId: z.string().uuid("Unknown integration") });

/**
 * "Create GitHub issue from alert" (or incident): issues are synced with requests, so the alert's
 * request — made now if it has none, as "Create request from alert" makes it — gets its issue
 * through the chosen integration. The answer names the request, which the link belongs to.
 */
export async function createIssueFromAlert(ctx: TenantContext, input: { id: string; integrationId: string }): Promise<{ requestId: string; link: IssueLinkView }> {
  requireRole(ctx.actor, "MEMBER");
  const alert = await findAlert(ctx, input.id);
  const requestId = alert.requestId ?? (await createRequestFromAlert(ctx, { id: alert.id })).requestId;
  return { requestId, link: await createIssueForRequest(ctx, { requestId, integrationId: input.integrationId }) };
}

const PRIORITY_OF_SEVERITY: Record<string, RequestPriority> = { critical: "urgent", major: "high", minor: "normal" };

/** The same for an incident: its request (made from it and linked to it when it has none) gets the issue. */
export async function createIssueFromIncident(ctx: TenantContext, input: { id: string; integrationId: string }): Promise<{ requestId: string; link: IssueLinkView }> {
  requireRole(ctx.actor, "MEMBER");
  const incident = await getIncident(ctx, input.id);
  let requestId = incident.requestId;
  if (!requestId) {
    const notes = `Incident ${incident.title} (severity ${incident.severity}, ${incident.status}): ${incidentUrls(ctx.dataspace.slug, incident.id).absolute_url}`;
    const request = await createRequest(ctx, createRequestInput.parse({ title: incident.title.slice(0, 300), notes, priority: PRIORITY_OF_SEVERITY[incident.severity] ?? "normal" }));
    // Linked only if still unlinked: two clicks at once keep the first request.
    const linked = await ctx.db.incident.updateMany({ where: { id: incident.id, requestId: null }, data: { requestId: request.id } });
    if (linked.count === 0) throw new AppError("CONFLICT", "This incident got a request meanwhile; reload and create the issue from it");
    requestId = request.id;
  }
  return { requestId, link: await createIssueForRequest(ctx, { requestId, integrationId: input.integrationId }) };
}

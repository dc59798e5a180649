import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import type { RequestStatus } from "@/generated/prisma/enums";
import { roleAtLeast } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { requestUrls } from "@/server/records/requests/serialize-request";
import { serviceUrls } from "@/server/records/services/serialize-service";
import type { AlertPayload } from "./alert.schema";
import { readAlertLinks } from "./alert-links";

/** The relations an alert is loaded with wherever it is shown or published. */
export const alertInclude = {
  service: { select: { id: true, name: true } },
  incident: { select: { id: true, title: true, status: true } },
  // What decides whether a reader may see a private request (see visibleRequestsWhere).
  request: { select: { id: true, title: true, status: true, isPrivate: true, requesterId: true, assigneeId: true } },
  acknowledgedBy: { select: { id: true, email: true, name: true } },
} satisfies Prisma.AlertInclude;

export type AlertWithRelations = Prisma.AlertGetPayload<{ include: typeof alertInclude }>;

/**
 * An alert as one reader may see it: a linked private request the reader may not see keeps its
 * id (the link exists) but not its title or status.
 */
export type AlertView = Omit<AlertWithRelations, "request"> & {
  request: { id: string; title: string | null; status: RequestStatus | null } | null;
};

type Viewer = Pick<TenantContext, "actor"> | "everything";

/** The alert for `viewer` ("everything": what events carry, as the event log and webhooks are for admins). */
export function alertView(alert: AlertWithRelations, viewer: Viewer): AlertView {
  const { request, ...rest } = alert;
  if (!request) return { ...rest, request: null };
  const visible =
    viewer === "everything" ||
    !request.isPrivate ||
    roleAtLeast(viewer.actor.role, "ADMIN") ||
    request.requesterId === viewer.actor.userId ||
    request.assigneeId === viewer.actor.userId;
  return { ...rest, request: visible ? { id: request.id, title: request.title, status: request.status } : { id: request.id, title: null, status: null } };
}

export function alertUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/alerts/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/alerts/${id}` };
}

/** Incidents are built beside alerts; their URLs follow the same pattern. */
function incidentUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/incidents/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/incidents/${id}` };
}

export function serializeAlert(alert: AlertView, dataspace: { slug: string; name: string }): AlertPayload {
  const { api_url, absolute_url } = alertUrls(dataspace.slug, alert.id);
  return {
    api_url,
    absolute_url,
    uuid: alert.id,
    title: alert.title,
    description: alert.description,
    severity: alert.severity,
    status: alert.status,
    source: alert.source,
    source_integration: alert.sourceIntegrationId,
    fingerprint: alert.fingerprint,
    count: alert.count,
    service: alert.service ? { uuid: alert.service.id, name: alert.service.name, ...serviceUrls(dataspace.slug, alert.service.id) } : null,
    incident: alert.incident
      ? { uuid: alert.incident.id, title: alert.incident.title, status: alert.incident.status, ...incidentUrls(dataspace.slug, alert.incident.id) }
      : null,
    request: alert.request
      ? { uuid: alert.request.id, title: alert.request.title, status: alert.request.status, ...requestUrls(dataspace.slug, alert.request.id) }
      : null,
    payload: isRecord(alert.payload) ? alert.payload : {},
    links: readAlertLinks(alert.links),
    triggered_date: alert.triggeredAt.toISOString(),
    last_seen_date: alert.lastSeenAt.toISOString(),
    acknowledged_date: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledged_by: alert.acknowledgedBy?.email ?? null,
    resolved_date: alert.resolvedAt?.toISOString() ?? null,
    created_date: alert.createdAt.toISOString(),
    last_modified_date: alert.updatedAt.toISOString(),
    dataspace: dataspace.name,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

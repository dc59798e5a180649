import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { requestUrls } from "../requests/serialize-request";
import type { IncidentPayload, IncidentUpdatePayload } from "./incident.schema";

const person = { select: { id: true, email: true, name: true } } as const;

export const incidentUpdateSelect = {
  id: true,
  message: true,
  status: true,
  createdAt: true,
  author: person,
} satisfies Prisma.IncidentUpdateSelect;

/** The relations an incident is loaded with wherever it is shown or published. */
export const incidentInclude = {
  createdBy: person,
  services: { select: { impact: true, service: { select: { id: true, name: true } } } },
  updates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: incidentUpdateSelect },
  alerts: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, title: true, severity: true, status: true } },
} satisfies Prisma.IncidentInclude;

export type IncidentWithRelations = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;
export type IncidentUpdateRow = Prisma.IncidentUpdateGetPayload<{ select: typeof incidentUpdateSelect }>;

export function incidentUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/incidents/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/incidents/${id}` };
}

/** Affected services by name (then id), the order every view shows them in. */
export function sortedServices<T extends { service: { id: string; name: string } }>(services: T[]): T[] {
  return [...services].sort((a, b) => a.service.name.localeCompare(b.service.name) || a.service.id.localeCompare(b.service.id));
}

export function serializeIncidentUpdate(update: IncidentUpdateRow): IncidentUpdatePayload {
  return {
    uuid: update.id,
    message: update.message,
    status: update.status,
    author: update.author?.email ?? null,
    created_date: update.createdAt.toISOString(),
  };
}

export function serializeIncident(incident: IncidentWithRelations, dataspace: { slug: string; name: string }): IncidentPayload {
  const { api_url, absolute_url } = incidentUrls(dataspace.slug, incident.id);
  return {
    api_url,
    absolute_url,
    uuid: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    started_date: incident.startedAt.toISOString(),
    resolved_date: incident.resolvedAt?.toISOString() ?? null,
    affected_services: sortedServices(incident.services).map(({ service, impact }) => ({
      uuid: service.id,
      name: service.name,
      api_url: `/api/v1/services/${service.id}`,
      impact,
    })),
    timeline: incident.updates.map(serializeIncidentUpdate),
    // The link only: a private request's title is not the incident's to show.
    request: incident.requestId ? { uuid: incident.requestId, ...requestUrls(dataspace.slug, incident.requestId) } : null,
    alerts: incident.alerts.map((alert) => ({
      uuid: alert.id,
      api_url: `/api/v1/alerts/${alert.id}`,
      title: alert.title,
      severity: alert.severity,
      status: alert.status,
    })),
    created_by: incident.createdBy?.email ?? null,
    created_date: incident.createdAt.toISOString(),
    last_modified_date: incident.updatedAt.toISOString(),
    dataspace: dataspace.name,
  };
}

/** The payload fields that differ between two serializations (the timeline and dates of change aside). */
export function incidentChanges(before: IncidentPayload, after: IncidentPayload): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["title", "severity", "status", "started_date", "resolved_date", "affected_services"] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

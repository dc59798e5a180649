import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { serviceUrls } from "@/server/records/services/serialize-service";
import type { MaintenancePayload, MaintenanceUpdatePayload } from "./maintenance.schema";

const person = { select: { id: true, email: true, name: true } } as const;

/** The relations a window is loaded with wherever it is shown or published. */
export const maintenanceInclude = {
  createdBy: person,
  services: {
    select: { service: { select: { id: true, name: true, status: true, group: true } } },
    orderBy: { service: { name: "asc" } },
  },
  updates: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, message: true, status: true, createdAt: true, author: person },
  },
} satisfies Prisma.MaintenanceInclude;

export type MaintenanceWithRelations = Prisma.MaintenanceGetPayload<{ include: typeof maintenanceInclude }>;
export type MaintenanceUpdateRow = MaintenanceWithRelations["updates"][number];

/** The REST API names no dataspace in its paths (the token decides it); the dashboard does. */
export function maintenanceUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/maintenances/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/maintenance/${id}` };
}

export function serializeMaintenanceUpdate(update: MaintenanceUpdateRow): MaintenanceUpdatePayload {
  return {
    uuid: update.id,
    message: update.message,
    status: update.status,
    author: update.author?.email ?? null,
    created_date: update.createdAt.toISOString(),
  };
}

export function serializeMaintenance(maintenance: MaintenanceWithRelations, dataspace: { slug: string; name: string }): MaintenancePayload {
  const { api_url, absolute_url } = maintenanceUrls(dataspace.slug, maintenance.id);
  return {
    api_url,
    absolute_url,
    uuid: maintenance.id,
    title: maintenance.title,
    description: maintenance.description,
    status: maintenance.status,
    scheduled_start: maintenance.scheduledStart.toISOString(),
    scheduled_end: maintenance.scheduledEnd.toISOString(),
    started_date: maintenance.startedAt?.toISOString() ?? null,
    completed_date: maintenance.completedAt?.toISOString() ?? null,
    services: maintenance.services.map(({ service }) => ({ uuid: service.id, name: service.name, api_url: serviceUrls(dataspace.slug, service.id).api_url })),
    updates: maintenance.updates.map(serializeMaintenanceUpdate),
    created_by: maintenance.createdBy?.email ?? null,
    created_date: maintenance.createdAt.toISOString(),
    last_modified_date: maintenance.updatedAt.toISOString(),
    dataspace: dataspace.name,
  };
}

/** A window cancelled before it started: completed, never started. The dashboard shows it as cancelled. */
export const wasCancelled = (maintenance: { status: string; startedAt: Date | null }) => maintenance.status === "completed" && maintenance.startedAt === null;

import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import { OPEN_INCIDENT_STATUSES, type IncidentStatus, type listIncidentsInput } from "./incident.schema";
import { incidentInclude, sortedServices, type IncidentWithRelations } from "./serialize-incident";

const ORDERING = "incidents:-createdAt";

export const incidentListSelect = {
  id: true,
  title: true,
  severity: true,
  status: true,
  startedAt: true,
  resolvedAt: true,
  createdAt: true,
  updatedAt: true,
  services: { select: { impact: true, service: { select: { id: true, name: true } } } },
  _count: { select: { updates: true, alerts: true } },
} satisfies Prisma.IncidentSelect;

export type IncidentListItem = Prisma.IncidentGetPayload<{ select: typeof incidentListSelect }>;

type Input = z.output<typeof listIncidentsInput>;
type PageArgs = { where: Prisma.IncidentWhereInput; orderBy: Prisma.IncidentOrderByWithRelationInput[]; take: number };

/** The dataspace's incidents, newest first, keyset-paginated on (createdAt, id); `open` in `status` stands for every open status. */
export function listIncidents(ctx: TenantContext, input: Input): Promise<Page<IncidentListItem>> {
  return findPage(input, (args) => ctx.db.incident.findMany({ ...args, select: incidentListSelect }));
}

/** The same list with every relation the published object needs (the REST API lists whole objects). */
export function listFullIncidents(ctx: TenantContext, input: Input): Promise<Page<IncidentWithRelations>> {
  return findPage(input, (args) => ctx.db.incident.findMany({ ...args, include: incidentInclude }));
}

async function findPage<T extends { id: string; createdAt: Date; services: { service: { id: string; name: string } }[] }>(
  input: Input,
  find: (args: PageArgs) => Promise<T[]>,
): Promise<Page<T>> {
  const filters: Prisma.IncidentWhereInput[] = [];
  if (input.status?.length) {
    const statuses = new Set<IncidentStatus>(input.status.flatMap((s) => (s === "open" ? [...OPEN_INCIDENT_STATUSES] : [s])));
    filters.push({ status: { in: [...statuses] } });
  }
  if (input.severity?.length) filters.push({ severity: { in: input.severity } });
  if (input.serviceId) filters.push({ services: { some: { serviceId: input.serviceId } } });
  const after = decodeTimeCursor(input.cursor, ORDERING);
  if (after) filters.push({ createdAt: { lte: after.at } }, afterTimeKey("createdAt", after, "desc"));
  const rows = await find({ where: { AND: filters }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.limit + 1 });
  return timePage(rows, input.limit, (row) => row.createdAt, (row) => ({ ...row, services: sortedServices(row.services) }), ORDERING);
}

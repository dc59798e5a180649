import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import type { listMaintenancesInput } from "./maintenance.schema";
import { maintenanceInclude, type MaintenanceWithRelations } from "./serialize-maintenance";

/** What the dashboard's list shows of a window: no timeline, its services' names. */
export const maintenanceListSelect = {
  id: true,
  title: true,
  status: true,
  scheduledStart: true,
  scheduledEnd: true,
  startedAt: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  services: { select: { service: { select: { id: true, name: true } } }, orderBy: { service: { name: "asc" } } },
  _count: { select: { updates: true } },
} satisfies Prisma.MaintenanceSelect;

export type MaintenanceListItem = Prisma.MaintenanceGetPayload<{ select: typeof maintenanceListSelect }>;

type PageArgs = { where: Prisma.MaintenanceWhereInput; orderBy: Prisma.MaintenanceOrderByWithRelationInput[]; take: number };

/**
 * Windows by scheduled start, latest first by default (`scheduledStart` for soonest first, as the
 * dashboard lists upcoming ones), filtered by status and service, keyset-paginated on
 * (scheduledStart, id). A cursor is only meaningful with the sort that issued it.
 */
export function listMaintenances(ctx: TenantContext, input: z.output<typeof listMaintenancesInput>): Promise<Page<MaintenanceListItem>> {
  return findPage(input, (args) => ctx.db.maintenance.findMany({ ...args, select: maintenanceListSelect }));
}

/** The same list with every relation the published object needs (the REST API lists whole objects). */
export function listFullMaintenances(ctx: TenantContext, input: z.output<typeof listMaintenancesInput>): Promise<Page<MaintenanceWithRelations>> {
  return findPage(input, (args) => ctx.db.maintenance.findMany({ ...args, include: maintenanceInclude }));
}

async function findPage<T extends { id: string; scheduledStart: Date }>(
  input: z.output<typeof listMaintenancesInput>,
  find: (args: PageArgs) => Promise<T[]>,
): Promise<Page<T>> {
  const sort = input.sort ?? "-scheduledStart";
  const direction = sort.startsWith("-") ? "desc" : "asc";
  const ordering = `maintenances:${sort}`;
  const after = decodeTimeCursor(input.cursor, ordering);
  const filters: Prisma.MaintenanceWhereInput[] = [];
  if (input.status?.length) filters.push({ status: { in: input.status } });
  if (input.serviceId) filters.push({ services: { some: { serviceId: input.serviceId } } });
  if (after) filters.push(afterTimeKey("scheduledStart", after, direction));
  const rows = await find({ where: { AND: filters }, orderBy: [{ scheduledStart: direction }, { id: direction }], take: input.limit + 1 });
  return timePage(rows, input.limit, (row) => row.scheduledStart, (row) => row, ordering);
}

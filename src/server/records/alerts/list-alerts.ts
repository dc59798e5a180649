import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import type { listAlertsInput } from "./alert.schema";
import { groupByParent, newestChildIds } from "../newest-per-parent";
import { alertInclude, alertView, type AlertView } from "./serialize-alert";

const ORDERING = "alerts:-createdAt";

/** What the dashboard's list shows of each alert (not the payload, which can be large). */
export const alertListSelect = {
  id: true,
  title: true,
  severity: true,
  status: true,
  source: true,
  count: true,
  triggeredAt: true,
  lastSeenAt: true,
  createdAt: true,
  service: { select: { id: true, name: true } },
  incidentId: true,
  requestId: true,
} satisfies Prisma.AlertSelect;

export type AlertListItem = Prisma.AlertGetPayload<{ select: typeof alertListSelect }>;

function filtersOf(input: z.output<typeof listAlertsInput>): Prisma.AlertWhereInput {
  const where: Prisma.AlertWhereInput[] = [];
  if (input.status?.length) where.push({ status: { in: input.status } });
  if (input.severity?.length) where.push({ severity: { in: input.severity } });
  if (input.source?.length) where.push({ source: { in: input.source } });
  if (input.serviceId) where.push({ serviceId: input.serviceId });
  if (input.q) where.push({ title: { contains: input.q, mode: "insensitive" } });
  where.push(afterTimeKey("createdAt", decodeTimeCursor(input.cursor, ORDERING), "desc"));
  return { AND: where };
}

const orderBy = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.AlertOrderByWithRelationInput[];

/** Newest first, keyset-paginated on (createdAt, id), filtered by status, severity, source, service and words in the title. */
export async function listAlerts(ctx: TenantContext, input: z.output<typeof listAlertsInput>): Promise<Page<AlertListItem>> {
  const rows = await ctx.db.alert.findMany({ where: filtersOf(input), orderBy, take: input.limit + 1, select: alertListSelect });
  return timePage(rows, input.limit, (row) => row.createdAt, (row) => row, ORDERING);
}

/** The same list with whole alerts (the REST API lists whole objects). */
export async function listFullAlerts(ctx: TenantContext, input: z.output<typeof listAlertsInput>): Promise<Page<AlertView>> {
  const rows = await ctx.db.alert.findMany({ where: filtersOf(input), orderBy, take: input.limit + 1, include: alertInclude });
  return timePage(rows, input.limit, (row) => row.createdAt, (row) => alertView(row, ctx), ORDERING);
}

/** Each service's `first` newest alerts, whole, in two queries for any number of services (GraphQL's `Service.alerts`). */
export async function newestAlertsOfServices(ctx: TenantContext, serviceIds: readonly string[], first: number): Promise<Map<string, AlertView[]>> {
  const ids = await newestChildIds(ctx.db, "alertsOfService", serviceIds, first);
  const rows = ids.length ? await ctx.db.alert.findMany({ where: { id: { in: ids } }, include: alertInclude }) : [];
  const groups = groupByParent(rows, (row) => row.serviceId, serviceIds);
  return new Map([...groups].map(([serviceId, alerts]) => [serviceId, alerts.map((row) => alertView(row, ctx))]));
}

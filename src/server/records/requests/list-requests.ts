import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import type { listRequestsInput } from "./request.schema";
import { requestInclude, type RequestWithRelations } from "./serialize-request";
import { visibleRequestsWhere } from "./visibility";
import { containsText } from "@/server/validation/words";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const requestListSelect = {
  id: true,
  title: true,
  status: true,
  priority: true,
  isPrivate: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, email: true, name: true } },
  requester: { select: { id: true, email: true, name: true } },
  _count: { select: { comments: true } },
} satisfies Prisma.RequestSelect;

export type RequestListItem = Prisma.RequestGetPayload<{ select: typeof requestListSelect }>;

/**
 * Newest first by default (`sort` picks creation or last change, either direction), keyset-paginated
 * on (timestamp, id). A cursor is only meaningful with the sort that issued it.
 */
export function listRequests(ctx: TenantContext, input: z.output<typeof listRequestsInput>): Promise<Page<RequestListItem>> {
  return findPage(ctx, input, (args) => ctx.db.request.findMany({ ...args, select: requestListSelect }));
}

/** The same list with every relation the published object needs (the REST API lists whole objects). */
export function listFullRequests(ctx: TenantContext, input: z.output<typeof listRequestsInput>): Promise<Page<RequestWithRelations>> {
  return findPage(ctx, input, (args) => ctx.db.request.findMany({ ...args, include: requestInclude }));
}

type PageArgs = { where: Prisma.RequestWhereInput; orderBy: Prisma.RequestOrderByWithRelationInput[]; take: number };

async function findPage<T extends { id: string; createdAt: Date; updatedAt: Date }>(
  ctx: TenantContext,
  input: z.output<typeof listRequestsInput>,
  find: (args: PageArgs) => Promise<T[]>,
): Promise<Page<T>> {
  const filters: Prisma.RequestWhereInput[] = [visibleRequestsWhere(ctx)];
  if (input.status?.length) filters.push({ status: { in: input.status } });
  if (input.priority?.length) filters.push({ priority: { in: input.priority } });
  if (input.assigneeId !== undefined) filters.push({ assigneeId: input.assigneeId });
  if (input.requesterId) filters.push({ requesterId: input.requesterId });
  if (input.assigneeEmail) filters.push({ assignee: { email: input.assigneeEmail } });
  if (input.requesterEmail) filters.push({ requester: { email: input.requesterEmail } });
  if (input.q) filters.push({ title: containsText(input.q) });
  const sort = input.sort ?? "-createdAt";
  const descending = sort.startsWith("-");
  const key = sort.replace("-", "") as "createdAt" | "updatedAt";
  const direction = descending ? "desc" : "asc";
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, `requests:${sort}`, 2);
    const value = new Date(at);
    if (Number.isNaN(value.getTime()) || !UUID.test(id)) throw badRequest("Invalid cursor");
    const past = descending ? "lt" : "gt";
    // The inclusive bound gives the index a range to scan; the OR breaks ties on id.
    filters.push(
      { [key]: { [descending ? "lte" : "gte"]: value } },
      { OR: [{ [key]: { [past]: value } }, { id: { [past]: id } }] },
    );
  }
  const rows = await find({ where: { AND: filters }, orderBy: [{ [key]: direction }, { id: direction }], take: input.limit + 1 });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor(`requests:${sort}`, [last[key].toISOString(), last.id]) : null,
  };
}

import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import type { listRequestsInput } from "./request.schema";
import { visibleRequestsWhere } from "./visibility";

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

/** Newest first, keyset-paginated on (createdAt, id). */
export async function listRequests(
  ctx: TenantContext,
  input: z.output<typeof listRequestsInput>,
): Promise<Page<RequestListItem>> {
  const filters: Prisma.RequestWhereInput[] = [visibleRequestsWhere(ctx)];
  if (input.status?.length) filters.push({ status: { in: input.status } });
  if (input.priority?.length) filters.push({ priority: { in: input.priority } });
  if (input.assigneeId !== undefined) filters.push({ assigneeId: input.assigneeId });
  if (input.requesterId) filters.push({ requesterId: input.requesterId });
  if (input.q) filters.push({ title: { contains: input.q, mode: "insensitive" } });
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !UUID.test(id)) throw badRequest("Invalid cursor");
    // `lte` gives the index a range to scan; the OR breaks ties on id.
    filters.push({ createdAt: { lte: createdAt } }, { OR: [{ createdAt: { lt: createdAt } }, { id: { lt: id } }] });
  }
  const rows = await ctx.db.request.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: requestListSelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

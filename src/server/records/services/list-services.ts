import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { decodeCursor, encodeCursor, invalidCursor, type Page } from "@/server/pagination/cursor";
import type { listServicesInput } from "./service.schema";
import { serviceInclude, type ServiceWithRelations } from "./serialize-service";
import { containsText } from "@/server/validation/words";

const ORDERING = "services:group,name";

/**
 * Services by group (A→Z, services without a group last), then by name, keyset-paginated on
 * (group, name) — a name is unique in its dataspace, so the pair names one row. The cursor
 * carries the last row's group and name: ["1", group, name], or ["0", "-", name] for no group.
 */
export async function listServices(ctx: TenantContext, input: z.output<typeof listServicesInput>): Promise<Page<ServiceWithRelations>> {
  const filters: Prisma.ServiceWhereInput[] = [];
  if (input.group !== undefined) filters.push({ group: input.group || null });
  if (input.status?.length) filters.push({ status: { in: input.status } });
  // Prisma's `contains` is a LIKE: its wildcards in the words must match themselves.
  if (input.q) filters.push({ name: containsText(input.q) });
  if (input.cursor) {
    const [hasGroup, group, name] = decodeCursor(input.cursor, ORDERING, 3);
    if (hasGroup === "1") filters.push({ OR: [{ group: { gt: group } }, { group, name: { gt: name } }, { group: null }] });
    else if (hasGroup === "0" && group === "-") filters.push({ group: null, name: { gt: name } });
    else throw invalidCursor();
  }
  const rows = await ctx.db.service.findMany({
    where: { AND: filters },
    orderBy: [{ group: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    take: input.limit + 1,
    include: serviceInclude,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last ? encodeCursor(ORDERING, last.group === null ? ["0", "-", last.name] : ["1", last.group, last.name]) : null;
  return { items, nextCursor };
}

import { Prisma } from "@/generated/prisma/client";
import type { ScopedDb } from "@/server/db/scoped";

/**
 * The newest rows of a child table for many parents at once — "each service's last 5 alerts" —
 * in one statement (a window over the parent), so a nested list costs one query for all its
 * parents instead of one per parent (GraphQL's DataLoader batches the parents). Tables and
 * columns come from this fixed list, never from input.
 */
const CHILDREN = {
  alertsOfService: { table: "Alert", parent: "serviceId" },
  deploymentsOfService: { table: "Deployment", parent: "serviceId" },
} as const;

export type ChildList = keyof typeof CHILDREN;

/** Ids of the `first` newest children of each parent (by createdAt, then id), newest first. */
export async function newestChildIds(tdb: ScopedDb, list: ChildList, parentIds: readonly string[], first: number): Promise<string[]> {
  if (parentIds.length === 0) return [];
  const { table, parent } = CHILDREN[list];
  const rows = await tdb.$queryRaw<{ id: string }[]>`
    SELECT id FROM (
      SELECT id, row_number() OVER (PARTITION BY ${Prisma.raw(`"${parent}"`)} ORDER BY "createdAt" DESC, id DESC) AS position
      FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${parent}"`)} = ANY(${[...parentIds]}::uuid[])
    ) ranked WHERE position <= ${first}`;
  return rows.map((row) => row.id);
}

/** Rows grouped by parent, each group newest first, every asked parent present. */
export function groupByParent<T extends { createdAt: Date; id: string }>(rows: T[], parentOf: (row: T) => string | null, parentIds: readonly string[]): Map<string, T[]> {
  const groups = new Map(parentIds.map((id) => [id, [] as T[]]));
  const sorted = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  for (const row of sorted) groups.get(parentOf(row) ?? "")?.push(row);
  return groups;
}

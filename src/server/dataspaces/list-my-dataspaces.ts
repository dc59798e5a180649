import { db } from "@/server/db/client";

export async function listMyDataspaces(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { dataspace: { name: "asc" } },
    select: { role: true, dataspace: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.dataspace, role: m.role }));
}

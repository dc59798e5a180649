import type { Role } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { scopedDb, type ScopedDb } from "@/server/db/scoped";
import { notFound } from "@/server/errors";

/** Who is acting, in which dataspace, with which role — and the client scoped to it. */
export type TenantContext = {
  db: ScopedDb;
  dataspace: { id: string; slug: string; name: string };
  actor: { userId: string; role: Role };
};

/**
 * Resolves a dataspace by slug for a user. Non-members get "not found", exactly as for a slug
 * that does not exist, so membership cannot be probed.
 */
export async function resolveTenantContext(userId: string, slug: string): Promise<TenantContext> {
  const membership = await db.membership.findFirst({
    where: { userId, dataspace: { slug } },
    select: { role: true, dataspace: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership) throw notFound("Dataspace");
  return {
    db: scopedDb(membership.dataspace.id),
    dataspace: membership.dataspace,
    actor: { userId, role: membership.role },
  };
}

/** The client a read helper may run on: the scoped client or a transaction opened on it. */
export type TenantDb = ScopedDb | import("@/server/db/scoped").ScopedTx;

import { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError, badRequest } from "@/server/errors";

/** A group as stored: trimmed by the input schema, and empty means none. */
export const normalizeGroup = (group: string | null | undefined) => (group ? group : null);

/** An owner must be a member of the dataspace (the scoped client sees this dataspace's memberships only). */
export async function assertOwnerIsMember(tx: ScopedTx, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const member = await tx.membership.findFirst({ where: { userId: ownerId }, select: { id: true } });
  if (!member) throw badRequest("Some fields are invalid", { ownerId: ["The owner is not a member of this dataspace"] });
}

const nameTaken = (name: string) =>
  new AppError("CONFLICT", `name: a service named “${name}” already exists in this dataspace`, {
    fieldErrors: { name: [`A service named “${name}” already exists in this dataspace; pick another name`] },
  });

/**
 * Refuses a name another service of the dataspace already has, ignoring case ("Checkout API" and
 * "checkout api" would be one component on a status page). Creations and renames of one
 * dataspace take turns on an advisory lock until their transaction ends, so two of them cannot
 * both pass the check; the database's unique index (exact case) backs it up (`rethrowNameTaken`).
 */
export async function assertNameFree(tx: ScopedTx, ctx: TenantContext, name: string, exceptId?: string): Promise<void> {
  // Raw SQL passes the scoped client untouched, so it names the dataspace itself.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard:service-names:' || ${ctx.dataspace.id}))`;
  const clash = await tx.service.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (clash) throw nameTaken(clash.name);
}

/** The unique index's refusal (a race the lock did not cover) as the same 409. */
export function rethrowNameTaken(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
  throw error;
}

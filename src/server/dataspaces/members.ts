import type { Role } from "@/generated/prisma/enums";
import { AppError, notFound } from "@/server/errors";
import { requireRole } from "./roles";
import type { TenantContext, TenantDb } from "./tenant-context";

export async function listMembers(ctx: TenantContext) {
  const rows = await ctx.db.membership.findMany({
    orderBy: [{ createdAt: "asc" }],
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true, image: true } } },
  });
  return rows.map((m) => ({ ...m.user, role: m.role, joinedAt: m.createdAt }));
}

/**
 * Serializes membership changes of one dataspace (row lock on the dataspace), so two admins
 * demoting the last two owners at once cannot leave it ownerless. The actor's role is read again
 * under the lock: a role taken away a moment ago no longer counts.
 */
async function withMembershipLock<T>(ctx: TenantContext, work: (tx: TenantDb, actorRole: Role) => Promise<T>): Promise<T> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Dataspace" WHERE id = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const actor = await tx.membership.findFirst({ where: { userId: ctx.actor.userId }, select: { role: true } });
    if (!actor) throw notFound("Dataspace");
    return work(tx, actor.role);
  });
}

async function findMembership(tx: TenantDb, userId: string) {
  const membership = await tx.membership.findFirst({ where: { userId }, select: { id: true, role: true } });
  if (!membership) throw notFound("Member");
  return membership;
}

async function assertNotLastOwner(tx: TenantDb, role: Role, message: string) {
  if (role !== "OWNER") return;
  const owners = await tx.membership.count({ where: { role: "OWNER" } });
  if (owners <= 1) throw new AppError("CONFLICT", message);
}

export async function changeMemberRole(ctx: TenantContext, input: { userId: string; role: Role }) {
  requireRole(ctx.actor, "ADMIN");
  return withMembershipLock(ctx, async (tx, actorRole) => {
    requireRole({ role: actorRole }, "ADMIN");
    const target = await findMembership(tx, input.userId);
    // Owners are made and unmade by owners only.
    if ((target.role === "OWNER" || input.role === "OWNER") && actorRole !== "OWNER") {
      throw new AppError("FORBIDDEN", "Only an owner can grant or remove the owner role");
    }
    if (target.role === "OWNER" && input.role !== "OWNER") {
      await assertNotLastOwner(tx, target.role, "A dataspace needs at least one owner; make someone else owner first");
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    return { userId: input.userId, role: input.role };
  });
}

export async function removeMember(ctx: TenantContext, input: { userId: string }) {
  const leaving = input.userId === ctx.actor.userId;
  if (!leaving) requireRole(ctx.actor, "ADMIN");
  return withMembershipLock(ctx, async (tx, actorRole) => {
    if (!leaving) requireRole({ role: actorRole }, "ADMIN");
    const target = await findMembership(tx, input.userId);
    if (target.role === "OWNER" && actorRole !== "OWNER") {
      throw new AppError("FORBIDDEN", "Only an owner can remove an owner");
    }
    await assertNotLastOwner(
      tx,
      target.role,
      leaving
        ? "You are the last owner; make someone else owner before leaving"
        : "A dataspace needs at least one owner",
    );
    await tx.membership.delete({ where: { id: target.id } });
    return { userId: input.userId };
  });
}

export function leaveDataspace(ctx: TenantContext) {
  return removeMember(ctx, { userId: ctx.actor.userId });
}

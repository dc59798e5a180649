import type { Role } from "@/generated/prisma/enums";
import { evictApiToken } from "@/server/api-tokens/token-cache";
import { AppError, notFound } from "@/server/errors";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import { requireRole, roleAtLeast } from "./roles";
import type { TenantContext, TenantDb } from "./tenant-context";

const memberSelect = { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true, image: true } } } as const;

type MembershipRow = { role: Role; createdAt: Date; user: { id: string; email: string; name: string | null; image: string | null } };

const toMember = (m: MembershipRow) => ({ ...m.user, role: m.role, joinedAt: m.createdAt });

export type Member = ReturnType<typeof toMember>;

export async function listMembers(ctx: TenantContext) {
  return (await listMembersPage(ctx, {})).items;
}

/** Members in the order they joined, keyset-paginated on (joined, membership id); without a limit, all of them. */
export async function listMembersPage(ctx: TenantContext, input: { limit?: number; cursor?: string }): Promise<Page<Member>> {
  const rows = await ctx.db.membership.findMany({
    where: afterTimeKey("createdAt", decodeTimeCursor(input.cursor, "members:createdAt"), "asc"),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(input.limit !== undefined ? { take: input.limit + 1 } : {}),
    select: memberSelect,
  });
  return timePage(rows, input.limit, (row) => row.createdAt, toMember, "members:createdAt");
}

export async function getMember(ctx: TenantContext, userId: string): Promise<Member> {
  const row = await ctx.db.membership.findFirst({ where: { userId }, select: memberSelect });
  if (!row) throw notFound("Member");
  return toMember(row);
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
    // Never above the context's role either: an API token acts below its creator (never as owner).
    return work(tx, roleAtLeast(actor.role, ctx.actor.role) ? ctx.actor.role : actor.role);
  });
}

async function findMembership(tx: TenantDb, userId: string) {
  const membership = await tx.membership.findFirst({ where: { userId }, select: memberSelect });
  if (!membership) throw notFound("Member");
  return membership;
}

async function assertNotLastOwner(tx: TenantDb, role: Role, message: string) {
  if (role !== "OWNER") return;
  const owners = await tx.membership.count({ where: { role: "OWNER" } });
  if (owners <= 1) throw new AppError("CONFLICT", message);
}

export type ChangeMemberRoleOptions = {
  /** Sees the member as it is before the change, under the lock, and throws to refuse it: the REST API's `If-Match`. */
  precondition?: (current: Member) => void;
};

/**
 * The member's API tokens act with their current role: after a change their cached lookups are
 * dropped, so the change applies to the next request at once in this process (on other instances
 * within the token cache's few seconds, src/server/api-tokens/token-cache.ts).
 */
async function tokenIdsOf(tx: TenantDb, userId: string): Promise<string[]> {
  return (await tx.apiToken.findMany({ where: { createdById: userId }, select: { id: true } })).map((token) => token.id);
}

/** Returns the member as changed (`userId` and `role`, plus the member's details). */
export async function changeMemberRole(ctx: TenantContext, input: { userId: string; role: Role }, options: ChangeMemberRoleOptions = {}) {
  requireRole(ctx.actor, "ADMIN");
  const { changed, tokenIds } = await withMembershipLock(ctx, async (tx, actorRole) => {
    requireRole({ role: actorRole }, "ADMIN");
    const target = await findMembership(tx, input.userId);
    options.precondition?.(toMember(target));
    // Owners are made and unmade by owners only.
    if ((target.role === "OWNER" || input.role === "OWNER") && actorRole !== "OWNER") {
      throw new AppError("FORBIDDEN", "Only an owner can grant or remove the owner role");
    }
    if (target.role === "OWNER" && input.role !== "OWNER") {
      await assertNotLastOwner(tx, target.role, "A dataspace needs at least one owner; make someone else owner first");
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    return { changed: { ...toMember({ ...target, role: input.role }), userId: input.userId }, tokenIds: await tokenIdsOf(tx, input.userId) };
  });
  tokenIds.forEach(evictApiToken);
  return changed;
}

/**
 * Removes a member and revokes, in the same transaction, every API token they made here: a token
 * acts as its creator, and coming back later (a new invitation) must not bring old tokens back.
 */
export async function removeMember(ctx: TenantContext, input: { userId: string }) {
  const leaving = input.userId === ctx.actor.userId;
  if (!leaving) requireRole(ctx.actor, "ADMIN");
  const { removed, tokenIds } = await withMembershipLock(ctx, async (tx, actorRole) => {
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
    await tx.apiToken.updateMany({ where: { createdById: input.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    return { removed: { userId: input.userId }, tokenIds: await tokenIdsOf(tx, input.userId) };
  });
  tokenIds.forEach(evictApiToken);
  return removed;
}

export function leaveDataspace(ctx: TenantContext) {
  return removeMember(ctx, { userId: ctx.actor.userId });
}

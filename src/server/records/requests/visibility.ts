import type { Prisma } from "@/generated/prisma/client";
import { roleAtLeast } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";

/**
 * Private requests are seen by their requester, their assignee, and the dataspace's admins.
 * Every read of requests goes through this filter.
 */
export function visibleRequestsWhere(ctx: TenantContext): Prisma.RequestWhereInput {
  if (roleAtLeast(ctx.actor.role, "ADMIN")) return {};
  const me = ctx.actor.userId;
  return { OR: [{ isPrivate: false }, { requesterId: me }, { assigneeId: me }] };
}

/** An assignee must be a member of the dataspace. */
export async function assertAssignable(ctx: TenantContext, assigneeId: string | null | undefined): Promise<void> {
  if (!assigneeId) return;
  const member = await ctx.db.membership.findFirst({ where: { userId: assigneeId }, select: { id: true } });
  if (!member) throw badRequest("Some fields are invalid", { assigneeId: ["The assignee is not a member of this dataspace"] });
}

/**
 * The member an email names, for APIs that name people by email as their objects do; `field` is
 * where a refusal is filed. null and undefined pass through (unassign, leave unchanged).
 */
export async function memberIdByEmail(
  ctx: TenantContext,
  email: string | null | undefined,
  field: string,
): Promise<string | null | undefined> {
  if (!email) return email;
  const member = await ctx.db.membership.findFirst({ where: { user: { email: email.toLowerCase() } }, select: { userId: true } });
  if (!member) throw badRequest("Some fields are invalid", { [field]: [`${email} is not a member of this dataspace`] });
  return member.userId;
}

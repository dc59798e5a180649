import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { appUrl } from "@/env";
import { db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import type { createInvitationInput } from "./dataspace.schema";
import { requireRole } from "./roles";
import type { TenantContext } from "./tenant-context";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates an invitation link. The token is returned once; only its hash is stored. */
export async function createInvitation(ctx: TenantContext, input: z.output<typeof createInvitationInput>) {
  requireRole(ctx.actor, "ADMIN");
  const token = `sbi_${randomBytes(32).toString("base64url")}`;
  const invitation = await ctx.db.invitation.create({
    data: {
      dataspaceId: ctx.dataspace.id,
      tokenHash: hashToken(token),
      role: input.role,
      email: input.email ?? null,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      createdById: ctx.actor.userId,
    },
    select: { id: true, role: true, email: true, expiresAt: true },
  });
  return { ...invitation, token, url: `${appUrl()}/invite/${token}` };
}

export async function listInvitations(ctx: TenantContext) {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.invitation.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, role: true, email: true, expiresAt: true, usedAt: true, revokedAt: true, createdAt: true },
  });
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    state: r.revokedAt ? "revoked" : r.usedAt ? "used" : r.expiresAt.getTime() < now ? "expired" : "pending",
  }));
}

export async function revokeInvitation(ctx: TenantContext, input: { id: string }) {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.invitation.updateMany({
    where: { id: input.id, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("Pending invitation");
  return { id: input.id };
}

type InvitationState = "pending" | "expired" | "used" | "revoked";

/** What the invitation page shows before the user accepts. Unknown tokens are "not found". */
export async function previewInvitation(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      role: true,
      email: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      dataspace: { select: { name: true, slug: true } },
    },
  });
  if (!invitation) throw notFound("Invitation");
  const state: InvitationState = invitation.revokedAt
    ? "revoked"
    : invitation.usedAt
      ? "used"
      : invitation.expiresAt.getTime() < Date.now()
        ? "expired"
        : "pending";
  return { dataspace: invitation.dataspace, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt, state };
}

const GONE_MESSAGES: Record<Exclude<InvitationState, "pending">, string> = {
  expired: "This invitation has expired; ask an admin for a new link",
  used: "This invitation has already been used",
  revoked: "This invitation was revoked",
};

/** Accepts an invitation: single use, even when two people click the same link at once. */
export async function acceptInvitation(userId: string, token: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to accept this invitation");
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, dataspaceId: true, role: true, email: true, expiresAt: true, usedAt: true, revokedAt: true, dataspace: { select: { slug: true, name: true } } },
    });
    if (!invitation) throw notFound("Invitation");
    if (invitation.revokedAt) throw new AppError("GONE", GONE_MESSAGES.revoked);
    if (invitation.usedAt) throw new AppError("GONE", GONE_MESSAGES.used);
    if (invitation.expiresAt.getTime() < Date.now()) throw new AppError("GONE", GONE_MESSAGES.expired);
    if (invitation.email && invitation.email !== user.email) {
      throw new AppError("FORBIDDEN", `This invitation is for ${invitation.email}; you are signed in as ${user.email}`);
    }
    const existing = await tx.membership.findUnique({
      where: { dataspaceId_userId: { dataspaceId: invitation.dataspaceId, userId } },
      select: { id: true },
    });
    if (existing) throw new AppError("CONFLICT", `You are already a member of ${invitation.dataspace.name}`);
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, usedAt: null, revokedAt: null },
      data: { usedAt: new Date(), usedById: userId },
    });
    if (claimed.count === 0) throw new AppError("GONE", GONE_MESSAGES.used);
    await tx.membership.create({ data: { dataspaceId: invitation.dataspaceId, userId, role: invitation.role } });
    return invitation.dataspace;
  });
}

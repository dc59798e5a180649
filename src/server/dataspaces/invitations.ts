import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@/generated/prisma/enums";
import type { z } from "zod";
import { appUrl } from "@/env";
import { db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { invitationMail } from "@/server/mail/templates";
import { mailConfigured, sendMail } from "@/server/mail/transport";
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
  const url = `${appUrl()}/invite/${token}`;
  const emailed = invitation.email ? await mailInvitation(ctx, { ...invitation, email: invitation.email, url }) : false;
  return { ...invitation, token, url, emailed };
}

/**
 * Mails an invitation when SMTP is configured. A mail server that refuses does not undo the
 * invitation: the admin still gets the link to pass on, and `emailed` says it was not sent.
 */
async function mailInvitation(
  ctx: TenantContext,
  invitation: { email: string; role: Role; expiresAt: Date; url: string },
): Promise<boolean> {
  if (!mailConfigured()) return false;
  const inviter = await db.user.findUnique({ where: { id: ctx.actor.userId }, select: { name: true, email: true } });
  try {
    return await sendMail(
      invitationMail({
        to: invitation.email,
        dataspaceName: ctx.dataspace.name,
        role: invitation.role,
        invitedBy: inviter?.name || inviter?.email || "An admin",
        url: invitation.url,
        expiresAt: invitation.expiresAt,
      }),
    );
  } catch (error) {
    console.warn(`[mail] invitation to ${invitation.email} not sent: ${(error as Error).message}`);
    return false;
  }
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

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Claims a pending invitation for `user` inside `tx` and makes them a member with the invited
 * role. Single use even when two people claim the same link at once: the claim is a conditional
 * update, and only one of them changes the row.
 */
export async function claimInvitation(tx: Tx, token: string, user: { id: string; email: string; unprovenSsoConnectionId?: string | null }) {
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
  // An address only an unproven SSO connection vouches for is that connection's word, not proof
  // of the mailbox an addressed invitation was sent to (docs/sso.md).
  if (invitation.email && user.unprovenSsoConnectionId) {
    throw new AppError(
      "FORBIDDEN",
      `This invitation is for ${invitation.email}, and only an SSO connection whose email domain is not proven yet vouches for your account's address; ask an admin for a link invitation, or to have the domain proven`,
    );
  }
  const existing = await tx.membership.findUnique({
    where: { dataspaceId_userId: { dataspaceId: invitation.dataspaceId, userId: user.id } },
    select: { id: true },
  });
  if (existing) throw new AppError("CONFLICT", `You are already a member of ${invitation.dataspace.name}`);
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, usedAt: null, revokedAt: null },
    data: { usedAt: new Date(), usedById: user.id },
  });
  if (claimed.count === 0) throw new AppError("GONE", GONE_MESSAGES.used);
  await tx.membership.create({ data: { dataspaceId: invitation.dataspaceId, userId: user.id, role: invitation.role } });
  return { ...invitation.dataspace, role: invitation.role };
}

/** Accepts an invitation as a signed-in user. */
export async function acceptInvitation(userId: string, token: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, unprovenSsoConnectionId: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to accept this invitation");
  const { slug, name } = await db.$transaction((tx) => claimInvitation(tx, token, user));
  return { slug, name };
}

import { appUrl } from "@/env";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { passwordResetMail } from "@/server/mail/templates";
import { mailConfigured, sendMail } from "@/server/mail/transport";
import { throttle } from "./rate-limit";
import { bumpSessionVersion } from "./session-version";
import { hashLinkToken, newLinkToken } from "./tokens";
import { containsText } from "@/server/validation/words";

/**
 * Password reset links: one-time, stored as a hash, short-lived. Mailed to the user when SMTP is
 * configured; otherwise an instance admin creates one and passes it on (docs/accounts.md).
 */

const MAILED_LINK_MINUTES = 60;
const ADMIN_LINK_HOURS = 24;

async function issueReset(userId: string, ttlMs: number, createdById: string | null) {
  const token = newLinkToken("sbr");
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.passwordReset.create({ data: { userId, tokenHash: hashLinkToken(token), expiresAt, createdById } });
  return { url: `${appUrl()}/reset-password/${token}`, expiresAt };
}

/**
 * Mails a reset link if the email belongs to an account. The answer is the same either way,
 * and the mail is sent after answering, so neither the answer nor its timing tells whether an
 * account exists.
 */
export async function requestPasswordReset(input: { email: string; ip: string }): Promise<void> {
  if (!mailConfigured()) throw new AppError("UNPROCESSABLE", "Password reset by email is not set up here; ask an administrator for a reset link");
  await throttle(input.email, input.ip);
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (!user) return;
  const link = await issueReset(user.id, MAILED_LINK_MINUTES * 60_000, null);
  void sendMail(passwordResetMail({ to: user.email, ...link })).catch((error: Error) => {
    console.warn(`[mail] password reset mail not sent: ${error.message}`);
  });
}

/** An instance admin's reset link for a user, to pass on by hand. */
export async function createPasswordResetLink(actorUserId: string, input: { userId: string }) {
  const actor = await db.user.findUnique({ where: { id: actorUserId }, select: { isInstanceAdmin: true } });
  if (!actor?.isInstanceAdmin) throw new AppError("FORBIDDEN", "Only an instance administrator can create reset links");
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user) throw notFound("User");
  return { email: user.email, ...(await issueReset(user.id, ADMIN_LINK_HOURS * 3_600_000, actorUserId)) };
}

/** The users an instance admin can create reset links for. */
export async function listUsersForAdmin(actorUserId: string, input: { query?: string }) {
  const actor = await db.user.findUnique({ where: { id: actorUserId }, select: { isInstanceAdmin: true } });
  if (!actor?.isInstanceAdmin) throw new AppError("FORBIDDEN", "Only an instance administrator can list users");
  const q = input.query?.replaceAll("\u0000", "");
  const users = await db.user.findMany({
    where: q ? { OR: [{ email: containsText(q) }, { name: containsText(q) }] } : {},
    orderBy: { email: "asc" },
    take: 100,
    select: { id: true, email: true, name: true, passwordHash: true, isInstanceAdmin: true, createdAt: true },
  });
  return users.map(({ passwordHash, ...u }) => ({ ...u, hasPassword: passwordHash !== null }));
}

type ResetState = "pending" | "expired" | "used";

const GONE_MESSAGES = {
  expired: "This reset link has expired; ask for a new one",
  used: "This reset link has already been used; ask for a new one",
} as const;

/** What the reset page shows before the new password is chosen. Unknown tokens are "not found". */
export async function previewPasswordReset(token: string) {
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!reset) throw notFound("Reset link");
  const state: ResetState = reset.usedAt ? "used" : reset.expiresAt.getTime() < Date.now() ? "expired" : "pending";
  return { email: reset.user.email, state };
}

/**
 * Sets a new password with a reset link: single use (a conditional update claims it), and every
 * session and every other outstanding link of the user stop working.
 */
export async function resetPassword(input: { token: string; password: string }) {
  const preview = await previewPasswordReset(input.token);
  if (preview.state !== "pending") throw new AppError("GONE", GONE_MESSAGES[preview.state]);
  const passwordHash = await hashPassword(input.password); // slow: outside the transaction
  return db.$transaction(async (tx) => {
    const tokenHash = hashLinkToken(input.token);
    const claimed = await tx.passwordReset.updateManyAndReturn({
      where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
      select: { userId: true },
    });
    if (claimed.length === 0) throw new AppError("GONE", GONE_MESSAGES.used);
    const { userId } = claimed[0];
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { email: true } });
    await bumpSessionVersion(tx, userId);
    return { email: user.email };
  });
}

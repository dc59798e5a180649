import { hashPassword, verifyPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { throttle } from "./rate-limit";
import { bumpSessionVersion } from "./session-version";

/** What the profile page shows about the signed-in user. */
export async function getProfile(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true, isInstanceAdmin: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  return { email: user.email, name: user.name, hasPassword: user.passwordHash !== null, isInstanceAdmin: user.isInstanceAdmin };
}

export async function updateProfile(userId: string, input: { name: string }) {
  return db.user.update({ where: { id: userId }, data: { name: input.name }, select: { email: true, name: true } });
}

/**
 * Changes a local password; the current one must be given (a session left open on a shared
 * computer must not be enough), and guesses at it are throttled like login. Every session is
 * signed out: the caller signs the current browser in again with the new password.
 */
export async function changePassword(userId: string, input: { currentPassword: string; newPassword: string; ip: string }) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  if (!user.passwordHash) throw new AppError("UNPROCESSABLE", "This account signs in with an identity provider and has no password to change");
  await throttle(user.email, input.ip);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("UNPROCESSABLE", "The current password is not right", { fieldErrors: { currentPassword: ["The current password is not right"] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    // Reset links issued before the change must not undo it.
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    return { email: user.email, sessionVersion: await bumpSessionVersion(tx, userId) };
  });
}

/** Signs out every session of the user, this one included. */
export async function signOutEverywhere(userId: string) {
  return { sessionVersion: await bumpSessionVersion(db, userId) };
}

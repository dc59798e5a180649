import type { SessionUser } from "@/server/auth/login";
import { db } from "@/server/db/client";

type Client = Pick<typeof db, "user">;

/**
 * Signs out every session of a user: sessions carry the version they were issued with, and
 * userOfSession refuses one whose version is no longer the user's.
 */
export async function bumpSessionVersion(client: Client, userId: string): Promise<number> {
  const user = await client.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  return user.sessionVersion;
}

/**
 * The user a decoded session belongs to, read from the database on every request: null when the
 * user was deleted or the session was issued before their session version was raised. Sessions
 * from before versions existed carry none and count as version 0.
 */
export async function userOfSession(session: { user?: { id?: string }; sessionVersion?: number } | null): Promise<SessionUser | null> {
  const id = session?.user?.id;
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, image: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== (session?.sessionVersion ?? 0)) return null;
  const { sessionVersion: _omit, ...sessionUser } = user;
  return sessionUser;
}

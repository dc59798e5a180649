import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearLoginFailures, consumeLoginAttempt } from "./rate-limit";

export type SessionUser = { id: string; email: string; name: string | null; image: string | null };

export const INVALID_LOGIN_MESSAGE = "Invalid email or password";

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many attempts, try again in ${seconds} second${seconds === 1 ? "" : "s"}`;
}

/**
 * Checks a local email + password. Unknown email, account without a password and wrong password
 * all fail the same way, in the same time. Throttled per email+IP and per IP.
 */
export async function login(input: { email: string; password: string; ip: string }): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const gate = await consumeLoginAttempt({ email, ip: input.ip });
  if (!gate.allowed) {
    throw new AppError("TOO_MANY_REQUESTS", tooManyAttemptsMessage(gate.retryAfterSeconds), {
      retryAfterSeconds: gate.retryAfterSeconds,
    });
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, image: true, passwordHash: true },
  });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user?.passwordHash || !matches) throw new AppError("UNAUTHORIZED", INVALID_LOGIN_MESSAGE);
  await clearLoginFailures({ email, ip: input.ip });
  const { passwordHash: _omit, ...sessionUser } = user;
  return sessionUser;
}

import { tooManyAttemptsMessage } from "@/server/auth/login";
import { consumeLoginAttempt } from "@/server/auth/rate-limit";
import { AppError } from "@/server/errors";

/**
 * Sign-up, password checks and reset requests share the login limits (per email+IP and per IP,
 * see src/server/auth/rate-limit.ts): each is a guess at something, and one budget for all of
 * them keeps an attacker from switching doors.
 */
export async function throttle(email: string, ip: string): Promise<void> {
  const gate = await consumeLoginAttempt({ email, ip });
  if (!gate.allowed) {
    throw new AppError("TOO_MANY_REQUESTS", tooManyAttemptsMessage(gate.retryAfterSeconds), { retryAfterSeconds: gate.retryAfterSeconds });
  }
}

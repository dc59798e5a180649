import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { login } from "./login";
import { hashPassword } from "./password";
import { closeLoginRateLimiter } from "./rate-limit";

const LIMIT = 3;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  process.env.LOGIN_RATE_LIMIT = String(LIMIT);
  resetEnvCache();
});
afterAll(() => closeLoginRateLimiter());

let counter = 0;
async function localUser() {
  const email = `owner-${++counter}-${Date.now()}@example.test`;
  await db.user.create({ data: { email, name: "Owner", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("login", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    const email = await localUser();
    const user = await login({ email: email.toUpperCase(), password: PASSWORD, ip: "10.0.0.1" });
    expect(user).toMatchObject({ email, name: "Owner" });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("says the same thing for a wrong password, an unknown email and an account without a password", async () => {
    const email = await localUser();
    const sso = `sso-only-${Date.now()}@example.test`;
    await db.user.create({ data: { email: sso } });
    const messages = await Promise.all([
      failure(login({ email, password: "wrong password!", ip: "10.0.0.2" })),
      failure(login({ email: "nobody@example.test", password: PASSWORD, ip: "10.0.0.2" })),
      failure(login({ email: sso, password: PASSWORD, ip: "10.0.0.2" })),
    ]);
    for (const error of messages) {
      expect(error.code).toBe("UNAUTHORIZED");
      expect(error.message).toBe("Invalid email or password");
    }
  });

  it("blocks an email+IP after the limit of failures, even with the right password, and says for how long", async () => {
    const email = await localUser();
    for (let i = 0; i < LIMIT; i++) {
      expect((await failure(login({ email, password: "wrong password!", ip: "10.0.0.3" }))).code).toBe("UNAUTHORIZED");
    }
    const blocked = await failure(login({ email, password: PASSWORD, ip: "10.0.0.3" }));
    expect(blocked.code).toBe("TOO_MANY_REQUESTS");
    expect(blocked.message).toMatch(/^Too many attempts, try again in \d+ seconds$/);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(800);

    // The counters live in PostgreSQL (shared by every app instance), keyed by hashes.
    const rows = await db.rateLimit.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.key.includes(email))).toBe(false);

    // Another address is not affected by this one's failures.
    await expect(login({ email, password: PASSWORD, ip: "10.0.0.4" })).resolves.toMatchObject({ email });
  });

  it("forgets an email+IP's failures after a successful login", async () => {
    const email = await localUser();
    for (let i = 0; i < LIMIT - 1; i++) await failure(login({ email, password: "wrong password!", ip: "10.0.0.5" }));
    await login({ email, password: PASSWORD, ip: "10.0.0.5" });
    for (let i = 0; i < LIMIT - 1; i++) await failure(login({ email, password: "wrong password!", ip: "10.0.0.5" }));
    await expect(login({ email, password: PASSWORD, ip: "10.0.0.5" })).resolves.toMatchObject({ email });
  });

  it("blocks an IP that tries many different accounts", async () => {
    const ip = "10.0.0.6";
    let blocked: AppError | undefined;
    for (let i = 0; i < LIMIT * 5 + 1 && !blocked; i++) {
      const error = await failure(login({ email: `spray-${i}@example.test`, password: "wrong password!", ip }));
      if (error.code === "TOO_MANY_REQUESTS") blocked = error;
    }
    expect(blocked?.message).toMatch(/^Too many attempts/);
    const email = await localUser();
    expect((await failure(login({ email, password: PASSWORD, ip }))).code).toBe("TOO_MANY_REQUESTS");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { login } from "@/server/auth/login";
import { closeLoginRateLimiter } from "@/server/auth/rate-limit";
import { db } from "@/server/db/client";
import { seedUser } from "../../../test/factories";
import { changePassword, getProfile, signOutEverywhere, updateProfile } from "./profile";
import { userOfSession } from "./session-version";

// Each test hashes several passwords with scrypt, slow on purpose (src/server/auth/password.ts).
const SCRYPT_TIMEOUT = 60_000;

const PASSWORD = "the first password";
const NEW_PASSWORD = "the second password";
let ip = 0;
const freshIp = () => `10.2.0.${++ip}`;

/** A decoded session as Auth.js hands it over after sign-in: the user's id and version then. */
async function sessionOf(userId: string) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return { user: { id: userId }, sessionVersion };
}

beforeAll(() => {
  process.env.LOGIN_RATE_LIMIT = "3";
  resetEnvCache();
});
afterAll(() => closeLoginRateLimiter());

describe("sessions", { timeout: SCRYPT_TIMEOUT }, () => {
  it("stop working on the next request after 'sign out everywhere', and new ones work", async () => {
    const user = await seedUser({ password: PASSWORD });
    const laptop = await sessionOf(user.id);
    const phone = await sessionOf(user.id);
    expect(await userOfSession(laptop)).toMatchObject({ id: user.id });
    await signOutEverywhere(user.id);
    expect(await userOfSession(laptop)).toBeNull();
    expect(await userOfSession(phone)).toBeNull();
    expect(await userOfSession(await sessionOf(user.id))).toMatchObject({ id: user.id, email: user.email });
  });

  it("from before session versions existed count as version 0", async () => {
    const user = await seedUser();
    expect(await userOfSession({ user: { id: user.id } })).toMatchObject({ id: user.id });
    await signOutEverywhere(user.id);
    expect(await userOfSession({ user: { id: user.id } })).toBeNull();
  });

  it("of another user, or of nobody, give nobody", async () => {
    const user = await seedUser();
    const other = await seedUser();
    await signOutEverywhere(other.id);
    // Another user's version does not make a session valid for this one.
    expect(await userOfSession({ user: { id: user.id }, sessionVersion: 1 })).toBeNull();
    expect(await userOfSession({ user: { id: "not-a-uuid" }, sessionVersion: 0 })).toBeNull();
    expect(await userOfSession(null)).toBeNull();
  });
});

describe("profile", { timeout: SCRYPT_TIMEOUT }, () => {
  it("shows and renames the user's own account", async () => {
    const user = await seedUser({ password: PASSWORD, name: "Old Name" });
    expect(await getProfile(user.id)).toMatchObject({ email: user.email, name: "Old Name", hasPassword: true, isInstanceAdmin: false });
    await updateProfile(user.id, { name: "New Name" });
    expect(await getProfile(user.id)).toMatchObject({ name: "New Name" });
  });

  it("changes the password only with the current one, and signs out every other session", async () => {
    const user = await seedUser({ password: PASSWORD });
    const other = await sessionOf(user.id);
    await expect(changePassword(user.id, { currentPassword: "not the password", newPassword: NEW_PASSWORD, ip: freshIp() })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      fieldErrors: { currentPassword: ["The current password is not right"] },
    });
    expect(await userOfSession(other)).not.toBeNull();
    await changePassword(user.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ip: freshIp() });
    expect(await userOfSession(other)).toBeNull();
    await expect(login({ email: user.email, password: PASSWORD, ip: freshIp() })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(login({ email: user.email, password: NEW_PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: user.id });
  });

  it("throttles guesses at the current password like login", async () => {
    const user = await seedUser({ password: PASSWORD });
    const from = freshIp();
    const guess = () => changePassword(user.id, { currentPassword: "a wrong guess", newPassword: NEW_PASSWORD, ip: from });
    for (let i = 0; i < 3; i++) await expect(guess()).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    // Even the right password is refused once the budget is spent.
    await expect(changePassword(user.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ip: from })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("has no password to change for an account without one", async () => {
    const user = await seedUser();
    await expect(changePassword(user.id, { currentPassword: "anything at all", newPassword: NEW_PASSWORD, ip: freshIp() })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
  });
});

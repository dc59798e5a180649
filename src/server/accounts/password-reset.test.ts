import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { login } from "@/server/auth/login";
import { closeLoginRateLimiter } from "@/server/auth/rate-limit";
import { db } from "@/server/db/client";
import { closeMail } from "@/server/mail/transport";
import { seedUser } from "../../../test/factories";
import { startMailCatcher, type MailCatcher } from "../../../test/mail-catcher";
import { createPasswordResetLink, previewPasswordReset, requestPasswordReset, resetPassword } from "./password-reset";
import { userOfSession } from "./session-version";

// Each test hashes several passwords with scrypt, slow on purpose (src/server/auth/password.ts).
const SCRYPT_TIMEOUT = 60_000;

const PASSWORD = "the old password";
const NEW_PASSWORD = "a brand new password";
let ip = 0;
const freshIp = () => `10.3.0.${++ip}`;
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
const linkIn = (text: string) => text.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0] ?? "";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
  process.env.MAIL_FROM = "Switchboard <noreply@switchboard.test>";
  process.env.LOGIN_RATE_LIMIT = "3";
  resetEnvCache();
});
afterAll(async () => {
  closeMail();
  await mail.close();
  await closeLoginRateLimiter();
});

async function instanceAdmin() {
  const admin = await seedUser();
  await db.user.update({ where: { id: admin.id }, data: { isInstanceAdmin: true } });
  return admin;
}

describe("password reset by email", { timeout: SCRYPT_TIMEOUT }, () => {
  it("mails a one-time link that sets a new password and signs out every session", async () => {
    const user = await seedUser({ password: PASSWORD });
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    await requestPasswordReset({ email: user.email, ip: freshIp() });
    const message = await mail.next(user.email);
    expect(message.subject).toBe("Reset your Switchboard password");
    const token = tokenOf(linkIn(message.text));
    // Only the hash is stored.
    expect(await db.passwordReset.count({ where: { tokenHash: token } })).toBe(0);
    expect(await previewPasswordReset(token)).toEqual({ email: user.email, state: "pending" });

    await expect(resetPassword({ token, password: NEW_PASSWORD })).resolves.toEqual({ email: user.email });
    await expect(login({ email: user.email, password: NEW_PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: user.id });
    expect(await userOfSession({ user: { id: user.id }, sessionVersion })).toBeNull();

    // Reusing the link: refused, and the password stays the one just chosen.
    await expect(resetPassword({ token, password: "an attacker's password" })).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/already been used/) });
    await expect(login({ email: user.email, password: NEW_PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: user.id });
  });

  it("answers the same for an unknown email, and mails nothing", async () => {
    const before = mail.received.length;
    await expect(requestPasswordReset({ email: "nobody-here@example.test", ip: freshIp() })).resolves.toBeUndefined();
    // A known address sent after it arrives first in line: nothing was queued for the unknown one.
    const known = await seedUser();
    await requestPasswordReset({ email: known.email, ip: freshIp() });
    await mail.next(known.email);
    expect(mail.received.slice(before).flatMap((m) => m.to)).toEqual([known.email]);
  });

  it("refuses an expired link", async () => {
    const user = await seedUser({ password: PASSWORD });
    await requestPasswordReset({ email: user.email, ip: freshIp() });
    const token = tokenOf(linkIn((await mail.next(user.email)).text));
    await db.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await previewPasswordReset(token)).state).toBe("expired");
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/expired/) });
    await expect(login({ email: user.email, password: PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: user.id });
  });

  it("resets only the account the link was made for", async () => {
    const victim = await seedUser({ password: PASSWORD });
    const attacker = await seedUser({ password: PASSWORD });
    await requestPasswordReset({ email: attacker.email, ip: freshIp() });
    const token = tokenOf(linkIn((await mail.next(attacker.email)).text));
    // The link carries no user: using the attacker's own token can only ever touch the attacker.
    await expect(resetPassword({ token, password: NEW_PASSWORD })).resolves.toEqual({ email: attacker.email });
    await expect(login({ email: victim.email, password: PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: victim.id });
    await expect(resetPassword({ token: `${token}x`, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("voids every other outstanding link once one is used", async () => {
    const user = await seedUser({ password: PASSWORD });
    const admin = await instanceAdmin();
    const first = tokenOf((await createPasswordResetLink(admin.id, { userId: user.id })).url);
    const second = tokenOf((await createPasswordResetLink(admin.id, { userId: user.id })).url);
    await resetPassword({ token: first, password: NEW_PASSWORD });
    await expect(resetPassword({ token: second, password: "an older link's password" })).rejects.toMatchObject({ code: "GONE" });
  });

  it("is throttled like login", async () => {
    const user = await seedUser();
    const from = freshIp();
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: user.email, ip: from });
    await expect(requestPasswordReset({ email: user.email, ip: from })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("reset links made by an instance admin", { timeout: SCRYPT_TIMEOUT }, () => {
  it("work once for the user they were made for", async () => {
    const admin = await instanceAdmin();
    const user = await seedUser({ password: PASSWORD });
    const link = await createPasswordResetLink(admin.id, { userId: user.id });
    expect(link).toMatchObject({ email: user.email, url: expect.stringMatching(/\/reset-password\/sbr_/) });
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
    await resetPassword({ token: tokenOf(link.url), password: NEW_PASSWORD });
    await expect(login({ email: user.email, password: NEW_PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: user.id });
    await expect(resetPassword({ token: tokenOf(link.url), password: PASSWORD })).rejects.toMatchObject({ code: "GONE" });
  });

  it("cannot be made by anyone else, a dataspace owner or the user themself included", async () => {
    const user = await seedUser({ password: PASSWORD });
    const someone = await seedUser();
    await expect(createPasswordResetLink(someone.id, { userId: user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createPasswordResetLink(user.id, { userId: user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.passwordReset.count({ where: { userId: user.id } })).toBe(0);
    const admin = await instanceAdmin();
    await expect(createPasswordResetLink(admin.id, { userId: "00000000-0000-7000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("without SMTP", () => {
  it("says to ask an admin instead of pretending to send", async () => {
    const user = await seedUser();
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      await expect(requestPasswordReset({ email: user.email, ip: freshIp() })).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/administrator/) });
      expect(await db.passwordReset.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      process.env.SMTP_URL = mail.url;
      resetEnvCache();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { login } from "@/server/auth/login";
import { closeLoginRateLimiter } from "@/server/auth/rate-limit";
import { db } from "@/server/db/client";
import { createInvitationInput } from "@/server/dataspaces/dataspace.schema";
import { createInvitation, previewInvitation, revokeInvitation } from "@/server/dataspaces/invitations";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { seedDataspace, seedUser, tenantFor, type SeededDataspace } from "../../../test/factories";
import { signUpInput, updateProfileInput } from "./accounts.schema";
import { signUpWithInvitation } from "./sign-up";

// Each test hashes several passwords with scrypt, slow on purpose (src/server/auth/password.ts).
const SCRYPT_TIMEOUT = 60_000;

const PASSWORD = "a long enough password";
let ip = 0;
const freshIp = () => `10.1.0.${++ip}`;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("sign-up through an invitation", { timeout: SCRYPT_TIMEOUT }, () => {
  let space: SeededDataspace;
  let other: SeededDataspace;
  let ctx: TenantContext;
  let otherCtx: TenantContext;
  const invite = (input: Record<string, unknown> = {}, on = () => ctx) => createInvitation(on(), createInvitationInput.parse(input));
  const membershipsOf = (email: string) =>
    db.membership.findMany({ where: { user: { email } }, select: { role: true, dataspaceId: true } });

  beforeAll(async () => {
    process.env.LOGIN_RATE_LIMIT = "3";
    resetEnvCache();
    const owner = await seedUser();
    space = await seedDataspace({ owner, name: "Ops" });
    other = await seedDataspace({ owner, name: "Other" });
    ctx = await tenantFor(owner.id, space.slug);
    otherCtx = await tenantFor(owner.id, other.slug);
  });
  afterAll(() => closeLoginRateLimiter());

  it("lets a new person with a link invitation create an account and join with the invited role", async () => {
    const invitation = await invite({ role: "VIEWER" });
    const joined = await signUpWithInvitation({ token: invitation.token, name: "Nia New", email: "nia@example.test", password: PASSWORD, ip: freshIp() });
    expect(joined).toMatchObject({ user: { email: "nia@example.test", name: "Nia New" }, dataspace: { slug: space.slug, role: "VIEWER" } });
    expect(await membershipsOf("nia@example.test")).toEqual([{ role: "VIEWER", dataspaceId: space.id }]);
    expect((await previewInvitation(invitation.token)).state).toBe("used");
    // The password works for signing in, and it is stored as a scrypt hash, not as typed.
    await expect(login({ email: "nia@example.test", password: PASSWORD, ip: freshIp() })).resolves.toMatchObject({ id: joined.user.id });
    const stored = await db.user.findUniqueOrThrow({ where: { id: joined.user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
  });

  it("gives the account exactly the email an invitation was addressed to", async () => {
    const invitation = await invite({ email: "Ada@Example.test", role: "ADMIN" });
    const joined = await signUpWithInvitation({ token: invitation.token, name: "Ada", email: "attacker@evil.test", password: PASSWORD, ip: freshIp() });
    expect(joined.user.email).toBe("ada@example.test");
    expect(await db.user.findUnique({ where: { email: "attacker@evil.test" } })).toBeNull();
    expect(await membershipsOf("ada@example.test")).toEqual([{ role: "ADMIN", dataspaceId: space.id }]);
  });

  it("joins only the invitation's own dataspace", async () => {
    const invitation = await invite({ role: "MEMBER" }, () => otherCtx);
    await signUpWithInvitation({ token: invitation.token, name: "Oz", email: "oz@example.test", password: PASSWORD, ip: freshIp() });
    expect(await membershipsOf("oz@example.test")).toEqual([{ role: "MEMBER", dataspaceId: other.id }]);
  });

  it("refuses an email that already has an account, and leaves the invitation usable", async () => {
    const existing = await seedUser({ password: "the owner's own password" });
    const invitation = await invite();
    const error = await signUpWithInvitation({ token: invitation.token, name: "Impostor", email: existing.email, password: PASSWORD, ip: freshIp() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("sign in") });
    // The existing account keeps its password and gains nothing.
    await expect(login({ email: existing.email, password: PASSWORD, ip: freshIp() })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await membershipsOf(existing.email)).toEqual([]);
    expect((await previewInvitation(invitation.token)).state).toBe("pending");
  });

  it("refuses used, expired, revoked and unknown invitations without creating an account", async () => {
    const used = await invite();
    await signUpWithInvitation({ token: used.token, name: "First", email: "first@example.test", password: PASSWORD, ip: freshIp() });
    const expired = await invite();
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await invite();
    await revokeInvitation(ctx, { id: revoked.id });
    const attempt = (token: string, email: string) => signUpWithInvitation({ token, name: "Late", email, password: PASSWORD, ip: freshIp() });
    await expect(attempt(used.token, "late1@example.test")).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/already been used/) });
    await expect(attempt(expired.token, "late2@example.test")).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/expired/) });
    await expect(attempt(revoked.token, "late3@example.test")).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/revoked/) });
    await expect(attempt(`${used.token}x`, "late4@example.test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.count({ where: { email: { startsWith: "late" } } })).toBe(0);
  });

  it("lets only one of two people use a link at the same moment", async () => {
    const invitation = await invite();
    const results = await Promise.all(
      ["race1@example.test", "race2@example.test"].map((email) => codeOf(signUpWithInvitation({ token: invitation.token, name: "Racer", email, password: PASSWORD, ip: freshIp() }))),
    );
    expect(results.sort()).toEqual(["GONE", "OK"]);
    // The loser's account was rolled back with its failed claim.
    expect(await db.user.count({ where: { email: { startsWith: "race" } } })).toBe(1);
  });

  it("asks for an email when a link invitation has none", async () => {
    const invitation = await invite();
    await expect(signUpWithInvitation({ token: invitation.token, name: "No Mail", password: PASSWORD, ip: freshIp() })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      fieldErrors: { email: ["Enter your email address"] },
    });
  });

  it("is throttled like login", async () => {
    const existing = await seedUser();
    const invitation = await invite();
    const from = freshIp();
    const attempt = () => signUpWithInvitation({ token: invitation.token, name: "Spray", email: existing.email, password: PASSWORD, ip: from });
    for (let i = 0; i < 3; i++) await expect(attempt()).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(attempt()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/Too many attempts/) });
  });

  it("uses the password rules of password.ts and refuses NUL and broken characters in names", () => {
    const base = { token: "sbi_0123456789abcdef", name: "Short" };
    expect(signUpInput.safeParse({ ...base, password: "too short" }).success).toBe(false);
    expect(signUpInput.safeParse({ ...base, password: PASSWORD }).success).toBe(true);
    expect(signUpInput.safeParse({ ...base, name: " ", password: PASSWORD }).success).toBe(false);
    expect(signUpInput.safeParse({ ...base, name: "Nul\u0000Byte", password: PASSWORD }).success).toBe(false);
    expect(signUpInput.safeParse({ ...base, name: "Lone \ud800", password: PASSWORD }).success).toBe(false);
    expect(updateProfileInput.safeParse({ name: "Nul\u0000Byte" }).success).toBe(false);
    expect(updateProfileInput.safeParse({ name: "Zoë Ünïcode 山田" }).success).toBe(true);
  });
});

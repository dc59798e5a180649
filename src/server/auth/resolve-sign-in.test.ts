import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { encryptSecret } from "@/server/secrets/crypto";
import { resolveSignIn } from "./resolve-sign-in";

beforeAll(() => {
  process.env.SECRETS_KEY = `test:${randomBytes(32).toString("base64")}`;
  resetEnvCache();
});

const uid = () => randomBytes(4).toString("hex");

async function dataspaceWithSso(options: { domains: string[]; enabled?: boolean; defaultRole?: "ADMIN" | "MEMBER" | "VIEWER" }) {
  const dataspace = await db.dataspace.create({ data: { slug: `ds-${uid()}`, name: "Acme" } });
  const connection = await db.ssoConnection.create({
    data: {
      dataspaceId: dataspace.id,
      name: "Acme",
      issuer: "https://idp.acme.test",
      clientId: "switchboard",
      clientSecretEncrypted: encryptSecret("s3cret"),
      allowedDomains: options.domains,
      defaultRole: options.defaultRole ?? "MEMBER",
      enabled: options.enabled ?? true,
    },
  });
  return { dataspace, provider: `sso-${connection.id}` };
}

describe("instance-wide providers (OIDC, GitHub, GitLab)", () => {
  it("creates a user on first sign-in and finds the same user by account afterwards", async () => {
    const subject = `sub-${uid()}`;
    const first = await resolveSignIn({ provider: "oidc", providerAccountId: subject, email: `New.${subject}@Corp.test`, name: "New" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const user = await db.user.findUniqueOrThrow({ where: { id: first.userId }, include: { accounts: true } });
    expect(user.email).toBe(`new.${subject}@corp.test`);
    expect(user.accounts).toMatchObject([{ provider: "oidc", providerAccountId: subject }]);

    // Email changed at the provider: still the same person, found by account.
    const again = await resolveSignIn({ provider: "oidc", providerAccountId: subject, email: `renamed-${subject}@corp.test` });
    expect(again).toEqual({ ok: true, userId: first.userId });
  });

  it("links a new provider to the existing user with the same email", async () => {
    const existing = await db.user.create({ data: { email: `link-${uid()}@corp.test` } });
    const result = await resolveSignIn({ provider: "github", providerAccountId: `gh-${uid()}`, email: existing.email });
    expect(result).toEqual({ ok: true, userId: existing.id });
    expect(await db.account.count({ where: { userId: existing.id, provider: "github" } })).toBe(1);
  });

  it("does not link by an email the provider says is unverified", async () => {
    const existing = await db.user.create({ data: { email: `unverified-${uid()}@corp.test` } });
    const result = await resolveSignIn({ provider: "oidc", providerAccountId: `x-${uid()}`, email: existing.email, emailVerified: false });
    expect(result).toEqual({ ok: false, reason: "account_conflict" });
    expect(await db.account.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("accepts a local credentials sign-in only while the user exists", async () => {
    const user = await db.user.create({ data: { email: `local-${uid()}@corp.test` } });
    expect(await resolveSignIn({ provider: "credentials", providerAccountId: user.id })).toEqual({ ok: true, userId: user.id });
    await db.user.delete({ where: { id: user.id } });
    expect((await resolveSignIn({ provider: "credentials", providerAccountId: user.id })).ok).toBe(false);
  });
});

describe("per-dataspace SSO connections", () => {
  it("joins the dataspace with the default role on first sign-in, for an allowed domain", async () => {
    const { dataspace, provider } = await dataspaceWithSso({ domains: ["acme-1.test"], defaultRole: "VIEWER" });
    const result = await resolveSignIn({ provider, providerAccountId: "alice", email: "Alice@ACME-1.test", emailVerified: true });
    expect(result).toMatchObject({ ok: true, joinedDataspace: { slug: dataspace.slug } });
    if (!result.ok) return;
    const membership = await db.membership.findFirstOrThrow({ where: { dataspaceId: dataspace.id, userId: result.userId } });
    expect(membership.role).toBe("VIEWER");
  });

  it("keeps the role of an existing member", async () => {
    const { dataspace, provider } = await dataspaceWithSso({ domains: ["acme-2.test"] });
    const first = await resolveSignIn({ provider, providerAccountId: "bob", email: "bob@acme-2.test" });
    if (!first.ok) throw new Error(first.reason);
    await db.membership.updateMany({ where: { dataspaceId: dataspace.id, userId: first.userId }, data: { role: "ADMIN" } });
    const result = await resolveSignIn({ provider, providerAccountId: "bob", email: "bob@acme-2.test" });
    expect(result).toMatchObject({ ok: true, userId: first.userId });
    expect(await db.membership.findMany({ where: { dataspaceId: dataspace.id, userId: first.userId } })).toMatchObject([{ role: "ADMIN" }]);
  });

  it("never links to an existing account by email, even a member of its own dataspace", async () => {
    const { dataspace, provider } = await dataspaceWithSso({ domains: ["acme-8.test"] });
    const dora = await db.user.create({ data: { email: "dora@acme-8.test", passwordHash: "scrypt$x" } });
    await db.membership.create({ data: { dataspaceId: dataspace.id, userId: dora.id, role: "ADMIN" } });
    const result = await resolveSignIn({ provider, providerAccountId: "dora", email: "dora@acme-8.test", emailVerified: true });
    expect(result).toEqual({ ok: false, reason: "account_conflict" });
    expect(await db.account.count({ where: { userId: dora.id } })).toBe(0);
  });

  it("refuses addresses outside the allowed domains, and creates nothing", async () => {
    const { dataspace, provider } = await dataspaceWithSso({ domains: ["acme-3.test"] });
    const result = await resolveSignIn({ provider, providerAccountId: "eve", email: "eve@acme-3.test.evil.test" });
    expect(result).toEqual({ ok: false, reason: "domain_not_allowed" });
    expect(await db.user.findUnique({ where: { email: "eve@acme-3.test.evil.test" } })).toBeNull();
    expect(await db.membership.count({ where: { dataspaceId: dataspace.id } })).toBe(0);
  });

  it("refuses an address the identity provider marks unverified", async () => {
    const { provider } = await dataspaceWithSso({ domains: ["acme-4.test"] });
    const result = await resolveSignIn({ provider, providerAccountId: "carol", email: "carol@acme-4.test", emailVerified: false });
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
  });

  it("refuses a disabled connection", async () => {
    const { provider } = await dataspaceWithSso({ domains: ["acme-5.test"], enabled: false });
    const result = await resolveSignIn({ provider, providerAccountId: "dan", email: "dan@acme-5.test" });
    expect(result).toEqual({ ok: false, reason: "connection_unavailable" });
  });

  it("never lets a dataspace's identity provider take over the instance owner's account", async () => {
    const { provider } = await dataspaceWithSso({ domains: ["acme-6.test"] });
    const owner = await db.user.create({ data: { email: "root@acme-6.test", isInstanceAdmin: true, passwordHash: "scrypt$x" } });
    const result = await resolveSignIn({ provider, providerAccountId: "root", email: "root@acme-6.test" });
    expect(result).toEqual({ ok: false, reason: "account_conflict" });
    expect(await db.account.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("survives two simultaneous first sign-ins of the same person", async () => {
    const { dataspace, provider } = await dataspaceWithSso({ domains: ["acme-7.test"] });
    const identity = { provider, providerAccountId: "twin", email: "twin@acme-7.test" };
    const [a, b] = await Promise.all([resolveSignIn(identity), resolveSignIn(identity)]);
    expect([a, b]).toEqual([a, a]);
    expect(a.ok).toBe(true);
    expect(await db.membership.count({ where: { dataspaceId: dataspace.id } })).toBe(1);
  });
});

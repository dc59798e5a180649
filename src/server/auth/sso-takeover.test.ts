import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { addMember, callerFor, seedDataspace, seedUser } from "../../../test/factories";
import { startFakeIssuer } from "../../../test/fake-oidc-issuer";
import { resolveSignIn } from "./resolve-sign-in";

/**
 * Issue 12, item 1: an admin of dataspace B adds an SSO connection claiming A's email domain with
 * an identity provider they control, then signs in as A's admin. Every variant must leave the
 * victim untouched: no sign-in, no Account linked to them, no membership changed.
 */

let idp: Awaited<ReturnType<typeof startFakeIssuer>>;
beforeAll(async () => {
  process.env.SECRETS_KEY = `test:${randomBytes(32).toString("base64")}`;
  resetEnvCache();
  idp = await startFakeIssuer(); // the attacker's IdP: it asserts whatever the attacker types
});
afterAll(() => idp.close());

const uid = () => randomBytes(4).toString("hex");

/** The admin of B adds a connection claiming `domain`, through the API as any admin would. */
async function attackerConnection(domain: string) {
  const attacker = await seedUser({ name: "Admin of B" });
  const B = await seedDataspace({ owner: attacker, name: "Bravo" });
  const connection = await callerFor(attacker.id).sso.create({
    dataspace: B.slug,
    name: "Totally A's IdP",
    issuer: idp.issuer,
    clientId: "evil",
    clientSecret: "evil-secret",
    allowedDomains: [domain],
  });
  return { attacker, B, connection, provider: `sso-${connection.id}` };
}

/** Signs in through the attacker's IdP, which claims to be `email` with a verified address. */
const assertAs = (provider: string, email: string, subject = `forged-${uid()}`) =>
  resolveSignIn({ provider, providerAccountId: subject, email, emailVerified: true, name: "Forged" });

async function footprintOf(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      passwordHash: true,
      unprovenSsoConnectionId: true,
      accounts: { select: { provider: true, providerAccountId: true }, orderBy: { provider: "asc" } },
      memberships: { select: { dataspaceId: true, role: true }, orderBy: { dataspaceId: "asc" } },
    },
  });
  return { user, users: await db.user.count() };
}

async function expectRefusedAndUntouched(victimId: string, signIn: () => Promise<unknown>) {
  const before = await footprintOf(victimId);
  expect(await signIn()).toEqual({ ok: false, reason: "account_conflict" });
  expect(await footprintOf(victimId)).toEqual(before);
}

describe("an admin of one dataspace signing in as a member of another", () => {
  it("fails for adam@a.test, an existing admin of A (the reported attack)", async () => {
    const adam = await seedUser({ email: "adam@a.test", password: "adams-own-password" });
    const A = await seedDataspace({ owner: await seedUser(), name: "Alpha" });
    await addMember(A, adam, "ADMIN");
    const { B, provider } = await attackerConnection("a.test");

    await expectRefusedAndUntouched(adam.id, () => assertAs(provider, "adam@a.test"));
    expect(await db.account.count({ where: { userId: adam.id } })).toBe(0);
    expect(await db.membership.findMany({ where: { userId: adam.id }, select: { dataspaceId: true, role: true } })).toEqual([
      { dataspaceId: A.id, role: "ADMIN" },
    ]);
    expect(await db.membership.count({ where: { dataspaceId: B.id, userId: adam.id } })).toBe(0);
    // Upper case, spaces, the subject adam might have at a real IdP: none of it helps.
    await expectRefusedAndUntouched(adam.id, () => assertAs(provider, "  ADAM@A.TEST ", adam.id));
  });

  it("fails even after an instance admin approved the attacker's claim by mistake", async () => {
    const adam = await seedUser({ email: "adam@a-approved.test", password: "adams-own-password" });
    const A = await seedDataspace({ owner: adam, name: "Alpha" });
    const { connection, provider } = await attackerConnection("a-approved.test");
    const root = await seedUser();
    await db.user.update({ where: { id: root.id }, data: { isInstanceAdmin: true } });
    const claim = await db.ssoDomainClaim.findFirstOrThrow({ where: { connectionId: connection.id } });
    await callerFor(root.id).sso.domainClaims.approve({ id: claim.id });

    await expectRefusedAndUntouched(adam.id, () => assertAs(provider, adam.email));
    expect(await db.membership.findMany({ where: { userId: adam.id }, select: { dataspaceId: true } })).toEqual([{ dataspaceId: A.id }]);
  });

  it("fails for a local-password user who belongs to no dataspace yet", async () => {
    const lena = await seedUser({ email: "lena@local.test", password: "lenas-password" });
    const { provider } = await attackerConnection("local.test");
    await expectRefusedAndUntouched(lena.id, () => assertAs(provider, lena.email));
  });

  it("fails for users who signed up with GitHub or GitLab", async () => {
    const { provider } = await attackerConnection("oauth.test");
    for (const oauth of ["github", "gitlab"]) {
      const created = await resolveSignIn({ provider: oauth, providerAccountId: `${oauth}-42`, email: `olga-${oauth}@oauth.test`, emailVerified: true });
      if (!created.ok) throw new Error(`${oauth} sign-up failed: ${created.reason}`);
      const C = await seedDataspace({ owner: { id: created.userId } });
      await expectRefusedAndUntouched(created.userId, () => assertAs(provider, `olga-${oauth}@oauth.test`));
      expect(await db.membership.findMany({ where: { userId: created.userId }, select: { dataspaceId: true, role: true } })).toEqual([
        { dataspaceId: C.id, role: "OWNER" },
      ]);
    }
  });

  it("fails for a user of a third dataspace whom that dataspace's own SSO connection created", async () => {
    // C's connection holds c.test, so nobody else can even claim it…
    const ownerC = await seedUser();
    const C = await seedDataspace({ owner: ownerC, name: "Charlie" });
    const ownConnection = await db.ssoConnection.create({
      data: { dataspaceId: C.id, name: "C IdP", issuer: "https://idp.c.test", clientId: "c", clientSecretEncrypted: "unused", allowedDomains: ["c.test"] },
    });
    await db.ssoDomainClaim.create({ data: { dataspaceId: C.id, connectionId: ownConnection.id, domain: "c.test", token: "t", provenAt: new Date(), provenBy: "dns" } });
    const carol = await resolveSignIn({ provider: `sso-${ownConnection.id}`, providerAccountId: "carol", email: "carol@c.test", emailVerified: true });
    if (!carol.ok) throw new Error(carol.reason);
    await expect(attackerConnection("c.test")).rejects.toMatchObject({ code: "CONFLICT" });

    // …and once an instance admin frees the domain, C's people still cannot be taken over.
    const root = await seedUser();
    await db.user.update({ where: { id: root.id }, data: { isInstanceAdmin: true } });
    const claim = await db.ssoDomainClaim.findFirstOrThrow({ where: { domain: "c.test" } });
    await callerFor(root.id).sso.domainClaims.revoke({ id: claim.id });
    const { provider } = await attackerConnection("c.test");
    await expectRefusedAndUntouched(carol.userId, () => assertAs(provider, "carol@c.test"));
    await expectRefusedAndUntouched(carol.userId, () => assertAs(provider, "carol@c.test", "carol")); // C's subject, too
    expect(await db.membership.findMany({ where: { userId: carol.userId }, select: { dataspaceId: true } })).toEqual([{ dataspaceId: C.id }]);
  });

  it("never takes over the instance owner", async () => {
    const root = await seedUser({ email: "root@owner.test", password: "root-password" });
    await db.user.update({ where: { id: root.id }, data: { isInstanceAdmin: true } });
    const { provider } = await attackerConnection("owner.test");
    await expectRefusedAndUntouched(root.id, () => assertAs(provider, "root@owner.test"));
  });
});

describe("what an unproven connection can do with the addresses it asserts", () => {
  it("signs in only the users it created, who join only its dataspace", async () => {
    const { B, provider } = await attackerConnection("fresh.test");
    const first = await assertAs(provider, "nina@fresh.test", "nina");
    expect(first).toMatchObject({ ok: true, joinedDataspace: { slug: B.slug } });
    if (!first.ok) return;
    expect(await assertAs(provider, "nina@fresh.test", "nina")).toMatchObject({ ok: true, userId: first.userId });
    const nina = await footprintOf(first.userId);
    expect(nina.user.memberships).toEqual([{ dataspaceId: B.id, role: "MEMBER" }]);
    expect(nina.user.accounts).toEqual([{ provider, providerAccountId: "nina" }]);
    // A second subject asserting the same address is someone else, not nina.
    expect(await assertAs(provider, "nina@fresh.test", "not-nina")).toEqual({ ok: false, reason: "account_conflict" });
  });

  it("cannot get its users trusted elsewhere by email: GitHub, GitLab and instance OIDC refuse to link them", async () => {
    const { connection, provider } = await attackerConnection("squat.test");
    const planted = await assertAs(provider, "victor@squat.test", "planted");
    if (!planted.ok) throw new Error(planted.reason);
    expect((await db.user.findUniqueOrThrow({ where: { id: planted.userId } })).unprovenSsoConnectionId).toBe(connection.id);

    // The real victor signs in with an instance-wide provider later: he does not land in the planted account.
    for (const oauth of ["github", "gitlab", "oidc"]) {
      expect(await resolveSignIn({ provider: oauth, providerAccountId: `victor-${oauth}`, email: "victor@squat.test", emailVerified: true })).toEqual({
        ok: false,
        reason: "account_conflict",
      });
    }
    expect(await db.account.findMany({ where: { userId: planted.userId }, select: { provider: true } })).toEqual([{ provider }]);
  });

  it("has its users trusted once the domain is proven, and no longer once the claim is revoked", async () => {
    const { connection, provider } = await attackerConnection("earned.test");
    const user = await assertAs(provider, "omar@earned.test", "omar");
    if (!user.ok) throw new Error(user.reason);
    const root = await seedUser();
    await db.user.update({ where: { id: root.id }, data: { isInstanceAdmin: true } });
    const claim = await db.ssoDomainClaim.findFirstOrThrow({ where: { connectionId: connection.id } });
    await callerFor(root.id).sso.domainClaims.approve({ id: claim.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).unprovenSsoConnectionId).toBeNull();

    // Proven: a new user it creates is trusted from the start, and the operator's GitHub may link to it.
    const later = await assertAs(provider, "pia@earned.test", "pia");
    if (!later.ok) throw new Error(later.reason);
    expect((await db.user.findUniqueOrThrow({ where: { id: later.userId } })).unprovenSsoConnectionId).toBeNull();
    expect(await resolveSignIn({ provider: "github", providerAccountId: "pia-gh", email: "pia@earned.test", emailVerified: true })).toEqual({
      ok: true,
      userId: later.userId,
    });

    // Revoked: the domain leaves the connection; omar, who has no other way in, is its word again.
    await callerFor(root.id).sso.domainClaims.revoke({ id: claim.id });
    expect((await db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).allowedDomains).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).unprovenSsoConnectionId).toBe(connection.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: later.userId } })).unprovenSsoConnectionId).toBeNull(); // has GitHub too
    expect(await assertAs(provider, "omar@earned.test", "omar")).toEqual({ ok: false, reason: "domain_not_allowed" });
  });
});

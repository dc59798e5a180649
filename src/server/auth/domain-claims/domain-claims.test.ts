import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { addMember, callerFor, seedDataspace, seedUser } from "../../../../test/factories";
import { startFakeIssuer } from "../../../../test/fake-oidc-issuer";
import { startLocalDnsServer } from "../../../../test/local-dns-server";
import { resolveSignIn } from "../resolve-sign-in";

let idp: Awaited<ReturnType<typeof startFakeIssuer>>;
let dns: Awaited<ReturnType<typeof startLocalDnsServer>>;
beforeAll(async () => {
  process.env.SECRETS_KEY = `test:${randomBytes(32).toString("base64")}`;
  idp = await startFakeIssuer();
  dns = await startLocalDnsServer();
  process.env.DOMAIN_PROOF_DNS_SERVERS = dns.address; // "Check now" asks the local server
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.DOMAIN_PROOF_DNS_SERVERS;
  resetEnvCache();
  await Promise.all([idp.close(), dns.close()]);
});

const domain = () => `corp-${randomBytes(3).toString("hex")}.test`;

async function connectionClaiming(d: string) {
  const admin = await seedUser();
  const dataspace = await seedDataspace({ owner: admin });
  const caller = callerFor(admin.id);
  const connection = await caller.sso.create({
    dataspace: dataspace.slug,
    name: "Corp IdP",
    issuer: idp.issuer,
    clientId: "corp",
    clientSecret: "corp-secret",
    allowedDomains: [d],
  });
  const [listed] = await caller.sso.list({ dataspace: dataspace.slug });
  return { admin, dataspace, caller, connection, claim: listed.domainClaims[0] };
}

async function instanceAdmin() {
  const root = await seedUser({ name: "Instance admin" });
  await db.user.update({ where: { id: root.id }, data: { isInstanceAdmin: true } });
  return callerFor(root.id);
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : `unexpected ${String(error)}`),
  );

describe("a domain claim", () => {
  it("starts pending, with a TXT record of its own to publish", async () => {
    const d = domain();
    const { claim } = await connectionClaiming(d);
    expect(claim).toMatchObject({ domain: d, status: "pending", provenAt: null, txtRecord: { name: `_switchboard-challenge.${d}` } });
    expect(claim.txtRecord.value).toMatch(/^switchboard-verify=[A-Za-z0-9_-]{20,}$/);
    const other = await connectionClaiming(domain());
    expect(other.claim.txtRecord.value).not.toBe(claim.txtRecord.value);
  });

  it("is proven by \"Check now\" once the record is published, and not before or with another token", async () => {
    const d = domain();
    const { dataspace, caller, claim } = await connectionClaiming(d);
    const check = () => caller.sso.checkDomain({ dataspace: dataspace.slug, id: claim.id });

    expect(await check()).toMatchObject({ status: "pending", lastCheckProblem: `No TXT record found at _switchboard-challenge.${d}` });
    dns.setTxt(`_switchboard-challenge.${d}`, [["switchboard-verify=a-token-of-another-claim"]]);
    expect(await check()).toMatchObject({ status: "pending", lastCheckProblem: expect.stringMatching(/has a different token/) });

    dns.setTxt(`_switchboard-challenge.${d}`, [[claim.txtRecord.value]]);
    expect(await check()).toMatchObject({ status: "proven", provenBy: "dns", lastCheckProblem: null });
    const [listed] = await caller.sso.list({ dataspace: dataspace.slug });
    expect(listed.domainClaims).toMatchObject([{ domain: d, status: "proven", provenBy: "dns" }]);
  });

  it("is checked by the dataspace's admins only", async () => {
    const { dataspace, claim } = await connectionClaiming(domain());
    const member = await seedUser();
    await addMember(dataspace, member, "MEMBER");
    expect(await codeOf(callerFor(member.id).sso.checkDomain({ dataspace: dataspace.slug, id: claim.id }))).toBe("FORBIDDEN");
    const stranger = await connectionClaiming(domain());
    expect(await codeOf(stranger.caller.sso.checkDomain({ dataspace: stranger.dataspace.slug, id: claim.id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.caller.sso.checkDomain({ dataspace: dataspace.slug, id: claim.id }))).toBe("NOT_FOUND");
  });

  it("is approved or revoked by an instance admin, and by nobody else", async () => {
    const d = domain();
    const { dataspace, caller, connection, claim } = await connectionClaiming(d);
    // The dataspace's own owner is not an instance admin: they cannot vouch for their own claim.
    for (const who of [caller, callerFor((await seedUser()).id)]) {
      expect(await codeOf(who.sso.domainClaims.list())).toBe("FORBIDDEN");
      expect(await codeOf(who.sso.domainClaims.approve({ id: claim.id }))).toBe("FORBIDDEN");
      expect(await codeOf(who.sso.domainClaims.revoke({ id: claim.id }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(callerFor(null).sso.domainClaims.approve({ id: claim.id }))).toBe("UNAUTHORIZED");
    expect((await db.ssoDomainClaim.findUniqueOrThrow({ where: { id: claim.id } })).provenAt).toBeNull();

    const root = await instanceAdmin();
    const pending = (await root.sso.domainClaims.list()).find((c) => c.id === claim.id);
    expect(pending).toMatchObject({ status: "pending", dataspace: { slug: dataspace.slug }, connection: { name: "Corp IdP" } });
    expect(await root.sso.domainClaims.approve({ id: claim.id })).toMatchObject({ status: "proven", provenBy: "instance_admin" });
    expect(await codeOf(root.sso.domainClaims.approve({ id: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");

    // Revoking frees the domain: it leaves the connection, and another dataspace may claim it.
    await root.sso.domainClaims.revoke({ id: claim.id });
    const [listed] = await caller.sso.list({ dataspace: dataspace.slug });
    expect(listed).toMatchObject({ id: connection.id, allowedDomains: [], domainClaims: [] });
    const next = await connectionClaiming(d);
    expect(next.claim).toMatchObject({ domain: d, status: "pending" });
  });

  it("holds its domain for one connection instance-wide, even while that connection is disabled", async () => {
    const d = domain();
    const { dataspace, caller, connection } = await connectionClaiming(d);
    await caller.sso.update({ dataspace: dataspace.slug, id: connection.id, enabled: false });
    await expect(connectionClaiming(d)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("loses its proof when the domain is removed from the connection, and starts over when it is added back", async () => {
    const d = domain();
    const { dataspace, caller, connection, claim } = await connectionClaiming(d);
    await (await instanceAdmin()).sso.domainClaims.approve({ id: claim.id });
    await caller.sso.update({ dataspace: dataspace.slug, id: connection.id, allowedDomains: [domain()] });
    await caller.sso.update({ dataspace: dataspace.slug, id: connection.id, allowedDomains: [d] });
    const [listed] = await caller.sso.list({ dataspace: dataspace.slug });
    expect(listed.domainClaims).toMatchObject([{ domain: d, status: "pending" }]);
    expect(listed.domainClaims[0].txtRecord.value).not.toBe(claim.txtRecord.value);
  });

  it("once proven by DNS, makes the users the connection creates there trusted", async () => {
    const d = domain();
    const { dataspace, caller, connection, claim } = await connectionClaiming(d);
    const provider = `sso-${connection.id}`;
    const early = await resolveSignIn({ provider, providerAccountId: "early", email: `early@${d}` });
    if (!early.ok) throw new Error(early.reason);
    expect((await db.user.findUniqueOrThrow({ where: { id: early.userId } })).unprovenSsoConnectionId).toBe(connection.id);

    dns.setTxt(`_switchboard-challenge.${d}`, [[claim.txtRecord.value]]);
    await caller.sso.checkDomain({ dataspace: dataspace.slug, id: claim.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: early.userId } })).unprovenSsoConnectionId).toBeNull();
  });
});

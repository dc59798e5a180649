import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { addMember, callerFor, seedDataspace, seedUser } from "../../../test/factories";
import { startFakeIssuer } from "../../../test/fake-oidc-issuer";
import { findSsoConnectionForEmail, loadSsoConnectionForSignIn } from "./sso-connections";

const SECRET = "idp-client-secret-0123456789-WXYZ";

// Only the identity provider's discovery document matters when saving a connection.
let idp: Awaited<ReturnType<typeof startFakeIssuer>>;
let issuer: string;
beforeAll(async () => {
  process.env.SECRETS_KEY = `test:${randomBytes(32).toString("base64")}`;
  resetEnvCache();
  idp = await startFakeIssuer();
  issuer = idp.issuer;
});
afterAll(() => idp.close());

async function adminOfNewDataspace() {
  const admin = await seedUser();
  const dataspace = await seedDataspace({ owner: admin });
  return { admin, dataspace, caller: callerFor(admin.id) };
}

const domain = () => `corp-${randomBytes(3).toString("hex")}.test`;
const connectionInput = (slug: string, overrides: Record<string, unknown> = {}) => ({
  dataspace: slug,
  name: "Acme IdP",
  issuer,
  clientId: "switchboard",
  clientSecret: SECRET,
  allowedDomains: `${domain()}, @Other-${randomBytes(3).toString("hex")}.test`,
  ...overrides,
});

async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}
const fieldErrorsOf = (error: TRPCError) => (error.cause as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};

describe("SSO connections", () => {
  it("stores the client secret encrypted and only ever returns it masked", async () => {
    const { dataspace, caller } = await adminOfNewDataspace();
    const created = await caller.sso.create(connectionInput(dataspace.slug));
    expect(created.clientSecret).toBe("***WXYZ");
    expect(created.redirectUri).toMatch(new RegExp(`/api/auth/callback/sso-${created.id}$`));
    expect(created.allowedDomains).toHaveLength(2);
    expect(created.allowedDomains[1]).toMatch(/^other-/); // "@" stripped, lower-cased

    const row = await db.ssoConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.clientSecretEncrypted).toMatch(/^v1:test:/);
    expect(row.clientSecretEncrypted).not.toContain(SECRET);

    const updated = await caller.sso.update({ dataspace: dataspace.slug, id: created.id, name: "Renamed", clientSecret: "" });
    const listed = await caller.sso.list({ dataspace: dataspace.slug });
    for (const output of [created, updated, listed]) expect(JSON.stringify(output)).not.toContain(SECRET);
    expect(listed).toMatchObject([{ name: "Renamed", clientSecret: "***WXYZ" }]);

    // Sign-in is the one place the secret is decrypted; an empty update kept it.
    expect((await loadSsoConnectionForSignIn(created.id))?.clientSecret).toBe(SECRET);
    await caller.sso.update({ dataspace: dataspace.slug, id: created.id, clientSecret: "a-brand-new-secret-value-ABCD" });
    expect((await loadSsoConnectionForSignIn(created.id))?.clientSecret).toBe("a-brand-new-secret-value-ABCD");
  });

  it("is for admins only, and invisible to other dataspaces", async () => {
    const { dataspace, caller } = await adminOfNewDataspace();
    const created = await caller.sso.create(connectionInput(dataspace.slug));
    const member = await seedUser();
    await addMember(dataspace, member, "MEMBER");
    expect((await trpcError(callerFor(member.id).sso.list({ dataspace: dataspace.slug }))).code).toBe("FORBIDDEN");

    const other = await adminOfNewDataspace();
    expect((await trpcError(other.caller.sso.list({ dataspace: dataspace.slug }))).code).toBe("NOT_FOUND");
    const foreignDelete = other.caller.sso.delete({ dataspace: other.dataspace.slug, id: created.id });
    expect((await trpcError(foreignDelete)).code).toBe("NOT_FOUND");
    expect(await db.ssoConnection.count({ where: { id: created.id } })).toBe(1);
  });

  it("checks the issuer on save and reports problems on the issuer field", async () => {
    const { dataspace, caller } = await adminOfNewDataspace();
    const insecure = await trpcError(caller.sso.create(connectionInput(dataspace.slug, { issuer: "http://idp.example.com" })));
    expect(insecure.code).toBe("BAD_REQUEST");

    const unreachable = await trpcError(caller.sso.create(connectionInput(dataspace.slug, { issuer: "http://127.0.0.1:9" })));
    expect(fieldErrorsOf(unreachable).issuer?.[0]).toMatch(/Could not load http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration/);

    const missing = await trpcError(caller.sso.create(connectionInput(dataspace.slug, { issuer: `${issuer}/nothing-here` })));
    expect(fieldErrorsOf(missing).issuer?.[0]).toMatch(/HTTP 404/);

    const broken = await trpcError(caller.sso.create(connectionInput(dataspace.slug, { issuer: `${issuer}/broken` })));
    expect(fieldErrorsOf(broken).issuer?.[0]).toMatch(/not a valid OpenID configuration.*authorization_endpoint/);
    expect(await db.ssoConnection.count({ where: { dataspace: { slug: dataspace.slug } } })).toBe(0);
  });

  it("refuses public mail domains and domains another connection already claims", async () => {
    const { dataspace, caller } = await adminOfNewDataspace();
    const gmail = await trpcError(caller.sso.create(connectionInput(dataspace.slug, { allowedDomains: ["gmail.com"] })));
    expect(gmail.code).toBe("BAD_REQUEST");

    const shared = domain();
    await caller.sso.create(connectionInput(dataspace.slug, { allowedDomains: [shared] }));
    const other = await adminOfNewDataspace();
    const clash = await trpcError(other.caller.sso.create(connectionInput(other.dataspace.slug, { allowedDomains: [shared] })));
    expect(clash.code).toBe("CONFLICT");
    expect(fieldErrorsOf(clash).allowedDomains?.[0]).toBe(`${shared} already signs in through another SSO connection`);
  });

  it("finds the enabled connection for an email's domain", async () => {
    const { dataspace, caller } = await adminOfNewDataspace();
    const d = domain();
    const created = await caller.sso.create(connectionInput(dataspace.slug, { allowedDomains: [d] }));
    expect(await findSsoConnectionForEmail(`someone@${d.toUpperCase()}`)).toEqual({ id: created.id, name: "Acme IdP" });
    expect(await findSsoConnectionForEmail(`someone@sub.${d}`)).toBeNull();

    await caller.sso.update({ dataspace: dataspace.slug, id: created.id, enabled: false });
    expect(await findSsoConnectionForEmail(`someone@${d}`)).toBeNull();
    expect(await loadSsoConnectionForSignIn(created.id)).toBeNull();

    await caller.sso.delete({ dataspace: dataspace.slug, id: created.id });
    expect(await caller.sso.list({ dataspace: dataspace.slug })).toEqual([]);
  });
});

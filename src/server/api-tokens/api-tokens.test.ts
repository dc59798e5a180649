import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { changeMemberRole, removeMember } from "@/server/dataspaces/members";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../../../test/api-token-fixtures";
import { addMember, callerFor, seedDataspace, seedRequest, seedUser, tenantFor, type SeededDataspace } from "../../../test/factories";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken, revokeApiToken } from "./manage-api-tokens";

/**
 * API tokens as an admin makes them in the dashboard and as the REST API checks them: shown once,
 * stored as a hash, refused when unknown, revoked, expired or orphaned, never above the creator.
 */
describe("API tokens", () => {
  let owner: { id: string };
  let dataspace: SeededDataspace;
  let ownerCtx: TenantContext;
  const api = () => callerFor(owner.id).apiToken;

  beforeAll(async () => {
    owner = await seedUser({ name: "Token owner" });
    dataspace = await seedDataspace({ owner });
    ownerCtx = await tenantFor(owner.id, dataspace.slug);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Moves the clock `ms` ahead (the database is untouched; only this process's idea of now). */
  const later = (ms: number) => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
  };

  it("shows a new token once, `sb_`-prefixed, and keeps only its SHA-256 and a short prefix", async () => {
    const created = await api().create({ dataspace: dataspace.slug, name: "  CI pipeline  ", scopes: ["requests:write", "events:read"] });
    expect(created.token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({
      name: "CI pipeline",
      prefix: created.token.slice(0, 9),
      scopes: ["requests:write", "events:read"],
      createdBy: { id: owner.id, name: "Token owner" },
      expiresAt: null,
      lastUsedAt: null,
      status: "active",
    });

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.apiToken.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
    const listed = await api().list({ dataspace: dataspace.slug });
    expect(listed.map((t) => t.id)).toContain(created.apiToken.id);
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(3));
  });

  it("refuses a bad name, unknown scopes (naming them) and an expiry outside the next year, writing nothing", async () => {
    const before = await db.apiToken.count();
    const attempt = (input: { name: string; scopes: string[]; expiresAt?: Date | null }) =>
      api().create({ dataspace: dataspace.slug, ...input }).then(
        () => ({}),
        (error: { cause?: { fieldErrors?: Record<string, string[]> } }) => error.cause?.fieldErrors ?? {},
      );
    expect(await attempt({ name: " ", scopes: ["read"] })).toEqual({ name: ["Give the token a name"] });
    expect(await attempt({ name: "x".repeat(101), scopes: ["read"] })).toEqual({ name: ["At most 100 characters"] });
    expect(await attempt({ name: "No scopes", scopes: [] })).toEqual({ scopes: ["Choose at least one scope"] });
    expect(await attempt({ name: "Odd", scopes: ["read", "requests:delete", "everything"] })).toEqual({
      scopes: ['Unknown scopes: "requests:delete", "everything"'],
    });
    expect(await attempt({ name: "Past", scopes: ["read"], expiresAt: new Date(Date.now() - 1000) })).toEqual({
      expiresAt: ["The expiry must be in the future"],
    });
    expect(await attempt({ name: "Forever-ish", scopes: ["read"], expiresAt: new Date(Date.now() + 400 * 86_400_000) })).toEqual({
      expiresAt: ["At most 366 days from now"],
    });
    expect(await db.apiToken.count()).toBe(before);
  });

  it("authenticates a token as its creator in its own dataspace only, with the role its scopes allow", async () => {
    const other = await seedUser();
    const otherCtx = await tenantFor(other.id, (await seedDataspace({ owner: other })).slug);
    await seedRequest(otherCtx, { title: "Another team's request" });
    const mine = await seedRequest(ownerCtx, { title: "Our request" });

    const token = await seedApiToken(ownerCtx, ["admin"]);
    const principal = await authenticateApiToken(token);
    expect(principal).toMatchObject({
      scopes: ["admin"],
      tenant: { dataspace: { id: dataspace.id, slug: dataspace.slug }, actor: { userId: owner.id, role: "ADMIN" } },
    });
    const visible = await principal!.tenant.db.request.findMany({ select: { id: true } });
    expect(visible.map((r) => r.id)).toContain(mine.id);
    expect(await principal!.tenant.db.request.count({ where: { title: "Another team's request" } })).toBe(0);

    expect((await authenticateApiToken(`Bearer ${token}`))?.tokenId).toBe(principal!.tokenId);
    expect((await authenticateApiToken(await seedApiToken(ownerCtx, ["read"])))?.tenant.actor.role).toBe("VIEWER");
    expect((await authenticateApiToken(await seedApiToken(ownerCtx, ["requests:write"])))?.tenant.actor.role).toBe("MEMBER");
  });

  it("refuses unknown, malformed and tampered tokens", async () => {
    const token = await seedApiToken(ownerCtx);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const bearer of [flipped, `sb_${"x".repeat(43)}`, token.slice(0, -1), `${token}x`, "", "Bearer ", token.replace("sb_", "sk_"), token.toUpperCase()]) {
      expect(await authenticateApiToken(bearer), bearer).toBeNull();
    }
  });

  it("stops a revoked token at once, even right after it was used", async () => {
    const { token, apiToken } = await createApiToken(ownerCtx, { name: "Doomed", scopes: ["read"] });
    expect(await authenticateApiToken(token)).not.toBeNull();
    const revoked = await revokeApiToken(ownerCtx, apiToken.id);
    expect(revoked.status).toBe("revoked");
    expect(await authenticateApiToken(token)).toBeNull();
    // Revoking again changes nothing.
    expect((await api().revoke({ dataspace: dataspace.slug, id: apiToken.id })).revokedAt).toEqual(revoked.revokedAt);
  });

  it("stops a token when it expires", async () => {
    const { token, apiToken } = await createApiToken(ownerCtx, { name: "Short-lived", scopes: ["read"], expiresAt: new Date(Date.now() + 3_600_000) });
    expect(apiToken.expiresAt).not.toBeNull();
    expect(await authenticateApiToken(token)).not.toBeNull();
    later(3_600_000 + 1000);
    expect(await authenticateApiToken(token)).toBeNull();
    const listed = await api().list({ dataspace: dataspace.slug });
    expect(listed.find((t) => t.id === apiToken.id)?.status).toBe("expired");
  });

  it("stops working within seconds once its creator leaves the dataspace, and acts with a lowered role once they are demoted", async () => {
    const admin = await seedUser();
    const leaver = await seedUser();
    await addMember(dataspace, admin, "ADMIN");
    await addMember(dataspace, leaver, "ADMIN");
    const adminToken = await seedApiToken(await tenantFor(admin.id, dataspace.slug), ["admin"]);
    const leaverToken = await seedApiToken(await tenantFor(leaver.id, dataspace.slug), ["write"]);
    expect((await authenticateApiToken(adminToken))?.tenant.actor.role).toBe("ADMIN");
    expect((await authenticateApiToken(leaverToken))?.tenant.actor.role).toBe("MEMBER");

    await changeMemberRole(ownerCtx, { userId: admin.id, role: "VIEWER" });
    await removeMember(ownerCtx, { userId: leaver.id });
    later(6_000); // past the few seconds a lookup is cached
    expect((await authenticateApiToken(adminToken))?.tenant.actor.role).toBe("VIEWER");
    expect(await authenticateApiToken(leaverToken)).toBeNull();
  });

  it("records the last use, but not on every request", async () => {
    const { token, apiToken } = await createApiToken(ownerCtx, { name: "Busy", scopes: ["read"] });
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await authenticateApiToken(token);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    later(10_000); // a new lookup (the cache expired), still within the minute
    await authenticateApiToken(token);
    await authenticateApiToken(token);
    expect(await lastUsed()).toEqual(first);

    later(61_000);
    await authenticateApiToken(token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(first!.getTime());
    const listed = await api().list({ dataspace: dataspace.slug });
    expect(listed.find((t) => t.id === apiToken.id)?.lastUsedAt).toEqual(await lastUsed());
  });
});

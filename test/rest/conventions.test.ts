import { beforeAll, describe, expect, it } from "vitest";
import { revokeApiToken, listApiTokens } from "@/server/api-tokens/manage-api-tokens";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { apiAs, call } from "./api";

/** The conventions every route shares: auth, scopes, problem details, pagination. */
let ctx: TenantContext;
let admin: ReturnType<typeof apiAs>;
let adminToken: string;

beforeAll(async () => {
  const owner = await seedUser();
  const space = await seedDataspace({ owner, name: "Conventions" });
  ctx = await tenantFor(owner.id, space.slug);
  adminToken = await seedApiToken(ctx, ["admin"]);
  admin = apiAs(adminToken);
});

const problemShape = (status: number, type: string) => ({
  type: `urn:switchboard:problem:${type}`,
  title: expect.any(String),
  status,
  detail: expect.any(String),
});

describe("authentication and scopes", () => {
  it("answers 401 with a Bearer challenge for no token, a malformed one, an unknown one and a revoked one", async () => {
    const revocable = await seedApiToken(ctx, ["read"]);
    expect((await apiAs(revocable).get("/requests")).status).toBe(200);
    const [listed] = (await listApiTokens(ctx)).filter((t) => revocable.startsWith(t.prefix));
    await revokeApiToken(ctx, listed.id);

    for (const token of [null, "not-a-token", `sb_${"x".repeat(43)}`, revocable]) {
      const answer = await call("GET", "/requests", { token });
      expect(answer.status, String(token)).toBe(401);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="Switchboard API"/);
      expect(answer.body).toEqual(problemShape(401, "unauthenticated"));
    }
  });

  it("a read token cannot write: 403 naming the missing scope, and nothing is written", async () => {
    const reader = apiAs(await seedApiToken(ctx, ["read"]));
    const before = await db.request.count({ where: { dataspaceId: ctx.dataspace.id } });
    const refused = await reader.post("/requests", { title: "Sneaky" });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(problemShape(403, "missing-scope"));
    expect(refused.body.detail).toContain("requests:write");
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id } })).toBe(before);
    expect((await reader.get("/requests")).status).toBe(200);
  });

  it("scopes are per resource: requests:write does not read events, events need admin", async () => {
    const writer = apiAs(await seedApiToken(ctx, ["requests:write"]));
    expect((await writer.post("/requests", { title: "Allowed" })).status).toBe(201);
    const events = await writer.get("/events");
    expect(events.status).toBe(403);
    expect(events.body.detail).toContain("events:admin");
    expect((await apiAs(await seedApiToken(ctx, ["events:admin"])).get("/events")).status).toBe(200);
  });

  it("a token acts with its creator's current role: a creator demoted to viewer can no longer write", async () => {
    const member = await seedUser();
    await addMember(ctx.dataspace, member, "MEMBER");
    const token = await seedApiToken(await tenantFor(member.id, ctx.dataspace.slug), ["write"]);
    expect((await apiAs(token).post("/requests", { title: "While a member" })).status).toBe(201);
    await db.membership.updateMany({ where: { dataspaceId: ctx.dataspace.id, userId: member.id }, data: { role: "VIEWER" } });
    const { clearApiTokenCache } = await import("@/server/api-tokens/token-cache");
    clearApiTokenCache(); // what the cache's few seconds would do
    const refused = await apiAs(token).post("/requests", { title: "As a viewer" });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("urn:switchboard:problem:forbidden");
  });
});

describe("problem details", () => {
  it("unknown paths are 404, wrong methods 405 with Allow", async () => {
    const unknown = await admin.get("/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(problemShape(404, "not-found"));
    const wrong = await admin.call("DELETE", "/requests");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
    expect(wrong.body).toEqual(problemShape(405, "method-not-allowed"));
    expect((await admin.get("/requests/not-a-uuid")).status).toBe(404);
    expect((await admin.get(`/requests/${crypto.randomUUID()}`)).body).toEqual(problemShape(404, "not-found"));
  });

  it("bodies: 415 when not JSON, 400 when malformed, 413 when too large, 422 with each invalid field", async () => {
    const form = await admin.call("POST", "/requests", { rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect(form.body).toEqual(problemShape(415, "unsupported-media-type"));
    const broken = await admin.call("POST", "/requests", { rawBody: '{"title": ', headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/not valid JSON/);
    const huge = await admin.post("/requests", { title: "Big", notes: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    const invalid = await admin.post("/requests", { title: 42, priority: "whenever", is_private: "yes" });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toEqual({ ...problemShape(422, "validation-error"), errors: expect.any(Array) });
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["is_private", "priority", "title"]);
    for (const error of invalid.body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it("queries: unknown parameters and out-of-range limits are 422 naming the parameter; a forged cursor is refused", async () => {
    const typo = await admin.get("/requests?stauts=open");
    expect(typo.status).toBe(422);
    expect(typo.body.errors).toEqual([{ field: "stauts", message: expect.stringContaining("status") }]);
    for (const limit of ["0", "101", "ten"]) {
      const answer = await admin.get(`/requests?limit=${limit}`);
      expect(answer.status, limit).toBe(422);
      expect(answer.body.errors[0].field).toBe("limit");
    }
    const forged = await admin.get("/requests?cursor=bm90LWEtY3Vyc29y");
    expect([400, 422]).toContain(forged.status);
    expect(forged.body.detail).toMatch(/cursor/i);
  });
});

describe("pagination", () => {
  it("walks every request exactly once with limit and next, newest first", async () => {
    const space = await seedDataspace({ owner: { id: ctx.actor.userId } });
    const local = await tenantFor(ctx.actor.userId, space.slug);
    const made = [];
    for (let i = 0; i < 7; i++) made.push((await seedRequest(local, { title: `Paged ${i}` })).id);
    const api = apiAs(await seedApiToken(local, ["read"]));
    const seen: string[] = [];
    let path: string | null = "/requests?limit=3";
    let pages = 0;
    while (path) {
      const page = await api.get(path);
      expect(page.status).toBe(200);
      seen.push(...page.body.results.map((r: { uuid: string }) => r.uuid));
      pages++;
      path = page.body.next ? page.body.next.replace("http://api.test/api/v1", "") : null;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
    expect((await api.get("/requests")).body.results).toHaveLength(7); // default limit 50
  });
});

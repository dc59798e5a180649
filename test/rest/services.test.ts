import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../factories";
import { apiAs } from "./api";

/** The services resource: what a client (a deploy script, a status bot) reads and writes through /api/v1. */
describe("REST services", () => {
  let owner: SeededUser;
  let member: SeededUser;
  let stranger: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    member = await seedUser({ name: "Max Member" });
    stranger = await seedUser({ name: "Sam Stranger" });
    space = await seedDataspace({ owner, name: "Platform team" });
    await seedDataspace({ owner: stranger });
    await addMember(space, member, "MEMBER");
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["services:admin"]));
  });

  const lastEvent = (type: string) => db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type }, orderBy: { seq: "desc" } });

  it("creates a service with its owner named by email, publishes service.created and reads it back", async () => {
    const created = await api.post("/services", { name: "Checkout API", description: "Takes payments", group: "API", owner: member.email.toUpperCase() });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toEqual({
      api_url: `/api/v1/services/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/services/${uuid}$`)),
      uuid,
      name: "Checkout API",
      description: "Takes payments",
      group: "API",
      status: "operational",
      owner: member.email,
      created_date: expect.any(String),
      last_modified_date: expect.any(String),
      dataspace: "Platform team",
    });
    expect(created.headers.get("location")).toBe(`http://api.test/api/v1/services/${uuid}`);
    expect((await lastEvent("service.created")).data).toEqual(created.body);
    const read = await api.get(`/services/${uuid}`);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get("etag")).toBe(created.headers.get("etag"));
  });

  it("answers a duplicate name with a 409 that names the field, and a stranger as owner with a 422", async () => {
    expect((await api.post("/services", { name: "Search" })).status).toBe(201);
    const duplicate = await api.post("/services", { name: "search" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ type: "urn:switchboard:problem:conflict", detail: expect.stringContaining("“Search” already exists"), errors: [{ field: "name", message: expect.any(String) }] });
    const stranger_ = await api.post("/services", { name: "Owned by a stranger", owner: stranger.email });
    expect(stranger_.status).toBe(422);
    expect(stranger_.body.errors).toEqual([{ field: "owner", message: `${stranger.email} is not a member of this dataspace` }]);
    const unknownField = await api.post("/services", { name: "Typo", colour: "red" });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.errors).toEqual([{ field: "colour", message: "Unknown field" }]);
  });

  it("changes the status through PATCH: one service.status_changed with a manual cause, and If-Match guards it", async () => {
    const service = (await api.post("/services", { name: "Web app", group: "Web" })).body;
    const read = await api.get(`/services/${service.uuid}`);
    const seqBefore = (await lastEvent("service.created")).seq;
    const patched = await api.patch(`/services/${service.uuid}`, { status: "major_outage", owner: null }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: "major_outage", owner: null, name: "Web app" });
    const events = await db.event.findMany({ where: { dataspaceId: space.id, seq: { gt: seqBefore } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["service.status_changed"]);
    expect(events[0].data).toMatchObject({ previous_status: "operational", status: "major_outage", cause: { type: "manual", uuid: null } });
    // The ETag read before the change no longer matches.
    const stale = await api.patch(`/services/${service.uuid}`, { status: "operational" }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(stale.status).toBe(412);
    expect((await api.get(`/services/${service.uuid}`)).body.status).toBe("major_outage");
  });

  it("lists by group then name, filters, and pages with next links", async () => {
    const listing = await seedDataspace({ owner });
    const listApi = apiAs(await seedApiToken(await tenantFor(owner.id, listing.slug), ["services:read", "services:write"]));
    for (const body of [{ name: "Zeta", group: "API" }, { name: "Alpha", group: "API" }, { name: "Loner" }, { name: "Beta", group: "Web", status: "partial_outage" }]) {
      expect((await listApi.post("/services", body)).status).toBe(201);
    }
    const names: string[] = [];
    let path: string | null = "/services?limit=1";
    while (path) {
      const page = await listApi.get(path);
      expect(page.status).toBe(200);
      names.push(...page.body.results.map((s: { name: string }) => s.name));
      path = page.body.next ? new URL(page.body.next).pathname.replace("/api/v1", "") + new URL(page.body.next).search : null;
    }
    expect(names).toEqual(["Alpha", "Zeta", "Beta", "Loner"]);
    expect((await listApi.get("/services?group=API")).body.results.map((s: { name: string }) => s.name)).toEqual(["Alpha", "Zeta"]);
    expect((await listApi.get("/services?status=partial_outage,major_outage")).body.results.map((s: { name: string }) => s.name)).toEqual(["Beta"]);
    expect((await listApi.get("/services?q=et")).body.results.map((s: { name: string }) => s.name)).toEqual(["Zeta", "Beta"]);
    expect((await listApi.get("/services?status=down")).status).toBe(422);
    expect((await listApi.get("/services?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
  });

  it("deletes only with services:admin and an admin's token", async () => {
    const service = (await api.post("/services", { name: "Doomed" })).body;
    const writer = apiAs(await seedApiToken(ctx, ["services:write"]));
    expect((await writer.call("DELETE", `/services/${service.uuid}`)).status).toBe(403);
    const memberCtx = await tenantFor(member.id, space.slug);
    const memberAdminToken = apiAs(await seedApiToken(memberCtx, ["services:admin"]));
    const refused = await memberAdminToken.call("DELETE", `/services/${service.uuid}`);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("urn:switchboard:problem:forbidden");
    expect((await api.call("DELETE", `/services/${service.uuid}`)).status).toBe(204);
    expect((await lastEvent("service.deleted")).data).toMatchObject({ uuid: service.uuid, name: "Doomed" });
    expect((await api.get(`/services/${service.uuid}`)).status).toBe(404);
  });

  it("refuses NUL bytes and lone surrogates in any field, naming it", async () => {
    const nul = await api.post("/services", { name: "Bad\u0000name" });
    expect(nul.status).toBe(422);
    expect(nul.body.errors[0].field).toBe("name");
    const surrogate = await api.post("/services", { name: "ok", group: "\ud800" });
    expect(surrogate.status).toBe(422);
    expect(surrogate.body.errors[0].field).toBe("group");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../factories";
import { apiAs } from "./api";

/** Custom event types and publishing them: what an automation registers and sends through /api/v1. */
const deploySchema = {
  type: "object",
  required: ["service", "build"],
  properties: {
    service: { type: "string", minLength: 1 },
    build: { type: "object", required: ["number"], properties: { number: { type: "integer" }, url: { type: "string" } }, additionalProperties: false },
  },
};

describe("REST custom event types and POST /events", () => {
  let owner: SeededUser;
  let member: SeededUser;
  let viewer: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;
  let admin: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    member = await seedUser({ name: "Max Member" });
    viewer = await seedUser({ name: "Vera Viewer" });
    space = await seedDataspace({ owner, name: "Platform team" });
    await addMember(space, member, "MEMBER");
    await addMember(space, viewer, "VIEWER");
    ctx = await tenantFor(owner.id, space.slug);
    admin = apiAs(await seedApiToken(ctx, ["events:admin"]));
  });

  it("registers a type, reads, lists, updates and deletes it", async () => {
    const created = await admin.post("/event-types", { name: "custom.deploy.finished", description: "A deploy finished", schema: deploySchema });
    expect(created.status, created.text).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toEqual({
      api_url: `/api/v1/event-types/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/events/types#type-${uuid}$`)),
      uuid,
      name: "custom.deploy.finished",
      description: "A deploy finished",
      schema: deploySchema,
      created_date: expect.any(String),
      last_modified_date: expect.any(String),
    });
    expect(created.headers.get("location")).toMatch(new RegExp(`/api/v1/event-types/${uuid}$`));

    const read = apiAs(await seedApiToken(ctx, ["events:read"]));
    const got = await read.get(`/event-types/${uuid}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    expect((await read.get("/event-types")).body.results.map((t: { name: string }) => t.name)).toEqual(["custom.deploy.finished"]);

    // If-Match guards a change; a stale ETag is refused and nothing changes.
    const stale = await admin.patch(`/event-types/${uuid}`, { description: "Stale" }, { headers: { "if-match": '"stale"' } });
    expect(stale.status).toBe(412);
    const patched = await admin.patch(`/event-types/${uuid}`, { description: "Deploy done" }, { headers: { "if-match": got.headers.get("etag")! } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ name: "custom.deploy.finished", description: "Deploy done", schema: deploySchema });

    const renamed = await admin.patch(`/event-types/${uuid}`, { name: "custom.other" });
    expect(renamed.status).toBe(422);
    expect(renamed.body.errors).toContainEqual({ field: "name", message: "Unknown field" });

    const throwaway = await admin.post("/event-types", { name: "custom.throwaway", schema: { type: "object" } });
    expect((await admin.call("DELETE", `/event-types/${throwaway.body.uuid}`)).status).toBe(204);
    expect((await admin.get(`/event-types/${throwaway.body.uuid}`)).status).toBe(404);
    expect((await admin.call("DELETE", `/event-types/${throwaway.body.uuid}`)).status).toBe(404);
  });

  it("refuses bad names, bad schemas and duplicates with problem+json naming the field", async () => {
    const badName = await admin.post("/event-types", { name: "deploy.finished", schema: { type: "object" } });
    expect(badName.status).toBe(422);
    expect(badName.headers.get("content-type")).toBe("application/problem+json");
    expect(badName.body.errors).toEqual([{ field: "name", message: expect.stringMatching(/custom\.<name>/) }]);

    const remote = await admin.post("/event-types", { name: "custom.remote", schema: { type: "object", properties: { x: { $ref: "https://evil.example/schema.json" } } } });
    expect(remote.status).toBe(422);
    expect(remote.body.errors).toEqual([{ field: "schema", message: expect.stringMatching(/^\/properties\/x\/\$ref: only references inside this schema/) }]);

    const invalid = await admin.post("/event-types", { name: "custom.invalid", schema: { type: "objekt" } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0].field).toBe("schema");

    const notAnObject = await admin.post("/event-types", { name: "custom.array", schema: [1] });
    expect(notAnObject.status).toBe(422);
    expect(notAnObject.body.errors[0].field).toBe("schema");

    await admin.post("/event-types", { name: "custom.twice", schema: { type: "object" } });
    const twice = await admin.post("/event-types", { name: "custom.twice", schema: { type: "object" } });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toEqual([{ field: "name", message: "custom.twice is already registered in this dataspace" }]);
    expect(await db.customEventType.count({ where: { dataspaceId: space.id, name: { in: ["custom.remote", "custom.invalid", "custom.array"] } } })).toBe(0);
  });

  it("publishes a registered type: 201 with the event as GET /events/{uuid} shows it", async () => {
    await admin.post("/event-types", { name: "custom.build.passed", schema: deploySchema });
    const publisher = apiAs(await seedApiToken(await tenantFor(member.id, space.slug), ["events:write"]));
    const data = { service: "payments-api", build: { number: 812, url: "https://ci.example.test/812" } };
    const published = await publisher.post("/events", { type: "custom.build.passed", data });
    expect(published.status, published.text).toBe(201);
    const uuid = published.body.uuid as string;
    expect(published.body).toEqual({
      api_url: `/api/v1/events/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/events#event-${uuid}$`)),
      uuid,
      type: "custom.build.passed",
      created_date: expect.any(String),
      data,
      source: { kind: "user", uuid: member.id },
      summary: "service: payments-api",
    });
    expect(published.headers.get("location")).toMatch(new RegExp(`/api/v1/events/${uuid}$`));
    const shown = await admin.get(`/events/${uuid}`);
    expect(shown.body).toEqual(published.body);
    expect(await db.event.findUniqueOrThrow({ where: { id: uuid } })).toMatchObject({ dataspaceId: space.id, actorId: member.id });
  });

  it("answers data that breaks the schema with 422 and the JSON pointer of each failing field, and stores nothing", async () => {
    await admin.post("/event-types", { name: "custom.checked", schema: deploySchema });
    const before = await db.event.count({ where: { dataspaceId: space.id } });
    const bad = await admin.post("/events", { type: "custom.checked", data: { service: "", build: { number: "812", extra: true } } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: "/data/service", message: "must NOT have fewer than 1 characters" },
        { field: "/data/build/number", message: "must be integer" },
        { field: "/data/build/extra", message: "is not allowed by the schema" },
      ]),
    );
    const missing = await admin.post("/events", { type: "custom.checked", data: { service: "api" } });
    expect(missing.body.errors).toEqual([{ field: "/data/build", message: "is required" }]);

    const unknown = await admin.post("/events", { type: "custom.never_registered", data: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: "type", message: expect.stringMatching(/not registered/) }]);
    const builtIn = await admin.post("/events", { type: "request.added", data: {} });
    expect(builtIn.status).toBe(422);
    expect(builtIn.body.errors[0].field).toBe("type");
    const notObject = await admin.post("/events", { type: "custom.checked", data: [1, 2] });
    expect(notObject.status).toBe(422);
    expect(notObject.body.errors[0].field).toBe("data");
    expect(await db.event.count({ where: { dataspaceId: space.id } })).toBe(before);
  });

  it("applies an edited schema to the next event at once", async () => {
    const type = await admin.post("/event-types", { name: "custom.evolving", schema: { type: "object" } });
    expect((await admin.post("/events", { type: "custom.evolving", data: { anything: 1 } })).status).toBe(201);
    await admin.patch(`/event-types/${type.body.uuid}`, { schema: { type: "object", required: ["version"] } });
    const refused = await admin.post("/events", { type: "custom.evolving", data: { anything: 1 } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: "/data/version", message: "is required" }]);
  });

  it("replays a publish sent again with the same Idempotency-Key instead of publishing twice", async () => {
    await admin.post("/event-types", { name: "custom.once", schema: { type: "object" } });
    const headers = { "idempotency-key": "publish-once-1" };
    const first = await admin.post("/events", { type: "custom.once", data: { n: 1 } }, { headers });
    const again = await admin.post("/events", { type: "custom.once", data: { n: 1 } }, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.body.uuid).toBe(first.body.uuid);
    expect(await db.event.count({ where: { dataspaceId: space.id, type: "custom.once" } })).toBe(1);
    const other = await admin.post("/events", { type: "custom.once", data: { n: 2 } }, { headers });
    expect(other.status).toBe(422);
  });

  it("refuses tokens without the scope, and a member's token cannot manage types", async () => {
    await admin.post("/event-types", { name: "custom.scoped", schema: { type: "object" } });
    const readOnly = apiAs(await seedApiToken(ctx, ["events:read"]));
    const requestsOnly = apiAs(await seedApiToken(ctx, ["requests:write"]));
    const cases = [
      await readOnly.post("/events", { type: "custom.scoped", data: {} }),
      await readOnly.post("/event-types", { name: "custom.by_reader", schema: { type: "object" } }),
      await requestsOnly.get("/event-types"),
      await requestsOnly.post("/events", { type: "custom.scoped", data: {} }),
    ];
    for (const answer of cases) {
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe("urn:switchboard:problem:missing-scope");
    }

    // A token with every scope, made by someone who is (now) only a member: publishes, but cannot manage.
    const memberAdminToken = apiAs(await seedApiToken(await tenantFor(member.id, space.slug), ["admin"]));
    const created = await memberAdminToken.post("/event-types", { name: "custom.by_member", schema: { type: "object" } });
    expect(created.status).toBe(403);
    expect(created.body.type).toBe("urn:switchboard:problem:forbidden");
    const [type] = (await memberAdminToken.get("/event-types")).body.results.filter((t: { name: string }) => t.name === "custom.scoped");
    expect((await memberAdminToken.call("DELETE", `/event-types/${type.uuid}`)).status).toBe(403);
    expect((await memberAdminToken.post("/events", { type: "custom.scoped", data: {} })).status).toBe(201);

    // A viewer's token reads types but cannot publish.
    const viewerToken = apiAs(await seedApiToken(await tenantFor(viewer.id, space.slug), ["events:write"]));
    expect((await viewerToken.get("/event-types")).status).toBe(200);
    expect((await viewerToken.post("/events", { type: "custom.scoped", data: {} })).status).toBe(403);
    expect(await db.customEventType.count({ where: { dataspaceId: space.id, name: "custom.by_member" } })).toBe(0);
  });
});

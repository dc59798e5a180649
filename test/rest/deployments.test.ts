import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace } from "../factories";
import { apiAs } from "./api";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

/** Deployments through /api/v1: what a CI job records, and what it reads back. */
describe("REST deployments", () => {
  let space: SeededDataspace;
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  let checkout: { id: string };

  beforeAll(async () => {
    const owner = await seedUser({ name: "Olivia Owner" });
    space = await seedDataspace({ owner, name: "Delivery team" });
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["deployments:write"]));
    checkout = await ctx.db.service.create({ data: { dataspaceId: space.id, name: "Checkout API" }, select: { id: true } });
  });

  it("records a deployment naming its service by name, answers 201 with the object the event carries", async () => {
    const created = await api.post("/deployments", { service: "Checkout API", environment: "production", ref: "main", sha: SHA, version: "2.4.1", status: "in_progress" });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toMatchObject({
      api_url: `/api/v1/deployments/${uuid}`,
      service: "Checkout API",
      service_uuid: checkout.id,
      environment: "production",
      ref: "main",
      sha: SHA,
      version: "2.4.1",
      description: "",
      status: "in_progress",
      url: null,
      source: "api",
      integration: null,
      started_date: expect.any(String),
      finished_date: null,
      dataspace: "Delivery team",
    });
    expect(created.headers.get("location")).toBe(`http://api.test/api/v1/deployments/${uuid}`);
    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "deployment.created" }, orderBy: { seq: "desc" } });
    expect(event.data).toEqual(created.body);
    expect((await api.get(`/deployments/${uuid}`)).body).toEqual(created.body);
    // By uuid too.
    expect((await api.post("/deployments", { service: checkout.id, environment: "staging" })).body.service).toBe("Checkout API");
    // With its oldest commit's time (any offset), for the DORA lead time.
    const shipped = await api.post("/deployments", { environment: "production", status: "success", committed_date: "2026-12-07T09:30:00+02:00" });
    expect(shipped.body).toMatchObject({ committed_date: "2026-12-07T07:30:00.000Z", finished_date: expect.any(String) });
    expect(created.body.committed_date).toBeNull();
  });

  it("moves a deployment forward with PATCH, honours If-Match, and refuses to move a finished one with 409", async () => {
    const { body } = await api.post("/deployments", { environment: "production", sha: SHA.slice(0, 7) });
    const read = await api.get(`/deployments/${body.uuid}`);
    const stale = read.headers.get("etag")!;
    const started = await api.patch(`/deployments/${body.uuid}`, { status: "in_progress" }, { headers: { "if-match": stale } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "in_progress", started_date: expect.any(String) });
    const refused = await api.patch(`/deployments/${body.uuid}`, { status: "success" }, { headers: { "if-match": stale } });
    expect(refused.status).toBe(412);
    const done = await api.patch(`/deployments/${body.uuid}`, { status: "success", url: "https://checkout.example.test" });
    expect(done.body).toMatchObject({ status: "success", url: "https://checkout.example.test", finished_date: expect.any(String) });
    const changed = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "deployment.status_changed" }, orderBy: { seq: "desc" } });
    expect(changed.data).toMatchObject({ uuid: body.uuid, previous_status: "in_progress", status: "success" });

    const back = await api.patch(`/deployments/${body.uuid}`, { status: "failure" });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({
      type: "urn:switchboard:problem:conflict",
      detail: "This deployment already finished (success); a finished deployment's status cannot change. Record a new deployment to deploy again.",
      errors: [{ field: "status", message: expect.stringContaining("already finished") }],
    });
  });

  it("lists newest first, filtered by service (name or uuid), environment and status, following next links", async () => {
    const own = await seedDataspace({ owner: await seedUser(), name: "List delivery team" });
    const listCtx = await tenantFor((await db.membership.findFirstOrThrow({ where: { dataspaceId: own.id } })).userId, own.slug);
    const lister = apiAs(await seedApiToken(listCtx, ["deployments:write"]));
    await listCtx.db.service.create({ data: { dataspaceId: own.id, name: "Web" } });
    for (const [environment, status] of [["production", "success"], ["staging", "failure"], ["production", "queued"]]) {
      expect((await lister.post("/deployments", { service: "Web", environment, status })).status).toBe(201);
    }
    await lister.post("/deployments", { environment: "production" });
    const all = await lister.get("/deployments?limit=3");
    expect(all.body.results.map((d: { service: string | null; status: string }) => [d.service, d.status])).toEqual([[null, "queued"], ["Web", "queued"], ["Web", "failure"]]);
    const next = await lister.get(new URL(all.body.next).pathname.replace(/^\/api\/v1/, "") + new URL(all.body.next).search);
    expect(next.body.results.map((d: { status: string }) => d.status)).toEqual(["success"]);
    expect(next.body.next).toBeNull();
    expect((await lister.get("/deployments?service=Web&environment=production&status=success,queued")).body.results).toHaveLength(2);
    expect((await lister.get("/deployments?status=failure")).body.results.map((d: { environment: string }) => d.environment)).toEqual(["staging"]);
    expect((await lister.get("/deployments?service=Nothing")).body.results).toEqual([]);
    const unknown = await lister.get("/deployments?status=deployed");
    expect(unknown.status).toBe(422);
    expect((await lister.get("/deployments?environments=production")).status).toBe(422); // a typo is never "everything"
  });

  it("refuses what is not a deployment, naming the field", async () => {
    const errors = async (body: unknown) => {
      const answer = await api.post("/deployments", body);
      expect(answer.status).toBe(422);
      return (answer.body.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`);
    };
    expect(await errors({})).toEqual([expect.stringMatching(/^environment: /)]);
    expect(await errors({ environment: "production", sha: "main" })).toEqual(["sha: SHA must be 7 to 40 hexadecimal digits (a commit id)"]);
    expect(await errors({ environment: "production", url: "javascript:alert(1)" })).toEqual(["url: URL must be an absolute http:// or https:// address"]);
    expect(await errors({ environment: "production", service: "Payments" })).toEqual(["service: No service of this dataspace has this name or uuid"]);
    expect(await errors({ environment: "production", external_id: "1" })).toHaveLength(1); // unknown fields are refused
    expect(await errors({ environment: "prod\u0000uction" })).toEqual([expect.stringMatching(/^environment: Text may not contain a NUL/)]);
    expect(await errors({ environment: "production", description: "\udc00" })).toEqual([expect.stringMatching(/^description: /)]);
    expect(await errors({ environment: "production", committed_date: "yesterday" })).toEqual([expect.stringMatching(/^committed_date: Committed date must be an ISO 8601 date and time/)]);
    expect(await errors({ environment: "production", committed_date: "2026-12-07T09:30:00" })).toEqual([expect.stringMatching(/^committed_date: .*with its offset/)]);
    expect(await errors({ environment: "production", committed_date: new Date(Date.now() + 3_600_000).toISOString() })).toEqual(["committed_date: Committed date cannot be in the future"]);
  });

  it("takes the deployments scope: read cannot record, requests:write reaches nothing, a viewer's token only reads", async () => {
    const reader = apiAs(await seedApiToken(ctx, ["deployments:read"]));
    expect((await reader.get("/deployments")).status).toBe(200);
    const refused = await reader.post("/deployments", { environment: "production" });
    expect([refused.status, refused.body.type]).toEqual([403, "urn:switchboard:problem:missing-scope"]);
    const other = apiAs(await seedApiToken(ctx, ["requests:write"]));
    expect((await other.get("/deployments")).status).toBe(403);

    const viewer = await seedUser({ name: "Vera Viewer" });
    await addMember(space, viewer, "VIEWER");
    const viewerToken = apiAs(await seedApiToken(await tenantFor(viewer.id, space.slug), ["deployments:write"]));
    expect((await viewerToken.get("/deployments")).status).toBe(200);
    const forbidden = await viewerToken.post("/deployments", { environment: "production" });
    expect([forbidden.status, forbidden.body.type]).toEqual([403, "urn:switchboard:problem:forbidden"]);
  });
});

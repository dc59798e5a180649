import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../factories";
import { apiAs } from "./api";

/** The incident resource: what a client (a runbook script, an alerting tool) reads and writes through /api/v1. */
describe("REST incidents", () => {
  let owner: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  let serial = 0;

  const seedService = (name = `Service ${++serial}`) => ctx.db.service.create({ data: { dataspaceId: space.id, name }, select: { id: true, name: true } });
  const statusOf = async (id: string) => (await db.service.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    space = await seedDataspace({ owner, name: "Platform team" });
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["incidents:write"]));
  });

  it("declares an incident, publishes the same object as incident.created and moves its services", async () => {
    const service = await seedService("Checkout API");
    const request = await seedRequest(ctx, { title: "Checkout broken" });
    const startedAt = new Date(Date.now() - 600_000).toISOString();
    const created = await api.post("/incidents", {
      title: "Checkout failing",
      severity: "critical",
      message: "Payments time out",
      affected_services: [{ service: service.id, impact: "major_outage" }],
      request: request.id,
      started_date: startedAt,
    });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toEqual({
      api_url: `/api/v1/incidents/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/incidents/${uuid}$`)),
      uuid,
      title: "Checkout failing",
      severity: "critical",
      status: "investigating",
      started_date: startedAt,
      resolved_date: null,
      affected_services: [{ uuid: service.id, name: "Checkout API", api_url: `/api/v1/services/${service.id}`, impact: "major_outage" }],
      timeline: [{ uuid: expect.any(String), message: "Payments time out", status: "investigating", author: owner.email, created_date: expect.any(String) }],
      request: { uuid: request.id, api_url: `/api/v1/requests/${request.id}`, absolute_url: expect.stringContaining(request.id) },
      alerts: [],
      created_by: owner.email,
      created_date: expect.any(String),
      last_modified_date: expect.any(String),
      dataspace: "Platform team",
    });
    expect(created.headers.get("location")).toBe(`http://api.test/api/v1/incidents/${uuid}`);
    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "incident.created" }, orderBy: { seq: "desc" } });
    expect(event.data).toEqual(created.body);
    expect(await statusOf(service.id)).toBe("major_outage");

    const read = await api.get(`/incidents/${uuid}`);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get("etag")).toBe(created.headers.get("etag"));
  });

  it("names the field of every refusal in the API's own terms", async () => {
    const service = await seedService();
    const stranger = await seedUser();
    const elsewhere = await seedDataspace({ owner: stranger });
    const theirRequest = await seedRequest(await tenantFor(stranger.id, elsewhere.slug));
    const fieldsOf = async (body: Record<string, unknown>) => {
      const answer = await api.post("/incidents", { title: "Refused", message: "x", ...body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      expect(answer.body.type).toBe("urn:switchboard:problem:validation-error");
      return answer.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fieldsOf({ affected_services: [{ service: crypto.randomUUID(), impact: "major_outage" }] })).toEqual(["affected_services.0.service"]);
    expect(
      await fieldsOf({
        affected_services: [
          { service: service.id, impact: "major_outage" },
          { service: service.id, impact: "partial_outage" },
        ],
      }),
    ).toEqual(["affected_services.1.service"]);
    expect(await fieldsOf({ affected_services: [{ service: service.id, impact: "on_fire" }] })).toEqual(["affected_services.0.impact"]);
    expect(await fieldsOf({ request: theirRequest.id })).toEqual(["request"]);
    expect(await fieldsOf({ status: "resolved" })).toEqual(["status"]);
    expect(await fieldsOf({ started_date: new Date(Date.now() + 86_400_000).toISOString() })).toEqual(["started_date"]);
    expect(await fieldsOf({ started_date: "yesterday" })).toEqual(["started_date"]);
    expect(await fieldsOf({ message: "bad \u0000 byte" })).toEqual(["message"]);
    expect(await fieldsOf({ alerts: [] })).toEqual(["alerts"]); // not a field of this body
    expect(await statusOf(service.id)).toBe("operational");
  });

  it("posts updates that resolve and reopen an incident, returning it with its timeline", async () => {
    const service = await seedService();
    const { body: incident } = await api.post("/incidents", { title: "Search slow", message: "Looking", affected_services: [{ service: service.id, impact: "degraded_performance" }] });
    const resolved = await api.post(`/incidents/${incident.uuid}/updates`, { message: "Fixed by a restart", status: "resolved" });
    expect(resolved.status).toBe(201);
    expect(resolved.body).toMatchObject({ uuid: incident.uuid, status: "resolved", resolved_date: expect.any(String) });
    expect(resolved.body.timeline.map((u: { status: string }) => u.status)).toEqual(["investigating", "resolved"]);
    expect(await statusOf(service.id)).toBe("operational");
    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "incident.resolved" }, orderBy: { seq: "desc" } });
    expect(event.data).toMatchObject({ uuid: incident.uuid, update: { message: "Fixed by a restart", status: "resolved" } });

    const reopened = await api.post(`/incidents/${incident.uuid}/updates`, { message: "Slow again", status: "identified" });
    expect(reopened.body).toMatchObject({ status: "identified", resolved_date: null });
    expect(await statusOf(service.id)).toBe("degraded_performance");

    expect((await api.post(`/incidents/${incident.uuid}/updates`, { message: "x", status: "fixed" })).body.errors).toEqual([{ field: "status", message: expect.any(String) }]);
    expect((await api.post(`/incidents/${crypto.randomUUID()}/updates`, { message: "x", status: "resolved" })).status).toBe(404);
  });

  it("edits title, severity and services, honouring If-Match", async () => {
    const [first, second] = [await seedService("First"), await seedService("Second")];
    const { body: incident, headers } = await api.post("/incidents", { title: "Errors", message: "x", affected_services: [{ service: first.id, impact: "partial_outage" }] });
    const etag = headers.get("etag")!;
    const edited = await api.patch(`/incidents/${incident.uuid}`, { severity: "major", affected_services: [{ service: second.id, impact: "major_outage" }] }, { headers: { "if-match": etag } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: "Errors", severity: "major", affected_services: [{ uuid: second.id, impact: "major_outage" }] });
    expect([await statusOf(first.id), await statusOf(second.id)]).toEqual(["operational", "major_outage"]);

    const stale = await api.patch(`/incidents/${incident.uuid}`, { title: "Lost update" }, { headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect((await api.get(`/incidents/${incident.uuid}`)).body.title).toBe("Errors");
    expect((await api.patch(`/incidents/${incident.uuid}`, {})).status).toBe(422);
    // The status moves through updates only.
    expect((await api.patch(`/incidents/${incident.uuid}`, { status: "resolved" })).body.errors).toContainEqual({ field: "status", message: expect.any(String) });
  });

  it("lists newest first with filters and pages, and refuses unknown parameters", async () => {
    const listed = await seedDataspace({ owner });
    const listCtx = await tenantFor(owner.id, listed.slug);
    const listApi = apiAs(await seedApiToken(listCtx, ["incidents:write"]));
    const made: string[] = [];
    for (const severity of ["minor", "critical", "major", "critical"]) {
      made.push((await listApi.post("/incidents", { title: `A ${severity} one`, severity, message: "x" })).body.uuid);
    }
    await listApi.post(`/incidents/${made[1]}/updates`, { message: "Done", status: "resolved" });
    const uuids = (answer: { body: { results: { uuid: string }[] } }) => answer.body.results.map((r) => r.uuid);
    expect(uuids(await listApi.get("/incidents"))).toEqual([...made].reverse());
    expect(uuids(await listApi.get("/incidents?severity=critical"))).toEqual([made[3], made[1]]);
    expect(uuids(await listApi.get("/incidents?severity=critical&status=open"))).toEqual([made[3]]);
    expect(uuids(await listApi.get("/incidents?status=resolved,monitoring"))).toEqual([made[1]]);

    const first = await listApi.get("/incidents?limit=3");
    expect(uuids(first)).toEqual([made[3], made[2], made[1]]);
    const next = new URL(first.body.next);
    expect(uuids(await listApi.get(`${next.pathname.replace("/api/v1", "")}${next.search}`))).toEqual([made[0]]);

    expect((await listApi.get("/incidents?state=open")).status).toBe(422);
    expect((await listApi.get("/incidents?status=broken")).status).toBe(422);
  });

  it("replays a declaration sent again with the same Idempotency-Key instead of declaring twice", async () => {
    const key = crypto.randomUUID();
    const body = { title: "Declared once", message: "x" };
    const first = await api.post("/incidents", body, { headers: { "idempotency-key": key } });
    const again = await api.post("/incidents", body, { headers: { "idempotency-key": key } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await db.incident.count({ where: { dataspaceId: space.id, title: "Declared once" } })).toBe(1);
  });

  it("takes the incidents scope, and a token acts no higher than its maker's role", async () => {
    const service = await seedService();
    const { body: incident } = await api.post("/incidents", { title: "Scoped", message: "x", affected_services: [{ service: service.id, impact: "partial_outage" }] });
    const reader = apiAs(await seedApiToken(ctx, ["incidents:read"]));
    expect((await reader.get(`/incidents/${incident.uuid}`)).status).toBe(200);
    const refused = await reader.post(`/incidents/${incident.uuid}/updates`, { message: "x", status: "resolved" });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("urn:switchboard:problem:missing-scope");
    const otherScope = apiAs(await seedApiToken(ctx, ["requests:admin"]));
    expect((await otherScope.get("/incidents")).status).toBe(403);

    const viewer = await seedUser();
    await addMember(space, viewer, "VIEWER");
    const viewerApi = apiAs(await seedApiToken(await tenantFor(viewer.id, space.slug), ["incidents:write"]));
    expect((await viewerApi.get(`/incidents/${incident.uuid}`)).status).toBe(200);
    const forbidden = await viewerApi.post(`/incidents/${incident.uuid}/updates`, { message: "x", status: "resolved" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toBe("urn:switchboard:problem:forbidden");
    expect((await viewerApi.post("/incidents", { title: "By a viewer", message: "x" })).status).toBe(403);
    expect(await statusOf(service.id)).toBe("partial_outage");
  });
});

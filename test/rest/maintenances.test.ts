import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, tenantFor } from "../factories";
import { seedMaintenance } from "../maintenance-fixtures";
import { apiAs } from "./api";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Maintenance windows through /api/v1: what a script that plans maintenance reads and writes. */
describe("REST maintenance windows", () => {
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  let serviceId: string;

  beforeAll(async () => {
    const owner = await seedUser();
    const space = await seedDataspace({ owner, name: "Ops team" });
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["maintenances:write"]));
    serviceId = (await ctx.db.service.create({ data: { dataspaceId: space.id, name: "Payments API" } })).id;
  });

  it("schedules a window, reads it back, edits it with If-Match, and lists it", async () => {
    const start = Date.now() + HOUR;
    const created = await api.post("/maintenances", { title: "Rotate TLS certificates", scheduled_start: iso(start), scheduled_end: new Date(start + HOUR).toISOString().replace("Z", "+00:00"), services: [serviceId] });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.headers.get("location")).toBe(`http://api.test/api/v1/maintenances/${uuid}`);
    expect(created.body).toEqual({
      api_url: `/api/v1/maintenances/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${ctx.dataspace.slug}/maintenance/${uuid}$`)),
      uuid,
      title: "Rotate TLS certificates",
      description: "",
      status: "scheduled",
      scheduled_start: iso(start),
      scheduled_end: iso(start + HOUR),
      started_date: null,
      completed_date: null,
      services: [{ uuid: serviceId, name: "Payments API", api_url: `/api/v1/services/${serviceId}` }],
      updates: [],
      created_by: expect.stringContaining("@"),
      created_date: expect.any(String),
      last_modified_date: expect.any(String),
      dataspace: "Ops team",
    });

    const read = await api.get(`/maintenances/${uuid}`);
    expect(read.body).toEqual(created.body);
    const etag = read.headers.get("etag")!;
    expect((await api.get(`/maintenances/${uuid}`, { headers: { "if-none-match": etag } })).status).toBe(304);

    const moved = await api.patch(`/maintenances/${uuid}`, { scheduled_end: iso(start + 2 * HOUR), services: [] }, { headers: { "if-match": etag } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ scheduled_end: iso(start + 2 * HOUR), services: [] });
    const stale = await api.patch(`/maintenances/${uuid}`, { title: "Too late" }, { headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    const [event] = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type: "maintenance.updated" } });
    expect(event.data).toMatchObject({ uuid, rescheduled: true, changes: { scheduled_end: { to: iso(start + 2 * HOUR) }, services: { to: [] } } });

    const upcoming = await api.get(`/maintenances?status=scheduled&ordering=scheduled_start`);
    expect(upcoming.body.results.map((w: { uuid: string }) => w.uuid)).toContain(uuid);
    expect((await api.get(`/maintenances?service=${serviceId}`)).body.results).toEqual([]);
    expect((await api.get("/maintenances?status=completed")).body.results).toEqual([]);
  });

  it("refuses bad times and unknown services with 422 naming the API's fields", async () => {
    const now = Date.now();
    const backwards = await api.post("/maintenances", { title: "Backwards", scheduled_start: iso(now + 2 * HOUR), scheduled_end: iso(now + HOUR) });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([{ field: "scheduled_end", message: "The end must be after the start" }]);
    const past = await api.post("/maintenances", { title: "Past", scheduled_start: iso(now - 3 * HOUR), scheduled_end: iso(now - 2 * HOUR) });
    expect(past.body.errors).toEqual([{ field: "scheduled_end", message: "The end must be in the future" }]);
    const noZone = await api.post("/maintenances", { title: "No zone", scheduled_start: "2030-01-01T10:00:00", scheduled_end: "2030-01-01T11:00:00" });
    expect(noZone.status).toBe(422);
    expect(noZone.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["scheduled_end", "scheduled_start"]);
    const impossible = await api.post("/maintenances", { title: "Feb 31", scheduled_start: "2030-02-31T10:00:00Z", scheduled_end: "2030-03-01T10:00:00Z" });
    expect(impossible.status).toBe(422);
    const ancient = await api.post("/maintenances", { title: "Year zero", scheduled_start: "0000-01-01T00:00:00Z", scheduled_end: iso(now + HOUR) });
    expect(ancient.body.errors).toEqual([{ field: "scheduled_start", message: "The start can be at most 24 hours in the past" }]);
    const unknown = await api.post("/maintenances", { title: "Ghost", scheduled_start: iso(now + HOUR), scheduled_end: iso(now + 2 * HOUR), services: [crypto.randomUUID()] });
    expect(unknown.body.errors).toEqual([{ field: "services", message: expect.stringMatching(/^Unknown service/) }]);
    const nul = await api.post("/maintenances", { title: "Null\u0000byte", scheduled_start: iso(now + HOUR), scheduled_end: iso(now + 2 * HOUR) });
    expect(nul.status).toBe(422);
    expect(nul.body.errors[0].field).toBe("title");
    const surrogate = await api.post("/maintenances", { title: "Lone \ud800", scheduled_start: iso(now + HOUR), scheduled_end: iso(now + 2 * HOUR) });
    expect(surrogate.status).toBe(422);
    const extra = await api.post("/maintenances", { title: "Extra", scheduled_start: iso(now + HOUR), scheduled_end: iso(now + 2 * HOUR), status: "completed" });
    expect(extra.status).toBe(422);
    expect((await api.patch(`/maintenances/${crypto.randomUUID()}`, {})).status).toBe(422);
    expect(await db.maintenance.count({ where: { dataspaceId: ctx.dataspace.id, title: { in: ["Backwards", "Past", "Ghost", "Extra"] } } })).toBe(0);
  });

  it("posts updates, completes a window in progress early and cancels a scheduled one; wrong states are 409", async () => {
    const running = await seedMaintenance(ctx, { started: true, serviceIds: [serviceId] });
    expect((await db.service.findUniqueOrThrow({ where: { id: serviceId } })).status).toBe("under_maintenance");
    const posted = await api.post(`/maintenances/${running.id}/updates`, { message: "Primary done, replica next" });
    expect(posted.status).toBe(201);
    expect(posted.body.updates.map((u: { message: string; status: string }) => [u.message, u.status])).toEqual([
      ["Maintenance started", "in_progress"],
      ["Primary done, replica next", "in_progress"],
    ]);
    expect((await api.patch(`/maintenances/${running.id}`, { scheduled_start: iso(Date.now()) })).status).toBe(409);
    expect((await api.post(`/maintenances/${running.id}/cancel`, {})).status).toBe(409);
    const completed = await api.post(`/maintenances/${running.id}/complete`, { message: "All done" });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: "completed", completed_date: expect.any(String) });
    expect(completed.body.updates.at(-1)).toMatchObject({ message: "All done", status: "completed" });
    expect((await db.service.findUniqueOrThrow({ where: { id: serviceId } })).status).toBe("operational");
    expect((await api.post(`/maintenances/${running.id}/complete`, {})).status).toBe(409);
    expect((await api.patch(`/maintenances/${running.id}`, { title: "Later" })).status).toBe(409);

    const scheduled = await seedMaintenance(ctx);
    expect((await api.post(`/maintenances/${scheduled.id}/complete`, {})).status).toBe(409);
    const cancelled = await api.post(`/maintenances/${scheduled.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: "completed", started_date: null, updates: [{ message: "Maintenance cancelled", status: "completed" }] });
    const [event] = (await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type: "maintenance.completed" } })).filter((e) => (e.data as { uuid: string }).uuid === scheduled.id);
    expect(event.data).toMatchObject({ cancelled: true });
  });

  it("scopes: maintenances:read reads but writes nothing; other resources' scopes reach nothing; a viewer's token cannot write", async () => {
    const w = await seedMaintenance(ctx);
    const reader = apiAs(await seedApiToken(ctx, ["maintenances:read"]));
    expect((await reader.get(`/maintenances/${w.id}`)).status).toBe(200);
    const refused = await reader.post(`/maintenances/${w.id}/updates`, { message: "Sneaky" });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain("maintenances:write");
    expect((await apiAs(await seedApiToken(ctx, ["requests:admin"])).get("/maintenances")).status).toBe(403);

    const viewer = await seedUser();
    await addMember(ctx.dataspace, viewer, "VIEWER");
    const viewerApi = apiAs(await seedApiToken(await tenantFor(viewer.id, ctx.dataspace.slug), ["write"]));
    expect((await viewerApi.get("/maintenances")).status).toBe(200);
    const forbidden = await viewerApi.post(`/maintenances/${w.id}/cancel`, {});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toBe("urn:switchboard:problem:forbidden");
    expect((await db.maintenance.findUniqueOrThrow({ where: { id: w.id } })).status).toBe("scheduled");
  });
});

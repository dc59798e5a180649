import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { addMember, seedDataspace, seedUser, tenantFor } from "../../../../test/factories";
import { addMaintenanceUpdate } from "./add-maintenance-update";
import { cancelMaintenance, completeMaintenanceNow } from "./complete-maintenance";
import { getMaintenance } from "./get-maintenance";
import { listMaintenances } from "./list-maintenances";
import { completeMaintenance, startMaintenance, type WindowRun } from "./maintenance-transitions";
import { addMaintenanceUpdateInput, endMaintenanceInput, listMaintenancesInput, scheduleMaintenanceInput, updateMaintenanceInput, type ScheduleMaintenanceInput } from "./maintenance.schema";
import { scheduleMaintenance } from "./schedule-maintenance";
import { updateMaintenance } from "./update-maintenance";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let ctx: TenantContext;
let viewer: TenantContext;
let other: TenantContext;

beforeAll(async () => {
  const owner = await seedUser();
  const viewerUser = await seedUser();
  const space = await seedDataspace({ owner, name: "Maintenance team" });
  await addMember(space, viewerUser, "VIEWER");
  ctx = await tenantFor(owner.id, space.slug);
  viewer = await tenantFor(viewerUser.id, space.slug);
  const otherOwner = await seedUser();
  other = await tenantFor(otherOwner.id, (await seedDataspace({ owner: otherOwner, name: "Other team" })).slug);
});

let serial = 0;
const seedService = (tenant: TenantContext, name = `Service ${++serial}`) =>
  tenant.db.service.create({ data: { dataspaceId: tenant.dataspace.id, name }, select: { id: true, name: true } });

const statusOf = async (serviceId: string) => (await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { status: true } })).status;
const eventsOf = (tenant: TenantContext, type: string, uuid?: string) =>
  db.event
    .findMany({ where: { dataspaceId: tenant.dataspace.id, type }, orderBy: { seq: "asc" } })
    .then((events) => events.filter((e) => !uuid || (e.data as { uuid: string }).uuid === uuid));

function schedule(overrides: Partial<ScheduleMaintenanceInput> = {}, tenant = ctx) {
  const now = Date.now();
  return scheduleMaintenance(
    tenant,
    scheduleMaintenanceInput.parse({ title: "Database upgrade", scheduledStart: new Date(now + HOUR), scheduledEnd: new Date(now + 2 * HOUR), ...overrides }),
  );
}

const update = (id: string, patch: Record<string, unknown>, tenant = ctx) => updateMaintenance(tenant, updateMaintenanceInput.parse({ id, patch }));

/** The run the window's current times would start. */
const runOf = (w: { id: string; scheduledStart: Date; scheduledEnd: Date }, tenant = ctx): WindowRun => ({
  dataspaceId: tenant.dataspace.id,
  maintenanceId: w.id,
  scheduledStart: w.scheduledStart.toISOString(),
  scheduledEnd: w.scheduledEnd.toISOString(),
});

/** An open incident holding a service at `impact`. */
async function seedIncident(serviceId: string, impact: "degraded_performance" | "partial_outage" | "major_outage") {
  const incident = await ctx.db.incident.create({ data: { dataspaceId: ctx.dataspace.id, title: "Checkout is down" }, select: { id: true } });
  await ctx.db.incidentService.create({ data: { dataspaceId: ctx.dataspace.id, incidentId: incident.id, serviceId, impact } });
  await ctx.db.service.update({ where: { id: serviceId }, data: { status: impact } });
  return incident;
}

describe("scheduling", () => {
  it("schedules a window with its services and publishes maintenance.scheduled", async () => {
    const api = await seedService(ctx, "Public API");
    const web = await seedService(ctx, "Dashboard");
    const w = await schedule({ description: "Postgres 18", serviceIds: [api.id, web.id, api.id] });
    expect(w).toMatchObject({ status: "scheduled", startedAt: null, completedAt: null, description: "Postgres 18" });
    expect(w.services.map((s) => s.service.name)).toEqual(["Dashboard", "Public API"]);
    const [event] = await eventsOf(ctx, "maintenance.scheduled", w.id);
    expect(event.data).toMatchObject({
      uuid: w.id,
      title: "Database upgrade",
      status: "scheduled",
      scheduled_start: w.scheduledStart.toISOString(),
      scheduled_end: w.scheduledEnd.toISOString(),
      started_date: null,
      services: [{ uuid: web.id, name: "Dashboard" }, { uuid: api.id, name: "Public API" }],
      api_url: `/api/v1/maintenances/${w.id}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${ctx.dataspace.slug}/maintenance/${w.id}$`)),
      updates: [],
      dataspace: "Maintenance team",
    });
    // A scheduled window holds nothing yet.
    expect(await statusOf(api.id)).toBe("operational");
  });

  it("refuses times that make no window, naming the field", async () => {
    const now = Date.now();
    const cases: [Partial<ScheduleMaintenanceInput>, string, RegExp][] = [
      [{ scheduledStart: new Date(now + 2 * HOUR), scheduledEnd: new Date(now + HOUR) }, "scheduledEnd", /after the start/],
      [{ scheduledStart: new Date(now + HOUR), scheduledEnd: new Date(now + HOUR) }, "scheduledEnd", /after the start/],
      [{ scheduledStart: new Date(now - 2 * HOUR), scheduledEnd: new Date(now - HOUR) }, "scheduledEnd", /in the future/],
      [{ scheduledStart: new Date(now - 25 * HOUR), scheduledEnd: new Date(now + HOUR) }, "scheduledStart", /24 hours in the past/],
      [{ scheduledStart: new Date(now + 400 * 24 * HOUR), scheduledEnd: new Date(now + 401 * 24 * HOUR) }, "scheduledStart", /365 days ahead/],
      [{ scheduledStart: new Date(-8.6e15), scheduledEnd: new Date(now + HOUR) }, "scheduledStart", /in the past/],
    ];
    for (const [times, field, message] of cases) {
      const refused = schedule(times);
      await expect(refused, field).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { [field]: [expect.stringMatching(message)] } });
    }
    expect(() => scheduleMaintenanceInput.parse({ title: "x", scheduledStart: new Date(Number.NaN), scheduledEnd: new Date() })).toThrow();
    expect(() => scheduleMaintenanceInput.parse({ title: "  ", scheduledStart: new Date(), scheduledEnd: new Date() })).toThrow(/Title is required/);
  });

  it("takes only the dataspace's own services: another dataspace's service is unknown", async () => {
    const theirs = await seedService(other, "Their API");
    const refused = schedule({ serviceIds: [theirs.id] });
    await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { serviceIds: ["Unknown service: the service at position 1 is not a service of this dataspace"] } });
    expect(await db.maintenance.count({ where: { dataspaceId: ctx.dataspace.id, services: { some: { serviceId: theirs.id } } } })).toBe(0);
  });

  it("viewers read windows but schedule, edit, post, complete or cancel none", async () => {
    const w = await schedule();
    await expect(schedule({}, viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(update(w.id, { title: "Mine" }, viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addMaintenanceUpdate(viewer, addMaintenanceUpdateInput.parse({ maintenanceId: w.id, message: "Hi" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelMaintenance(viewer, endMaintenanceInput.parse({ id: w.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(completeMaintenanceNow(viewer, endMaintenanceInput.parse({ id: w.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getMaintenance(viewer, w.id)).status).toBe("scheduled");
  });

  it("another dataspace's window is not found, for reading and for every change", async () => {
    const w = await schedule();
    await expect(getMaintenance(other, w.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(update(w.id, { title: "Hijacked" }, other)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addMaintenanceUpdate(other, { maintenanceId: w.id, message: "Hi" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelMaintenance(other, { id: w.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The runtime acts inside the dataspace its event named: another one's id finds nothing.
    expect(await startMaintenance(runOf(w, other), new Date(w.scheduledStart.getTime() + 1))).toEqual({ outcome: "gone", status: null });
    expect((await getMaintenance(ctx, w.id)).title).toBe("Database upgrade");
  });
});

describe("the runtime's transitions", () => {
  it("starts at the scheduled start, not before, and only once: services under maintenance, timeline entry, maintenance.started", async () => {
    const api = await seedService(ctx);
    const w = await schedule({ serviceIds: [api.id] });
    const early = await startMaintenance(runOf(w), new Date(w.scheduledStart.getTime() - 1));
    expect(early).toEqual({ outcome: "not_due", status: "scheduled", due: w.scheduledStart.toISOString() });
    expect((await getMaintenance(ctx, w.id)).status).toBe("scheduled");

    const at = new Date(w.scheduledStart.getTime() + 5);
    expect(await startMaintenance(runOf(w), at)).toEqual({ outcome: "started", status: "in_progress" });
    const started = await getMaintenance(ctx, w.id);
    expect(started).toMatchObject({ status: "in_progress", startedAt: at, completedAt: null });
    expect(started.updates.map((u) => [u.message, u.status, u.author])).toEqual([["Maintenance started", "in_progress", null]]);
    expect(await statusOf(api.id)).toBe("under_maintenance");
    const [changed] = await eventsOf(ctx, "service.status_changed", api.id);
    expect(changed.data).toMatchObject({ status: "under_maintenance", previous_status: "operational", cause: { type: "maintenance", uuid: w.id } });
    expect(await eventsOf(ctx, "maintenance.started", w.id)).toHaveLength(1);

    // Safe to run twice: the second run changes nothing and publishes nothing.
    expect(await startMaintenance(runOf(w), new Date(at.getTime() + 1000))).toEqual({ outcome: "already_started", status: "in_progress" });
    expect(await eventsOf(ctx, "maintenance.started", w.id)).toHaveLength(1);
    expect((await getMaintenance(ctx, w.id)).updates).toHaveLength(1);
  });

  it("completes at the scheduled end, once: services back to operational unless an incident holds them", async () => {
    const free = await seedService(ctx);
    const broken = await seedService(ctx);
    const w = await schedule({ serviceIds: [free.id, broken.id] });
    await startMaintenance(runOf(w), w.scheduledStart);
    // An outage during maintenance shows as the outage; the window still holds the other service.
    await seedIncident(broken.id, "major_outage");
    expect(await statusOf(free.id)).toBe("under_maintenance");

    expect(await completeMaintenance(runOf(w), new Date(w.scheduledEnd.getTime() - 1))).toMatchObject({ outcome: "not_due", due: w.scheduledEnd.toISOString() });
    expect(await completeMaintenance(runOf(w), w.scheduledEnd)).toEqual({ outcome: "completed", status: "completed" });
    const done = await getMaintenance(ctx, w.id);
    expect(done).toMatchObject({ status: "completed", completedAt: w.scheduledEnd });
    expect(done.updates.map((u) => u.status)).toEqual(["in_progress", "completed"]);
    expect(await statusOf(free.id)).toBe("operational");
    expect(await statusOf(broken.id)).toBe("major_outage");
    const [completed] = await eventsOf(ctx, "maintenance.completed", w.id);
    expect(completed.data).toMatchObject({ status: "completed", cancelled: false, completed_date: w.scheduledEnd.toISOString() });

    expect(await completeMaintenance(runOf(w), new Date(w.scheduledEnd.getTime() + 1))).toEqual({ outcome: "already_completed", status: "completed" });
    expect(await startMaintenance(runOf(w), new Date(w.scheduledEnd.getTime() + 1))).toEqual({ outcome: "already_completed", status: "completed" });
    expect(await eventsOf(ctx, "maintenance.completed", w.id)).toHaveLength(1);
  });

  it("a service in two overlapping windows stays under maintenance until the second ends", async () => {
    const db1 = await seedService(ctx);
    const first = await schedule({ serviceIds: [db1.id] });
    const second = await schedule({ serviceIds: [db1.id], scheduledEnd: new Date(first.scheduledEnd.getTime() + HOUR) });
    await startMaintenance(runOf(first), first.scheduledStart);
    await startMaintenance(runOf(second), second.scheduledStart);
    await completeMaintenance(runOf(first), first.scheduledEnd);
    expect(await statusOf(db1.id)).toBe("under_maintenance");
    await completeMaintenance(runOf(second), second.scheduledEnd);
    expect(await statusOf(db1.id)).toBe("operational");
  });

  it("a rescheduled window does not move at its old times: the run of the old times finds them changed", async () => {
    const api = await seedService(ctx);
    const w = await schedule({ serviceIds: [api.id] });
    const oldRun = runOf(w);
    const later = { scheduledStart: new Date(w.scheduledStart.getTime() + HOUR), scheduledEnd: new Date(w.scheduledEnd.getTime() + HOUR) };
    const moved = await update(w.id, later);
    const [event] = await eventsOf(ctx, "maintenance.updated", w.id);
    expect(event.data).toMatchObject({
      rescheduled: true,
      update: null,
      changes: {
        scheduled_start: { from: w.scheduledStart.toISOString(), to: later.scheduledStart.toISOString() },
        scheduled_end: { from: w.scheduledEnd.toISOString(), to: later.scheduledEnd.toISOString() },
      },
    });

    expect(await startMaintenance(oldRun, w.scheduledStart)).toEqual({ outcome: "rescheduled", status: "scheduled" });
    expect(await completeMaintenance(oldRun, w.scheduledEnd)).toEqual({ outcome: "rescheduled", status: "scheduled" });
    expect(await statusOf(api.id)).toBe("operational");
    expect((await getMaintenance(ctx, w.id)).status).toBe("scheduled");
    expect(await startMaintenance(runOf(moved), later.scheduledStart)).toMatchObject({ outcome: "started" });
  });

  it("an edit that moves no time says so (the runtime ignores it)", async () => {
    const w = await schedule();
    await update(w.id, { title: "Database upgrade, part 2", scheduledStart: w.scheduledStart });
    const [event] = await eventsOf(ctx, "maintenance.updated", w.id);
    expect(event.data).toMatchObject({ rescheduled: false, changes: { title: { from: "Database upgrade", to: "Database upgrade, part 2" } } });
    expect(Object.keys((event.data as { changes: object }).changes)).toEqual(["title"]);
    // Sending the same values again changes nothing and publishes nothing.
    await update(w.id, { title: "Database upgrade, part 2" });
    expect(await eventsOf(ctx, "maintenance.updated", w.id)).toHaveLength(1);
  });
});

describe("editing", () => {
  it("while scheduled: times, services, title and description", async () => {
    const a = await seedService(ctx, "Edit A");
    const b = await seedService(ctx, "Edit B");
    const w = await schedule({ serviceIds: [a.id] });
    const edited = await update(w.id, { serviceIds: [b.id], description: "Moved to B" });
    expect(edited.services.map((s) => s.service.id)).toEqual([b.id]);
    expect(edited.updatedAt.getTime()).toBeGreaterThan(w.updatedAt.getTime());
    const [event] = await eventsOf(ctx, "maintenance.updated", w.id);
    expect(Object.keys((event.data as { changes: object }).changes).sort()).toEqual(["description", "services"]);
    await expect(update(w.id, { scheduledEnd: new Date(w.scheduledStart.getTime() - MINUTE) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { scheduledEnd: ["The end must be after the start"] },
    });
    await expect(update(w.id, { scheduledStart: new Date(w.scheduledEnd.getTime() + MINUTE) })).rejects.toMatchObject({
      fieldErrors: { scheduledStart: ["The start must be before the end"] },
    });
    await expect(update(w.id, { serviceIds: [(await seedService(other)).id] })).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { serviceIds: expect.any(Array) } });
    expect(() => updateMaintenanceInput.parse({ id: w.id, patch: {} })).toThrow(/Nothing to change/);
  });

  it("in progress: the end, title and description, never the start or the services; completed: nothing", async () => {
    const a = await seedService(ctx);
    const w = await schedule({ serviceIds: [a.id] });
    await startMaintenance(runOf(w), w.scheduledStart);
    await expect(update(w.id, { scheduledStart: new Date(w.scheduledStart.getTime() + MINUTE) })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/start can no longer change/) });
    await expect(update(w.id, { serviceIds: [] })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/services can no longer change/) });
    await expect(update(w.id, { scheduledEnd: new Date(Date.now() - MINUTE) })).rejects.toMatchObject({ fieldErrors: { scheduledEnd: ["The end must be after the start"] } });
    const extended = await update(w.id, { scheduledEnd: new Date(w.scheduledEnd.getTime() + HOUR), title: "Longer", serviceIds: [a.id], scheduledStart: w.scheduledStart });
    expect(extended).toMatchObject({ status: "in_progress", title: "Longer" });
    expect(extended.scheduledEnd.getTime()).toBe(w.scheduledEnd.getTime() + HOUR);
    // The run of the old end finds it moved; the run the edit started completes at the new end.
    expect(await completeMaintenance(runOf(w), w.scheduledEnd)).toMatchObject({ outcome: "rescheduled" });
    expect(await startMaintenance(runOf(extended), new Date())).toMatchObject({ outcome: "already_started" });
    expect(await completeMaintenance(runOf(extended), extended.scheduledEnd)).toMatchObject({ outcome: "completed" });
    await expect(update(w.id, { title: "After the fact" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/completed/) });
  });
});

describe("by hand", () => {
  it("completes a window in progress early; the run at the scheduled end then does nothing", async () => {
    const a = await seedService(ctx);
    const w = await schedule({ serviceIds: [a.id] });
    await expect(completeMaintenanceNow(ctx, { id: w.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/cancel it instead/) });
    await startMaintenance(runOf(w), w.scheduledStart);
    const done = await completeMaintenanceNow(ctx, endMaintenanceInput.parse({ id: w.id, message: "Finished early, all green" }));
    expect(done).toMatchObject({ status: "completed" });
    expect(done.updates.at(-1)).toMatchObject({ message: "Finished early, all green", status: "completed", author: { id: ctx.actor.userId } });
    expect(await statusOf(a.id)).toBe("operational");
    const [event] = await eventsOf(ctx, "maintenance.completed", w.id);
    expect(event.data).toMatchObject({ cancelled: false, status: "completed" });
    expect(event.actorId).toBe(ctx.actor.userId);
    expect(await completeMaintenance(runOf(w), w.scheduledEnd)).toMatchObject({ outcome: "already_completed" });
    await expect(completeMaintenanceNow(ctx, { id: w.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("cancels a window that has not started: kept as completed without a start; its run does nothing", async () => {
    const a = await seedService(ctx);
    const w = await schedule({ serviceIds: [a.id] });
    const cancelled = await cancelMaintenance(ctx, { id: w.id });
    expect(cancelled).toMatchObject({ status: "completed", startedAt: null });
    expect(cancelled.updates.map((u) => u.message)).toEqual(["Maintenance cancelled"]);
    const [event] = await eventsOf(ctx, "maintenance.completed", w.id);
    expect(event.data).toMatchObject({ cancelled: true, started_date: null });
    expect(await startMaintenance(runOf(w), w.scheduledStart)).toMatchObject({ outcome: "already_completed" });
    expect(await statusOf(a.id)).toBe("operational");
    expect(await eventsOf(ctx, "service.status_changed", a.id)).toHaveLength(0);
    await expect(cancelMaintenance(ctx, { id: w.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const running = await schedule();
    await startMaintenance(runOf(running), running.scheduledStart);
    await expect(cancelMaintenance(ctx, { id: running.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/complete it instead/) });
  });

  it("posts updates to the timeline with the window's status at the time", async () => {
    const w = await schedule();
    await addMaintenanceUpdate(ctx, addMaintenanceUpdateInput.parse({ maintenanceId: w.id, message: "  Starting on time  " }));
    await startMaintenance(runOf(w), w.scheduledStart);
    const after = await addMaintenanceUpdate(ctx, { maintenanceId: w.id, message: "Halfway" });
    expect(after.updates.map((u) => [u.message, u.status])).toEqual([
      ["Starting on time", "scheduled"],
      ["Maintenance started", "in_progress"],
      ["Halfway", "in_progress"],
    ]);
    const events = await eventsOf(ctx, "maintenance.updated", w.id);
    expect(events.map((e) => (e.data as { update: { message: string } }).update.message)).toEqual(["Starting on time", "Halfway"]);
    expect(events[1].data).toMatchObject({ changes: {}, rescheduled: false, update: { status: "in_progress", author: expect.stringContaining("@") } });
    expect(() => addMaintenanceUpdateInput.parse({ maintenanceId: w.id, message: " " })).toThrow(/empty/);
  });
});

describe("listing", () => {
  it("filters by status and service and pages by scheduled start in either direction", async () => {
    const owner = await seedUser();
    const tenant = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    const svc = await seedService(tenant, "Listed");
    const now = Date.now();
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await schedule({ title: `W${i}`, scheduledStart: new Date(now + (i + 1) * HOUR), scheduledEnd: new Date(now + (i + 2) * HOUR), serviceIds: i % 2 ? [svc.id] : [] }, tenant));
    }
    await cancelMaintenance(tenant, { id: made[0].id });
    const list = (input: Record<string, unknown>) => listMaintenances(tenant, listMaintenancesInput.parse(input));

    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ sort: "scheduledStart", status: ["scheduled"], limit: 2, cursor });
      titles.push(...page.items.map((w) => w.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(["W1", "W2", "W3", "W4"]);
    expect((await list({})).items.map((w) => w.title)).toEqual(["W4", "W3", "W2", "W1", "W0"]);
    expect((await list({ status: ["completed"] })).items.map((w) => w.title)).toEqual(["W0"]);
    expect((await list({ serviceId: svc.id })).items.map((w) => w.title)).toEqual(["W3", "W1"]);
    const first = await list({ limit: 1 });
    await expect(list({ sort: "scheduledStart", cursor: first.nextCursor })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/) });
  });
});

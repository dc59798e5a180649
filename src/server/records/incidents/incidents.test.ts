import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { encodeCursor } from "@/server/pagination/cursor";
import {
  addMember,
  callerFor,
  seedDataspace,
  seedRequest,
  seedUser,
  tenantFor,
  type SeededDataspace,
  type SeededUser,
} from "../../../../test/factories";
import { addIncidentUpdate, resolveIncident } from "./add-incident-update";
import { createIncident } from "./create-incident";
import { getIncidentDetail } from "./get-incident";
import {
  addIncidentUpdateInput,
  createIncidentInput,
  listIncidentsInput,
  MAX_INCIDENT_UPDATES,
  resolveIncidentInput,
  updateIncidentInput,
  type CreateIncidentInput,
} from "./incident.schema";
import { listIncidents } from "./list-incidents";
import { updateIncident } from "./update-incident";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function eventMark(dataspaceId: string): Promise<bigint> {
  const last = await db.event.findFirst({ where: { dataspaceId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last?.seq ?? 0n;
}
const eventsSince = (dataspaceId: string, mark: bigint) =>
  db.event.findMany({ where: { dataspaceId, seq: { gt: mark } }, orderBy: { seq: "asc" } });

let serial = 0;
async function seedService(ctx: TenantContext, name = `Service ${++serial}`) {
  return ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name }, select: { id: true, name: true } });
}
const statusOf = async (serviceId: string) => (await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { status: true } })).status;

async function seedAlert(ctx: TenantContext, title = `Alert ${++serial}`) {
  const fingerprint = `fp-${crypto.randomUUID()}`;
  return ctx.db.alert.create({
    data: { dataspaceId: ctx.dataspace.id, source: "api", title, fingerprint, openFingerprint: fingerprint },
    select: { id: true, title: true },
  });
}

const declare = (ctx: TenantContext, input: Partial<CreateIncidentInput> = {}) =>
  createIncident(ctx, createIncidentInput.parse({ title: `Incident ${++serial}`, message: "We are looking into it", ...input }));
const post = (ctx: TenantContext, incidentId: string, status: string, message = `Update ${++serial}`) =>
  addIncidentUpdate(ctx, addIncidentUpdateInput.parse({ incidentId, status, message }));
const resolve = (ctx: TenantContext, id: string) => resolveIncident(ctx, resolveIncidentInput.parse({ id }));

describe("declaring an incident", () => {
  let owner: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    space = await seedDataspace({ owner, name: "Platform team" });
    ctx = await tenantFor(owner.id, space.slug);
  });

  it("writes incident.created with the timeline and services, then moves the services to their impact", async () => {
    const api = await seedService(ctx, "Checkout API");
    const web = await seedService(ctx, "Web app");
    const request = await seedRequest(ctx, { title: "Customers cannot pay" });
    const mark = await eventMark(space.id);
    const incident = await declare(ctx, {
      title: "Checkout failing",
      severity: "critical",
      status: "identified",
      message: "Payments time out at the gateway",
      services: [
        { serviceId: web.id, impact: "degraded_performance" },
        { serviceId: api.id, impact: "major_outage" },
      ],
      requestId: request.id,
    });

    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["incident.created", "service.status_changed", "service.status_changed"]);
    expect(events[0].actorId).toBe(owner.id);
    expect(events[0].data).toEqual({
      api_url: `/api/v1/incidents/${incident.id}`,
      absolute_url: expect.stringMatching(new RegExp(`^https?://.+/d/${space.slug}/incidents/${incident.id}$`)),
      uuid: incident.id,
      title: "Checkout failing",
      severity: "critical",
      status: "identified",
      started_date: expect.stringMatching(ISO),
      resolved_date: null,
      affected_services: [
        { uuid: api.id, name: "Checkout API", api_url: `/api/v1/services/${api.id}`, impact: "major_outage" },
        { uuid: web.id, name: "Web app", api_url: `/api/v1/services/${web.id}`, impact: "degraded_performance" },
      ],
      timeline: [{ uuid: incident.updates[0].id, message: "Payments time out at the gateway", status: "identified", author: owner.email, created_date: expect.stringMatching(ISO) }],
      request: { uuid: request.id, api_url: `/api/v1/requests/${request.id}`, absolute_url: expect.stringContaining(`/requests/${request.id}`) },
      alerts: [],
      created_by: owner.email,
      created_date: expect.stringMatching(ISO),
      last_modified_date: expect.stringMatching(ISO),
      dataspace: "Platform team",
    });
    const moved = Object.fromEntries(events.slice(1).map((e) => [(e.data as { uuid: string }).uuid, e.data]));
    expect(moved[api.id]).toMatchObject({ status: "major_outage", previous_status: "operational", cause: { type: "incident", uuid: incident.id } });
    expect(moved[web.id]).toMatchObject({ status: "degraded_performance", cause: { type: "incident", uuid: incident.id } });
    expect(await statusOf(api.id)).toBe("major_outage");
    expect(await statusOf(web.id)).toBe("degraded_performance");
  });

  it("links the alerts it names, and takes an earlier start time but not a future one", async () => {
    const alerts = [await seedAlert(ctx, "CPU high"), await seedAlert(ctx, "Latency high")];
    const startedAt = new Date(Date.now() - 3_600_000);
    const incident = await declare(ctx, { alertIds: alerts.map((a) => a.id), startedAt });
    expect(incident.startedAt.toISOString()).toBe(startedAt.toISOString());
    expect(incident.alerts.map((a) => a.title).sort()).toEqual(["CPU high", "Latency high"]);
    const linked = await db.alert.findMany({ where: { id: { in: alerts.map((a) => a.id) } }, select: { incidentId: true } });
    expect(linked.map((a) => a.incidentId)).toEqual([incident.id, incident.id]);

    const future = declare(ctx, { startedAt: new Date(Date.now() + 3_600_000) });
    await expect(future).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { startedAt: [expect.stringMatching(/future/)] } });
  });

  it("refuses another dataspace's services, requests and alerts, naming the field, and writes nothing", async () => {
    const otherOwner = await seedUser();
    const other = await seedDataspace({ owner: otherOwner });
    const otherCtx = await tenantFor(otherOwner.id, other.slug);
    const theirService = await seedService(otherCtx, "Their API");
    const theirRequest = await seedRequest(otherCtx);
    const theirAlert = await seedAlert(otherCtx);
    const mine = await seedService(ctx);
    const before = await db.incident.count({ where: { dataspaceId: space.id } });

    await expect(declare(ctx, { services: [{ serviceId: mine.id, impact: "partial_outage" }, { serviceId: theirService.id, impact: "major_outage" }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "services.1.serviceId": ["No such service in this dataspace"] },
    });
    await expect(declare(ctx, { requestId: theirRequest.id })).rejects.toMatchObject({ fieldErrors: { requestId: ["No such request in this dataspace"] } });
    await expect(declare(ctx, { alertIds: [theirAlert.id] })).rejects.toMatchObject({ fieldErrors: { "alertIds.0": ["No such alert in this dataspace"] } });

    expect(await db.incident.count({ where: { dataspaceId: space.id } })).toBe(before);
    expect(await statusOf(mine.id)).toBe("operational");
    expect(await statusOf(theirService.id)).toBe("operational");
    expect((await db.alert.findUniqueOrThrow({ where: { id: theirAlert.id } })).incidentId).toBeNull();
  });

  it("refuses a private request the member may not see", async () => {
    const member = await seedUser();
    await addMember(space, member, "MEMBER");
    const secret = await seedRequest(ctx, { title: "Salary review", isPrivate: true });
    const memberCtx = await tenantFor(member.id, space.slug);
    await expect(declare(memberCtx, { requestId: secret.id })).rejects.toMatchObject({ fieldErrors: { requestId: ["No such request in this dataspace"] } });
  });

  it("refuses a resolved initial status, a service listed twice, an empty message and an unknown impact", () => {
    const base = { title: "Bad input", message: "x" };
    const service = crypto.randomUUID();
    const issues = (input: Record<string, unknown>) => createIncidentInput.safeParse({ ...base, ...input }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ status: "resolved" })).toEqual([expect.stringMatching(/^status: An incident is declared open/)]);
    expect(issues({ services: [{ serviceId: service, impact: "major_outage" }, { serviceId: service, impact: "partial_outage" }] })).toEqual(["services.1.serviceId: This service is listed twice"]);
    expect(issues({ message: "   " })).toEqual([expect.stringMatching(/^message: .*empty/)]);
    expect(issues({ services: [{ serviceId: service, impact: "on_fire" }] })).toEqual([expect.stringMatching(/^services.0.impact: Impact is/)]);
  });

  it("refuses text with NUL or a lone surrogate at the edge", async () => {
    const caller = callerFor(owner.id);
    await expect(caller.incident.create({ dataspace: space.slug, title: "Bad\u0000title", message: "ok" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await expect(caller.incident.create({ dataspace: space.slug, title: "ok", message: "half \ud800 a pair" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    const incident = await declare(ctx);
    await expect(caller.incident.addUpdate({ dataspace: space.slug, incidentId: incident.id, status: "monitoring", message: "\udc00" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });
});

describe("the timeline", () => {
  let owner: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;

  beforeAll(async () => {
    owner = await seedUser();
    space = await seedDataspace({ owner });
    ctx = await tenantFor(owner.id, space.slug);
  });

  it("an update moves the status and writes incident.updated with the change and the new entry", async () => {
    const service = await seedService(ctx);
    const incident = await declare(ctx, { services: [{ serviceId: service.id, impact: "partial_outage" }] });
    const mark = await eventMark(space.id);
    const after = await post(ctx, incident.id, "identified", "A bad deploy; rolling back");
    expect(after.status).toBe("identified");
    expect(after.updates.map((u) => u.status)).toEqual(["investigating", "identified"]);
    const events = await eventsSince(space.id, mark);
    // Still open: the service keeps its impact, no status event.
    expect(events.map((e) => e.type)).toEqual(["incident.updated"]);
    const data = events[0].data as Record<string, unknown>;
    expect(data.changes).toEqual({ status: { from: "investigating", to: "identified" } });
    expect(data.update).toEqual({ uuid: after.updates[1].id, message: "A bad deploy; rolling back", status: "identified", author: owner.email, created_date: expect.stringMatching(ISO) });
    expect(await statusOf(service.id)).toBe("partial_outage");

    const mark2 = await eventMark(space.id);
    await post(ctx, incident.id, "identified", "Rollback at 50%");
    const [noteEvent] = await eventsSince(space.id, mark2);
    expect(noteEvent.type).toBe("incident.updated");
    expect((noteEvent.data as { changes: unknown }).changes).toEqual({});
    expect((noteEvent.data as { update: { message: string } }).update.message).toBe("Rollback at 50%");
  });

  it("resolving sets resolvedAt, writes incident.resolved and returns the services to operational", async () => {
    const service = await seedService(ctx);
    const incident = await declare(ctx, { services: [{ serviceId: service.id, impact: "major_outage" }] });
    const mark = await eventMark(space.id);
    const resolved = await resolve(ctx, incident.id);
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    expect(resolved.updates.at(-1)).toMatchObject({ status: "resolved", message: "This incident has been resolved." });
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["incident.resolved", "service.status_changed"]);
    expect((events[0].data as { changes: unknown }).changes).toEqual({
      status: { from: "investigating", to: "resolved" },
      resolved_date: { from: null, to: resolved.resolvedAt!.toISOString() },
    });
    expect(events[1].data).toMatchObject({ uuid: service.id, status: "operational", previous_status: "major_outage", cause: { type: "incident", uuid: incident.id } });
    expect(await statusOf(service.id)).toBe("operational");

    // A second click changes nothing.
    const again = await eventMark(space.id);
    await expect(resolve(ctx, incident.id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already resolved/) });
    expect(await eventsSince(space.id, again)).toEqual([]);
    // A note after the fact keeps the resolution time and publishes an update, not a second resolution.
    const note = await post(ctx, incident.id, "resolved", "Postmortem to follow");
    expect(note.resolvedAt?.toISOString()).toBe(resolved.resolvedAt!.toISOString());
    expect((await eventsSince(space.id, again)).map((e) => e.type)).toEqual(["incident.updated"]);
  });

  it("resolving one of two incidents on a service leaves it held by the other; resolving both frees it", async () => {
    const service = await seedService(ctx, "Shared database");
    const outage = await declare(ctx, { title: "Primary down", services: [{ serviceId: service.id, impact: "major_outage" }] });
    const slow = await declare(ctx, { title: "Replica lag", services: [{ serviceId: service.id, impact: "degraded_performance" }] });
    expect(await statusOf(service.id)).toBe("major_outage");

    await resolve(ctx, outage.id);
    expect(await statusOf(service.id)).toBe("degraded_performance");
    await resolve(ctx, slow.id);
    expect(await statusOf(service.id)).toBe("operational");
  });

  it("a maintenance in progress holds the service once its incident is resolved", async () => {
    const service = await seedService(ctx);
    const now = Date.now();
    const window = await ctx.db.maintenance.create({
      data: { dataspaceId: space.id, title: "Disk swap", status: "in_progress", scheduledStart: new Date(now - 60_000), scheduledEnd: new Date(now + 3_600_000), startedAt: new Date(now - 60_000) },
    });
    await ctx.db.maintenanceService.create({ data: { dataspaceId: space.id, maintenanceId: window.id, serviceId: service.id } });
    const incident = await declare(ctx, { services: [{ serviceId: service.id, impact: "partial_outage" }] });
    expect(await statusOf(service.id)).toBe("partial_outage");
    await resolve(ctx, incident.id);
    expect(await statusOf(service.id)).toBe("under_maintenance");
  });

  it("two incidents of one service resolved at the same moment leave it operational", async () => {
    for (let round = 0; round < 5; round++) {
      const service = await seedService(ctx);
      const a = await declare(ctx, { services: [{ serviceId: service.id, impact: "major_outage" }] });
      const b = await declare(ctx, { services: [{ serviceId: service.id, impact: "partial_outage" }] });
      await Promise.all([resolve(ctx, a.id), resolve(ctx, b.id)]);
      expect(await statusOf(service.id), `round ${round}`).toBe("operational");
    }
  });

  it("an update with an open status reopens a resolved incident and its services take its impact again", async () => {
    const service = await seedService(ctx);
    const incident = await declare(ctx, { services: [{ serviceId: service.id, impact: "partial_outage" }] });
    const resolved = await resolve(ctx, incident.id);
    expect(await statusOf(service.id)).toBe("operational");
    const mark = await eventMark(space.id);
    const reopened = await post(ctx, incident.id, "investigating", "It is back");
    expect(reopened.status).toBe("investigating");
    expect(reopened.resolvedAt).toBeNull();
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["incident.updated", "service.status_changed"]);
    expect((events[0].data as { changes: unknown }).changes).toEqual({
      status: { from: "resolved", to: "investigating" },
      resolved_date: { from: resolved.resolvedAt!.toISOString(), to: null },
    });
    expect(await statusOf(service.id)).toBe("partial_outage");
  });

  it(`holds at most ${MAX_INCIDENT_UPDATES} updates`, async () => {
    const incident = await declare(ctx);
    await db.incidentUpdate.createMany({
      data: Array.from({ length: MAX_INCIDENT_UPDATES - 1 }, (_, i) => ({ dataspaceId: space.id, incidentId: incident.id, message: `Note ${i}`, status: "investigating" as const })),
    });
    await expect(post(ctx, incident.id, "monitoring")).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/timeline is full/) });
    expect(await db.incidentUpdate.count({ where: { incidentId: incident.id } })).toBe(MAX_INCIDENT_UPDATES);
  });
});

describe("editing an incident", () => {
  let owner: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;

  beforeAll(async () => {
    owner = await seedUser();
    space = await seedDataspace({ owner });
    ctx = await tenantFor(owner.id, space.slug);
  });

  const edit = (id: string, patch: Record<string, unknown>) => updateIncident(ctx, updateIncidentInput.parse({ id, patch }));

  it("changes title and severity with one incident.updated naming them", async () => {
    const incident = await declare(ctx, { title: "Slow pages", severity: "minor" });
    const mark = await eventMark(space.id);
    await edit(incident.id, { title: "Slow pages in EU", severity: "major" });
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["incident.updated"]);
    expect(events[0].data).toMatchObject({
      title: "Slow pages in EU",
      severity: "major",
      update: null,
      changes: { title: { from: "Slow pages", to: "Slow pages in EU" }, severity: { from: "minor", to: "major" } },
    });
    expect(Object.keys((events[0].data as { changes: object }).changes)).toEqual(["title", "severity"]);
  });

  it("adds, removes and re-rates services, moving each service's status", async () => {
    const [kept, dropped, added] = [await seedService(ctx, "Kept"), await seedService(ctx, "Dropped"), await seedService(ctx, "Added")];
    const incident = await declare(ctx, {
      services: [
        { serviceId: kept.id, impact: "degraded_performance" },
        { serviceId: dropped.id, impact: "major_outage" },
      ],
    });
    const mark = await eventMark(space.id);
    const after = await edit(incident.id, {
      services: [
        { serviceId: kept.id, impact: "partial_outage" },
        { serviceId: added.id, impact: "degraded_performance" },
      ],
    });
    expect(after.services.map((s) => [s.service.name, s.impact])).toEqual([
      ["Added", "degraded_performance"],
      ["Kept", "partial_outage"],
    ]);
    expect([await statusOf(kept.id), await statusOf(dropped.id), await statusOf(added.id)]).toEqual(["partial_outage", "operational", "degraded_performance"]);
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["incident.updated", "service.status_changed", "service.status_changed", "service.status_changed"]);
    expect((events[0].data as { changes: Record<string, unknown> }).changes).toEqual({
      affected_services: {
        from: [
          { uuid: dropped.id, name: "Dropped", api_url: `/api/v1/services/${dropped.id}`, impact: "major_outage" },
          { uuid: kept.id, name: "Kept", api_url: `/api/v1/services/${kept.id}`, impact: "degraded_performance" },
        ],
        to: [
          { uuid: added.id, name: "Added", api_url: `/api/v1/services/${added.id}`, impact: "degraded_performance" },
          { uuid: kept.id, name: "Kept", api_url: `/api/v1/services/${kept.id}`, impact: "partial_outage" },
        ],
      },
    });

    // On a resolved incident the services change on paper only.
    await resolve(ctx, incident.id);
    await edit(incident.id, { services: [{ serviceId: dropped.id, impact: "major_outage" }] });
    expect(await statusOf(dropped.id)).toBe("operational");
  });

  it("writes nothing when nothing changes, and refuses another dataspace's service", async () => {
    const service = await seedService(ctx);
    const incident = await declare(ctx, { title: "Same", services: [{ serviceId: service.id, impact: "partial_outage" }] });
    const mark = await eventMark(space.id);
    await edit(incident.id, { title: "Same", services: [{ serviceId: service.id, impact: "partial_outage" }] });
    expect(await eventsSince(space.id, mark)).toEqual([]);

    const stranger = await seedUser();
    const elsewhere = await seedDataspace({ owner: stranger });
    const theirs = await seedService(await tenantFor(stranger.id, elsewhere.slug));
    await expect(edit(incident.id, { services: [{ serviceId: theirs.id, impact: "major_outage" }] })).rejects.toMatchObject({
      fieldErrors: { "services.0.serviceId": ["No such service in this dataspace"] },
    });
    expect(await statusOf(service.id)).toBe("partial_outage");
    expect(await eventsSince(space.id, mark)).toEqual([]);
  });
});

describe("reading incidents", () => {
  let owner: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;

  beforeAll(async () => {
    owner = await seedUser();
    space = await seedDataspace({ owner });
    ctx = await tenantFor(owner.id, space.slug);
  });

  it("lists newest first across pages, each incident once, even with equal timestamps", async () => {
    const at = [new Date("2026-01-01T10:00:00Z"), new Date("2026-01-02T10:00:00Z")];
    await db.incident.createMany({ data: Array.from({ length: 23 }, (_, i) => ({ dataspaceId: space.id, title: `Old ${i}`, createdAt: at[i % 2] })) });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listIncidents(ctx, listIncidentsInput.parse({ limit: 5, cursor }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    const all = await db.incident.findMany({ where: { dataspaceId: space.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((i) => i.id));
  });

  it("filters by open, resolved, a status, severity and service", async () => {
    const filtered = await seedDataspace({ owner });
    const fctx = await tenantFor(owner.id, filtered.slug);
    const service = await seedService(fctx);
    const investigating = await declare(fctx, { severity: "critical", services: [{ serviceId: service.id, impact: "major_outage" }] });
    const monitoring = await declare(fctx, { severity: "minor", status: "monitoring" });
    const resolved = await declare(fctx, { severity: "critical" });
    await resolve(fctx, resolved.id);
    const list = async (filters: Record<string, unknown>) =>
      (await callerFor(owner.id).incident.list({ dataspace: filtered.slug, ...filters })).items.map((i) => i.id).sort();
    expect(await list({ status: ["open"] })).toEqual([investigating.id, monitoring.id].sort());
    expect(await list({ status: ["resolved"] })).toEqual([resolved.id]);
    expect(await list({ status: ["monitoring", "resolved"] })).toEqual([monitoring.id, resolved.id].sort());
    expect(await list({ severity: ["critical"] })).toEqual([investigating.id, resolved.id].sort());
    expect(await list({ severity: ["critical"], status: ["open"] })).toEqual([investigating.id]);
    expect(await list({ serviceId: service.id })).toEqual([investigating.id]);
    const [row] = (await callerFor(owner.id).incident.list({ dataspace: filtered.slug, serviceId: service.id })).items;
    expect(row).toMatchObject({ severity: "critical", status: "investigating", services: [{ impact: "major_outage", service: { id: service.id } }], _count: { updates: 1 } });
  });

  it("refuses a cursor it did not issue", async () => {
    const caller = callerFor(owner.id);
    await expect(caller.incident.list({ dataspace: space.slug, cursor: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
    const foreign = encodeCursor("requests:-createdAt", [String(Date.now()), crypto.randomUUID()]);
    await expect(caller.incident.list({ dataspace: space.slug, cursor: foreign })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows the timeline in order, the services, the alerts and the request the reader may see", async () => {
    const member = await seedUser();
    await addMember(space, member, "MEMBER");
    const service = await seedService(ctx, "Search");
    const secret = await seedRequest(ctx, { title: "Private escalation", isPrivate: true });
    const alert = await seedAlert(ctx, "Search p99 > 2s");
    const incident = await declare(ctx, { services: [{ serviceId: service.id, impact: "partial_outage" }], requestId: secret.id, alertIds: [alert.id] });
    await post(ctx, incident.id, "identified", "Second");
    await post(ctx, incident.id, "monitoring", "Third");

    const asOwner = await getIncidentDetail(ctx, incident.id);
    expect(asOwner.updates.map((u) => u.status)).toEqual(["investigating", "identified", "monitoring"]);
    expect(asOwner.services).toEqual([{ impact: "partial_outage", service: { id: service.id, name: "Search" } }]);
    expect(asOwner.alerts).toEqual([{ id: alert.id, title: "Search p99 > 2s", severity: "warning", status: "triggered" }]);
    expect(asOwner.request).toEqual({ id: secret.id, title: "Private escalation", status: "open" });

    // A member who may not see the private request sees that one is linked, not which.
    const asMember = await callerFor(member.id).incident.get({ dataspace: space.slug, id: incident.id });
    expect(asMember.requestId).toBe(secret.id);
    expect(asMember.request).toBeNull();
    expect(JSON.stringify(asMember)).not.toContain("Private escalation");
  });
});

describe("roles", () => {
  it("a viewer reads incidents but cannot declare, edit, update or resolve one", async () => {
    const owner = await seedUser();
    const viewer = await seedUser();
    const space = await seedDataspace({ owner });
    await addMember(space, viewer, "VIEWER");
    const ctx = await tenantFor(owner.id, space.slug);
    const service = await seedService(ctx);
    const incident = await declare(ctx, { services: [{ serviceId: service.id, impact: "major_outage" }] });
    const caller = callerFor(viewer.id);
    const slug = space.slug;
    const attempts = {
      create: () => caller.incident.create({ dataspace: slug, title: "By a viewer", message: "x" }),
      update: () => caller.incident.update({ dataspace: slug, id: incident.id, patch: { title: "Edited" } }),
      addUpdate: () => caller.incident.addUpdate({ dataspace: slug, incidentId: incident.id, status: "monitoring", message: "x" }),
      resolve: () => caller.incident.resolve({ dataspace: slug, id: incident.id }),
    };
    for (const [name, attempt] of Object.entries(attempts)) await expect(attempt(), name).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await caller.incident.get({ dataspace: slug, id: incident.id })).status).toBe("investigating");
    expect((await caller.incident.list({ dataspace: slug })).items.map((i) => i.id)).toEqual([incident.id]);
    expect(await statusOf(service.id)).toBe("major_outage");
  });
});

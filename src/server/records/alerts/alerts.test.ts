import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { addMember, callerFor, seedDataspace, seedRequest, seedUser, tenantFor } from "../../../../test/factories";
import { raiseAlertInput, type RaiseAlertInput } from "./alert.schema";
import { snapshotDataspace } from "../../../../test/snapshot";
import { acknowledgeOpenAlerts, defaultFingerprint, resolveOpenAlerts, upsertOpenAlerts } from "./alert-store";
import { acknowledgeAlert, resolveAlert } from "./alert-status";
import { createIncidentFromAlert } from "./create-incident-from-alert";
import { createRequestFromAlert } from "./create-request-from-alert";
import { getAlert } from "./get-alert";
import { linkAlert } from "./link-alert";
import { listAlerts } from "./list-alerts";
import { raiseAlert } from "./raise-alert";

describe("alerts", () => {
  let owner: { id: string; email: string };
  let ctx: TenantContext;
  let memberCtx: TenantContext;
  let viewerCtx: TenantContext;
  let other: TenantContext;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olga Owner" });
    const member = await seedUser({ name: "Max Member" });
    const viewer = await seedUser({ name: "Vera Viewer" });
    const space = await seedDataspace({ owner, name: "Alerting team" });
    await addMember(space, member, "MEMBER");
    await addMember(space, viewer, "VIEWER");
    ctx = await tenantFor(owner.id, space.slug);
    memberCtx = await tenantFor(member.id, space.slug);
    viewerCtx = await tenantFor(viewer.id, space.slug);
    const otherOwner = await seedUser();
    other = await tenantFor(otherOwner.id, (await seedDataspace({ owner: otherOwner, name: "Other team" })).slug);
  });

  const raise = (input: RaiseAlertInput, as: TenantContext = ctx) => raiseAlert(as, raiseAlertInput.parse(input));
  const eventsOf = (type: string, alertId: string) =>
    db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type, data: { path: ["uuid"], equals: alertId } }, orderBy: { seq: "asc" } });
  const unique = () => Math.random().toString(36).slice(2, 10);

  it("raises a new alert, then counts repeats of its fingerprint on it: count, last seen, payload, the worse severity — one alert.triggered", async () => {
    const fingerprint = `disk-full-${unique()}`;
    const first = await raise({ title: "Disk 95% full on db-1", severity: "warning", fingerprint, payload: { used: 95 } });
    expect(first.created).toBe(true);
    expect(first.alert).toMatchObject({ title: "Disk 95% full on db-1", severity: "warning", status: "triggered", source: "api", count: 1, fingerprint, openFingerprint: fingerprint, payload: { used: 95 } });

    const second = await raise({ title: "Disk 97% full on db-1", severity: "critical", fingerprint, payload: { used: 97 } });
    expect(second.created).toBe(false);
    expect(second.alert).toMatchObject({ id: first.alert.id, count: 2, severity: "critical", payload: { used: 97 }, title: "Disk 95% full on db-1" });
    expect(second.alert.lastSeenAt.getTime()).toBeGreaterThanOrEqual(first.alert.lastSeenAt.getTime());
    expect(second.alert.triggeredAt).toEqual(first.alert.triggeredAt);

    // A milder repeat does not lower the severity.
    const third = await raise({ title: "Disk 95% full on db-1", severity: "info", fingerprint });
    expect(third.alert).toMatchObject({ id: first.alert.id, count: 3, severity: "critical" });

    const triggered = await eventsOf("alert.triggered", first.alert.id);
    expect(triggered).toHaveLength(1);
    expect(triggered[0]).toMatchObject({ actorId: owner.id, data: { uuid: first.alert.id, count: 1, severity: "warning", status: "triggered", source: "api", dataspace: "Alerting team" } });
    expect(await db.alert.count({ where: { dataspaceId: ctx.dataspace.id, fingerprint } })).toBe(1);
  });

  it("fingerprints an alert raised without one by its source and title", async () => {
    const title = `Checkout p95 above 800 ms ${unique()}`;
    const a = await raise({ title });
    const b = await raise({ title, severity: "error" });
    const c = await raise({ title: `${title}!` });
    expect(a.alert.fingerprint).toBe(defaultFingerprint("api", title));
    expect(b).toMatchObject({ created: false, alert: { id: a.alert.id, count: 2 } });
    expect(c.created).toBe(true);
  });

  it("makes ONE alert of 50 concurrent raises of one fingerprint, counting all 50, with one alert.triggered", async () => {
    const fingerprint = `stampede-${unique()}`;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => raise({ title: `Stampede ${i}`, fingerprint, severity: i === 17 ? "critical" : "warning" })));
    const alerts = await db.alert.findMany({ where: { dataspaceId: ctx.dataspace.id, fingerprint } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ count: 50, severity: "critical", status: "triggered" });
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.alert.id))).toEqual(new Set([alerts[0].id]));
    expect(results.map((r) => r.alert.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await eventsOf("alert.triggered", alerts[0].id)).toHaveLength(1);
  });

  it("acknowledges (who and when) and resolves; the fingerprint is then free, so the next raise is a new alert", async () => {
    const fingerprint = `queue-lag-${unique()}`;
    const { alert } = await raise({ title: "Queue lag", fingerprint });

    const acked = await acknowledgeAlert(memberCtx, { id: alert.id });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedById: memberCtx.actor.userId, acknowledgedBy: { name: "Max Member" } });
    expect(acked.acknowledgedAt).toBeInstanceOf(Date);
    // Again: nothing changes, nothing is published.
    await acknowledgeAlert(ctx, { id: alert.id });
    expect((await getAlert(ctx, alert.id)).acknowledgedById).toBe(memberCtx.actor.userId);
    expect(await eventsOf("alert.acknowledged", alert.id)).toHaveLength(1);

    // Still open while acknowledged: a repeat counts on it and keeps it acknowledged.
    expect((await raise({ title: "Queue lag", fingerprint })).alert).toMatchObject({ id: alert.id, count: 2, status: "acknowledged" });

    const resolved = await resolveAlert(memberCtx, { fingerprint });
    expect(resolved).toMatchObject({ id: alert.id, status: "resolved", openFingerprint: null, fingerprint });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const [event] = await eventsOf("alert.resolved", alert.id);
    expect(event.data).toMatchObject({ status: "resolved", acknowledged_by: expect.stringContaining("@"), count: 2 });

    await expect(resolveAlert(ctx, { fingerprint })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await resolveAlert(ctx, { id: alert.id })).toMatchObject({ status: "resolved" }); // by id: already so
    expect(await eventsOf("alert.resolved", alert.id)).toHaveLength(1);
    await expect(acknowledgeAlert(ctx, { id: alert.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const again = await raise({ title: "Queue lag", fingerprint });
    expect(again).toMatchObject({ created: true, alert: { count: 1, status: "triggered" } });
    expect(again.alert.id).not.toBe(alert.id);
  });

  it("keeps viewers to reading and other dataspaces out", async () => {
    const { alert } = await raise({ title: `Viewer test ${unique()}` });
    await expect(raise({ title: "By a viewer" }, viewerCtx)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acknowledgeAlert(viewerCtx, { id: alert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveAlert(viewerCtx, { id: alert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(linkAlert(viewerCtx, { id: alert.id, incidentId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createRequestFromAlert(viewerCtx, { id: alert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getAlert(viewerCtx, alert.id)).id).toBe(alert.id);

    for (const call of [
      () => getAlert(other, alert.id),
      () => acknowledgeAlert(other, { id: alert.id }),
      () => resolveAlert(other, { id: alert.id }),
      () => linkAlert(other, { id: alert.id, incidentId: null }),
      () => createRequestFromAlert(other, { id: alert.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(resolveAlert(other, { fingerprint: alert.fingerprint })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The same fingerprint in another dataspace is another alert.
    expect((await raise({ title: alert.title }, other)).created).toBe(true);
    const otherService = await other.db.service.create({ data: { dataspaceId: other.dataspace.id, name: `Other service ${unique()}` } });
    await expect(raise({ title: "Named someone else's service", serviceId: otherService.id })).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { serviceId: [expect.any(String)] } });
    expect((await getAlert(ctx, alert.id)).status).toBe("triggered");
  });

  it("refuses NUL characters and lone surrogates at the edge", async () => {
    const caller = callerFor(owner.id);
    await expect(caller.alert.raise({ dataspace: ctx.dataspace.slug, title: "Bad\u0000title" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await expect(caller.alert.raise({ dataspace: ctx.dataspace.slug, title: "Fine", payload: { "\ud800": 1 } })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await expect(caller.alert.resolve({ dataspace: ctx.dataspace.slug, fingerprint: "fp\ud800" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });

  it("links to an incident and a request of the dataspace; a private request shows only its id to those who may not see it", async () => {
    const { alert } = await raise({ title: `Link test ${unique()}` });
    const incident = await ctx.db.incident.create({ data: { dataspaceId: ctx.dataspace.id, title: "Checkout down" } });
    const privateRequest = await seedRequest(ctx, { title: "Owner's private follow-up", isPrivate: true });
    const linked = await linkAlert(ctx, { id: alert.id, incidentId: incident.id, requestId: privateRequest.id });
    expect(linked).toMatchObject({ incident: { id: incident.id, title: "Checkout down" }, request: { id: privateRequest.id, title: "Owner's private follow-up" } });
    expect((await getAlert(viewerCtx, alert.id)).request).toEqual({ id: privateRequest.id, title: null, status: null });

    // A member may not link a request they cannot see, nor another dataspace's records.
    await expect(linkAlert(memberCtx, { id: alert.id, requestId: privateRequest.id })).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { requestId: [expect.any(String)] } });
    const otherRequest = await seedRequest(other, { title: "Other's request" });
    const otherIncident = await other.db.incident.create({ data: { dataspaceId: other.dataspace.id, title: "Other's incident" } });
    await expect(linkAlert(ctx, { id: alert.id, requestId: otherRequest.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(linkAlert(ctx, { id: alert.id, incidentId: otherIncident.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const unlinked = await linkAlert(memberCtx, { id: alert.id, incidentId: null });
    expect(unlinked).toMatchObject({ incidentId: null, requestId: privateRequest.id });
  });

  it("creates a request from an alert in one call: title, notes with a link back, priority from severity — once", async () => {
    const { alert } = await raise({ title: `Payments 5xx ${unique()}`, severity: "critical", description: "Error rate 12%" });
    const { alert: after, requestId } = await createRequestFromAlert(memberCtx, { id: alert.id });
    expect(after.request).toMatchObject({ id: requestId, title: alert.title, status: "open" });
    const request = await db.request.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ title: alert.title, priority: "urgent", requesterId: memberCtx.actor.userId, dataspaceId: ctx.dataspace.id });
    expect(request.notes).toContain("Error rate 12%");
    expect(request.notes).toContain(`/d/${ctx.dataspace.slug}/alerts/${alert.id}`);
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id, type: "request.added", data: { path: ["uuid"], equals: requestId } } })).toBe(1);
    await expect(createRequestFromAlert(memberCtx, { id: alert.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lists newest first with filters and keyset pages", async () => {
    const space = await seedDataspace({ owner, name: "List team" });
    const lctx = await tenantFor(owner.id, space.slug);
    const service = await lctx.db.service.create({ data: { dataspaceId: space.id, name: "Checkout API" } });
    const a = await raise({ title: "CPU high", severity: "warning" }, lctx);
    const b = await raise({ title: "Checkout errors", severity: "critical", serviceId: service.id }, lctx);
    const c = await raise({ title: "Checkout latency", severity: "info", serviceId: service.id }, lctx);
    await resolveAlert(lctx, { id: c.alert.id });

    const ids = async (input: Parameters<typeof listAlerts>[1] extends infer I ? Partial<I> : never) =>
      (await listAlerts(lctx, { limit: 25, ...input })).items.map((item) => item.id);
    expect(await ids({})).toEqual([c.alert.id, b.alert.id, a.alert.id]);
    expect(await ids({ status: ["triggered", "acknowledged"] })).toEqual([b.alert.id, a.alert.id]);
    expect(await ids({ severity: ["critical", "warning"] })).toEqual([b.alert.id, a.alert.id]);
    expect(await ids({ serviceId: service.id })).toEqual([c.alert.id, b.alert.id]);
    expect(await ids({ source: ["datadog"] })).toEqual([]);
    expect(await ids({ q: "checkout" })).toEqual([c.alert.id, b.alert.id]);

    const first = await listAlerts(lctx, { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([c.alert.id, b.alert.id]);
    expect(first.items[1]).toMatchObject({ severity: "critical", count: 1, service: { id: service.id, name: "Checkout API" } });
    expect(first.items[1]).not.toHaveProperty("payload");
    const second = await listAlerts(lctx, { limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ id: a.alert.id })], nextCursor: null });
    await expect(listAlerts(lctx, { limit: 2, cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("keeps its raw statements in their dataspace: named with another's id, or aimed at its fingerprints, they touch nothing of it", async () => {
    const { alert: theirs } = await raise({ title: `Other's alert ${unique()}`, fingerprint: `theirs-${unique()}` }, other);
    const before = await snapshotDataspace(other.dataspace.id);
    const at = new Date();
    const raiseOf = (fingerprint: string) => ({ source: "api", sourceIntegrationId: null, title: "Mine", description: "", severity: "info" as const, fingerprint, serviceId: null, payload: {}, links: [], firstAt: at, lastAt: at, repeats: 1 });
    // In our dataspace, their fingerprint is ours to raise: a new alert of ours.
    const mine = await ctx.db.$transaction((tx) => upsertOpenAlerts(tx, ctx.dataspace.id, [raiseOf(theirs.fingerprint)], at));
    expect(mine.get(theirs.fingerprint)).toMatchObject({ created: true, row: { dataspaceId: ctx.dataspace.id, count: 1 } });
    await ctx.db.$transaction((tx) => resolveOpenAlerts(tx, ctx.dataspace.id, [{ fingerprint: theirs.fingerprint, at }]));
    // Their dataspace's id inside our transaction: row-level security hides their rows and refuses the insert.
    expect(await ctx.db.$transaction((tx) => acknowledgeOpenAlerts(tx, other.dataspace.id, [{ fingerprint: theirs.fingerprint, at }], null))).toEqual([]);
    expect(await ctx.db.$transaction((tx) => resolveOpenAlerts(tx, other.dataspace.id, [{ fingerprint: theirs.fingerprint, at }]))).toEqual([]);
    await expect(ctx.db.$transaction((tx) => upsertOpenAlerts(tx, other.dataspace.id, [raiseOf(theirs.fingerprint)], at))).rejects.toThrow();
    expect(await snapshotDataspace(other.dataspace.id)).toEqual(before);
  });

  it("declares an incident from an alert in one click: its title, a severity and impact from the alert's, its service down, the alert linked — once", async () => {
    const service = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: `Payments ${unique()}` } });
    const { alert } = await raise({ title: "Payments 5xx above 5%", description: "p99 at 4 s", severity: "critical", serviceId: service.id });
    await expect(createIncidentFromAlert(viewerCtx, { id: alert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createIncidentFromAlert(other, { id: alert.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const { incidentId } = await createIncidentFromAlert(memberCtx, { id: alert.id });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { services: true, updates: true, alerts: true } });
    expect(incident).toMatchObject({ title: "Payments 5xx above 5%", severity: "critical", status: "investigating", startedAt: alert.triggeredAt });
    expect(incident.services).toEqual([expect.objectContaining({ serviceId: service.id, impact: "major_outage" })]);
    expect(incident.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(incident.updates[0].message).toContain("p99 at 4 s");
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).status).toBe("major_outage");
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id, type: "incident.created", data: { path: ["uuid"], equals: incidentId } } })).toBe(1);

    // A second click declares nothing.
    await expect(createIncidentFromAlert(ctx, { id: alert.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.incident.count({ where: { dataspaceId: ctx.dataspace.id, title: "Payments 5xx above 5%" } })).toBe(1);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { addIncidentUpdate, resolveIncident } from "@/server/records/incidents/add-incident-update";
import { createIncident } from "@/server/records/incidents/create-incident";
import { addIncidentUpdateInput, createIncidentInput, resolveIncidentInput, updateIncidentInput } from "@/server/records/incidents/incident.schema";
import { updateIncident } from "@/server/records/incidents/update-incident";
import { cancelMaintenance } from "@/server/records/maintenances/complete-maintenance";
import { endMaintenanceInput, scheduleMaintenanceInput, updateMaintenanceInput } from "@/server/records/maintenances/maintenance.schema";
import { scheduleMaintenance } from "@/server/records/maintenances/schedule-maintenance";
import { updateMaintenance } from "@/server/records/maintenances/update-maintenance";
import { setServiceStatus } from "@/server/records/services/service-status";
import type { ServiceStatus } from "@/server/records/services/service.schema";
import { startAppRuntime, type AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { startFakeStatuspage, type FakeComponent, type FakeIncident, type FakePage, type FakeStatuspage } from "../fake/fake-statuspage";
import { requestStatuspageReconcile } from "./manage-outbound";

/**
 * Incidents and maintenance windows published to Statuspage, end to end: the app's runtime (the
 * real Inngest functions on the embedded executor, the outbox relay) against the stateful fake,
 * whose contract gate must see no request the real API would refuse. Each scenario has its own
 * dataspace, page and components.
 */
describe("Statuspage publishing", () => {
  let runtime: AppRuntime;
  let fake: FakeStatuspage;

  beforeAll(async () => {
    fake = await startFakeStatuspage();
    runtime = await startAppRuntime({ env: { STATUSPAGE_API_URL: fake.url, STATUSPAGE_TIMEOUT_MS: "2000" }, maxBackoffMs: 150 });
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations, "requests the real Statuspage API would refuse").toEqual([]);
  });
  afterAll(async () => {
    await runtime?.stop();
    await fake?.close();
  });

  type Setup = { ctx: TenantContext; page: FakePage; services: { id: string }[]; components: FakeComponent[]; integrationId: string };

  async function setup(options: { config?: Record<string, unknown>; services?: number; mapped?: number } = {}): Promise<Setup> {
    const ctx = await integrationTenant();
    const page = fake.addPage({ name: "Acme status" });
    fake.addSubscriber(page.id, "customer@example.com");
    const services: { id: string }[] = [];
    const components: FakeComponent[] = [];
    for (let i = 0; i < (options.services ?? 2); i++) {
      services.push(await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: `Service ${i + 1}` } }));
      components.push(fake.addComponent(page.id, { name: `Component ${i + 1}` }));
    }
    const mapped = options.mapped ?? services.length;
    const componentMapping = Object.fromEntries(services.slice(0, mapped).map((s, i) => [s.id, components[i].id]));
    const { integration } = await seedIntegration(ctx, {
      type: "STATUSPAGE",
      name: "Status page",
      config: { pageId: page.id, apiKey: page.apiKey, componentMapping, publishIncidents: true, publishMaintenances: true, notifySubscribers: true, ...options.config },
    });
    // The every-minute cron would reconcile a new integration at once; these scenarios drive it themselves.
    await db.integration.update({ where: { id: integration.id }, data: { reconcileStartedAt: new Date() } });
    return { ctx, page, services, components, integrationId: integration.id };
  }

  const declare = (ctx: TenantContext, input: Record<string, unknown>) => createIncident(ctx, createIncidentInput.parse(input));
  const post = (ctx: TenantContext, incidentId: string, status: string, message: string) => addIncidentUpdate(ctx, addIncidentUpdateInput.parse({ incidentId, status, message }));
  const changeStatus = (ctx: TenantContext, serviceId: string, status: ServiceStatus) =>
    transactionWithEvents(ctx.db, (tx) => setServiceStatus(tx, ctx.dataspace, serviceId, status, { type: "manual", uuid: null }, ctx.actor.userId));

  const onlyIncident = async (page: FakePage, timeout = 10_000): Promise<FakeIncident> => {
    await expect.poll(() => page.incidents.size, { timeout }).toBe(1);
    return [...page.incidents.values()][0];
  };
  /** The page's incident as it is now (PATCHes replace the fake's object). */
  const current = (page: FakePage, id: string) => page.incidents.get(id)!;
  const writes = (page: FakePage, path: string) => fake.requests.filter((r) => r.method !== "GET" && r.path === `/v1/pages/${page.id}${path}`);
  const componentPatches = (page: FakePage) => fake.requests.filter((r) => r.method === "PATCH" && r.path.startsWith(`/v1/pages/${page.id}/components/`));
  const runsOf = (dataspaceId: string, fn: string) =>
    db.runtimeRun.findMany({ where: { dataspaceId, functionId: { endsWith: fn } }, select: { status: true }, orderBy: { createdAt: "asc" } });
  const settled = async (dataspaceId: string) => {
    await expect
      .poll(async () => (await db.runtimeRun.findMany({ where: { dataspaceId, functionId: { contains: "statuspage" } }, select: { status: true } })).every((r) => r.status === "COMPLETED"), { timeout: 10_000 })
      .toBe(true);
  };

  it("an incident's lifecycle becomes the Statuspage incident's, its components' statuses carried by the incident's own calls", { timeout: 40_000 }, async () => {
    const { ctx, page, services, components } = await setup();
    const incident = await declare(ctx, {
      title: "Checkout errors",
      severity: "major",
      message: "We are looking into failed payments.",
      services: [{ serviceId: services[0].id, impact: "partial_outage" }],
    });
    const published = await onlyIncident(page);
    expect(published).toMatchObject({
      name: "Checkout errors",
      status: "investigating",
      impactOverride: "major",
      componentIds: [components[0].id],
      metadata: { switchboard: { dataspace: ctx.dataspace.id, integration: expect.any(String), incident: incident.id } },
    });
    expect(fake.component(page.id, components[0].id).status).toBe("partial_outage");
    expect(published.updates).toMatchObject([
      { status: "investigating", body: "We are looking into failed payments.", deliverNotifications: true, affectedComponents: [{ code: components[0].id, old_status: "operational", new_status: "partial_outage" }] },
    ]);

    await post(ctx, incident.id, "identified", "A bad deploy of the card tokenizer.");
    await expect.poll(() => current(page, published.id).status, { timeout: 10_000 }).toBe("identified");

    // A second service joins at a major outage: named on the incident with its status, no new update posted.
    await updateIncident(ctx, updateIncidentInput.parse({ id: incident.id, patch: { services: [{ serviceId: services[0].id, impact: "partial_outage" }, { serviceId: services[1].id, impact: "major_outage" }] } }));
    await expect.poll(() => fake.component(page.id, components[1].id).status, { timeout: 10_000 }).toBe("major_outage");
    expect(current(page, published.id).componentIds.sort()).toEqual([components[0].id, components[1].id].sort());

    await resolveIncident(ctx, resolveIncidentInput.parse({ id: incident.id, message: "Payments work again." }));
    await expect.poll(() => current(page, published.id).status, { timeout: 10_000 }).toBe("resolved");
    expect(fake.component(page.id, components[0].id).status).toBe("operational");
    expect(fake.component(page.id, components[1].id).status).toBe("operational");
    await settled(ctx.dataspace.id);

    // Each change once: one update per timeline entry, one notification each, no separate component PATCH.
    expect(current(page, published.id).updates.map((u) => [u.status, u.body])).toEqual([
      ["investigating", "We are looking into failed payments."],
      ["identified", "A bad deploy of the card tokenizer."],
      ["resolved", "Payments work again."],
    ]);
    expect(page.notifications.map((n) => n.status)).toEqual(["investigating", "identified", "resolved"]);
    expect(writes(page, `/incidents`).length + writes(page, `/incidents/${published.id}`).length).toBe(4);
    expect(componentPatches(page)).toEqual([]);
    expect(await runsOf(ctx.dataspace.id, "statuspage-publish-incident")).toHaveLength(4);
  });

  it("a status set by hand while an incident holds the service goes by component update, and the incident's resolve still sets it back", async () => {
    const { ctx, page, services, components } = await setup({ services: 1, config: { notifySubscribers: false } });
    const incident = await declare(ctx, { title: "Slow search", message: "Search is slow.", services: [{ serviceId: services[0].id, impact: "degraded_performance" }] });
    const published = await onlyIncident(page);
    expect(fake.component(page.id, components[0].id).status).toBe("degraded_performance");
    await changeStatus(ctx, services[0].id, "major_outage");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("major_outage");
    await resolveIncident(ctx, resolveIncidentInput.parse({ id: incident.id }));
    await expect.poll(() => current(page, published.id).status, { timeout: 10_000 }).toBe("resolved");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("operational");
    await settled(ctx.dataspace.id);
    expect(componentPatches(page).map((r) => r.body)).toEqual([{ component: { status: "major_outage" } }]);
    const resolve = writes(page, `/incidents/${published.id}`).at(-1)!;
    expect(resolve.body).toEqual({ incident: { status: "resolved", body: "This incident has been resolved.", components: { [components[0].id]: "operational" }, deliver_notifications: false } });
    expect(page.notifications).toEqual([]);
  });

  it("an incident that touches no mapped service stays off the page until it does; with publishIncidents off the component follows by itself", async () => {
    const { ctx, page, services, components } = await setup({ services: 2, mapped: 1 });
    const incident = await declare(ctx, { title: "Internal build farm down", message: "CI is down.", services: [{ serviceId: services[1].id, impact: "major_outage" }] });
    await expect.poll(() => runsOf(ctx.dataspace.id, "statuspage-publish-incident"), { timeout: 10_000 }).toEqual([{ status: "COMPLETED" }]);
    expect(page.incidents.size).toBe(0);
    await updateIncident(ctx, updateIncidentInput.parse({ id: incident.id, patch: { services: [{ serviceId: services[1].id, impact: "major_outage" }, { serviceId: services[0].id, impact: "partial_outage" }] } }));
    const published = await onlyIncident(page);
    expect(published).toMatchObject({ name: "Internal build farm down", componentIds: [components[0].id], updates: [{ body: "CI is down." }] });
    expect(fake.component(page.id, components[0].id).status).toBe("partial_outage");

    const off = await setup({ services: 1, config: { publishIncidents: false } });
    await declare(off.ctx, { title: "Outage", message: "Down.", services: [{ serviceId: off.services[0].id, impact: "major_outage" }] });
    await expect.poll(() => fake.component(off.page.id, off.components[0].id).status, { timeout: 10_000 }).toBe("major_outage");
    expect(off.page.incidents.size).toBe(0);
    expect(componentPatches(off.page)).toHaveLength(1);
  });

  it("in the report direction an incident names its components but leaves their statuses alone", async () => {
    const { ctx, page, services, components } = await setup({ services: 1, config: { direction: "report" } });
    await declare(ctx, { title: "Latency", message: "Slow.", services: [{ serviceId: services[0].id, impact: "degraded_performance" }] });
    const published = await onlyIncident(page);
    await settled(ctx.dataspace.id);
    expect(published.componentIds).toEqual([components[0].id]);
    expect(fake.component(page.id, components[0].id).status).toBe("operational");
    expect(writes(page, "/incidents")[0].body).not.toHaveProperty("incident.components");
  });

  it("a maintenance window becomes a scheduled incident with its times, follows a reschedule, starts and completes", { timeout: 40_000 }, async () => {
    const { ctx, page, services, components } = await setup({ services: 1 });
    const start = new Date(Math.ceil((Date.now() + 60 * 60_000) / 1000) * 1000);
    const window = await scheduleMaintenance(
      ctx,
      scheduleMaintenanceInput.parse({ title: "Database upgrade", description: "Postgres 17.", scheduledStart: start, scheduledEnd: new Date(start.getTime() + 30 * 60_000), serviceIds: [services[0].id] }),
    );
    const published = await onlyIncident(page);
    expect(published).toMatchObject({
      name: "Database upgrade",
      status: "scheduled",
      scheduledFor: start.toISOString(),
      scheduledUntil: new Date(start.getTime() + 30 * 60_000).toISOString(),
      scheduledAutoInProgress: true,
      scheduledAutoCompleted: true,
      componentIds: [components[0].id],
      updates: [{ status: "scheduled", body: "Postgres 17." }],
    });
    expect(writes(page, "/incidents")[0].body).toMatchObject({ incident: { auto_transition_to_maintenance_state: false, auto_transition_to_operational_state: false, deliver_notifications: true } });
    expect(fake.component(page.id, components[0].id).status).toBe("operational");

    // Rescheduled to start in a few seconds: the new times reach the page, without an update of their own.
    const soon = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    const end = new Date(soon.getTime() + 3_000);
    await updateMaintenance(ctx, updateMaintenanceInput.parse({ id: window.id, patch: { scheduledStart: soon, scheduledEnd: end } }));
    await expect.poll(() => current(page, published.id).scheduledFor, { timeout: 10_000 }).toBe(soon.toISOString());
    expect(current(page, published.id).scheduledUntil).toBe(end.toISOString());
    expect(current(page, published.id).updates).toHaveLength(1);

    // The runtime starts it at its time: Statuspage had not moved it (the fake does not), so it is sent once.
    await expect.poll(() => current(page, published.id).status, { timeout: 15_000 }).toBe("in_progress");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("under_maintenance");
    await expect.poll(() => current(page, published.id).status, { timeout: 15_000 }).toBe("completed");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("operational");
    await settled(ctx.dataspace.id);
    expect(current(page, published.id).updates.map((u) => [u.status, u.body])).toEqual([
      ["scheduled", "Postgres 17."],
      ["in_progress", "Maintenance started"],
      ["completed", "Maintenance completed"],
    ]);
    // Before each move, one read of the page's incident (had Statuspage moved it already?).
    expect(fake.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/incidents/${published.id}`))).toHaveLength(2);
    expect(componentPatches(page).map((r) => r.body)).toEqual([{ component: { status: "under_maintenance" } }, { component: { status: "operational" } }]);
  });

  it("a move Statuspage made itself (its auto transition) is not sent again; a cancelled window ends completed at once", { timeout: 40_000 }, async () => {
    const { ctx, page, services } = await setup({ services: 1 });
    const start = new Date(Math.ceil((Date.now() + 2_500) / 1000) * 1000);
    await scheduleMaintenance(ctx, scheduleMaintenanceInput.parse({ title: "Network work", scheduledStart: start, scheduledEnd: new Date(start.getTime() + 3_000), serviceIds: [services[0].id] }));
    const published = await onlyIncident(page);
    expect(published.updates).toMatchObject([{ status: "scheduled", body: "" }]);
    // Statuspage's scheduled_auto_in_progress, a moment early.
    fake.setIncidentStatus(page.id, published.id, "in_progress");
    await expect.poll(() => fake.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/incidents/${published.id}`)).length, { timeout: 15_000 }).toBe(1);
    fake.setIncidentStatus(page.id, published.id, "completed");
    await expect.poll(() => fake.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/incidents/${published.id}`)).length, { timeout: 15_000 }).toBe(2);
    await settled(ctx.dataspace.id);
    expect(writes(page, `/incidents/${published.id}`)).toEqual([]);

    const later = new Date(Date.now() + 60 * 60_000);
    const window = await scheduleMaintenance(ctx, scheduleMaintenanceInput.parse({ title: "Postponed work", scheduledStart: later, scheduledEnd: new Date(later.getTime() + 60_000), serviceIds: [services[0].id] }));
    await expect.poll(() => page.incidents.size, { timeout: 10_000 }).toBe(2);
    const cancelled = [...page.incidents.values()].find((i) => i.name === "Postponed work")!;
    await cancelMaintenance(ctx, endMaintenanceInput.parse({ id: window.id, message: "Not needed after all." }));
    await expect.poll(() => current(page, cancelled.id).status, { timeout: 10_000 }).toBe("completed");
    expect(current(page, cancelled.id).updates.at(-1)).toMatchObject({ status: "completed", body: "Not needed after all." });
    expect(fake.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/incidents/${cancelled.id}`))).toEqual([]);
  });

  it("what the real API would refuse fails the contract gate; the publisher sends what it takes (a long title cut to 255)", async () => {
    const { ctx, page, services, components } = await setup({ services: 1 });
    const title = `Checkout ${"x".repeat(290)}`;
    await declare(ctx, { title, message: "Long.", services: [{ serviceId: services[0].id, impact: "degraded_performance" }] });
    const published = await onlyIncident(page);
    expect(published.name).toHaveLength(255);
    expect(published.name).toBe(`${title.slice(0, 254)}…`);
    await settled(ctx.dataspace.id);
    expect(fake.violations).toEqual([]);

    const { createStatuspageClient } = await import("../api/client");
    const client = createStatuspageClient({ apiKey: page.apiKey, baseUrl: fake.url, fetch });
    const refused = [
      client.createIncident(page.id, { name: title }),
      client.createIncident(page.id, { name: "Bad status", status: "down" as never }),
      client.createIncident(page.id, { name: "Bad metadata", metadata: { switchboard: "incident" as never } }),
      client.updateIncident(page.id, published.id, { components: { [components[0].id]: "broken" as never } }),
      client.createIncident(page.id, { name: "No end", status: "scheduled", scheduled_for: new Date().toISOString() }),
    ];
    for (const call of refused) await expect(call).rejects.toMatchObject({ name: "StatuspageApiError", kind: "rejected", status: 422 });
    expect(fake.violations).toEqual([
      expect.stringContaining("must NOT have more than 255 characters"),
      expect.stringContaining("/requestBody/incident/status must be equal to one of the allowed values"),
      expect.stringContaining("/requestBody/incident/metadata/switchboard must be object"),
      expect.stringContaining("must be equal to one of the allowed values"),
      expect.stringContaining("scheduled_for and scheduled_until are required for a scheduled incident"),
    ]);
    fake.violations.length = 0;
  });

  it("reconcile repairs incident drift made on the page, resolves there what was resolved here, publishes what was missed, and reports what it leaves", { timeout: 30_000 }, async () => {
    const { ctx, page, services, components, integrationId } = await setup({ services: 2, config: { notifySubscribers: false } });
    const declareOn = (title: string, serviceId: string) => declare(ctx, { title, message: `${title}: investigating.`, services: [{ serviceId, impact: "partial_outage" }] });
    const changed = await declareOn("Changed on the page", services[0].id);
    const resolvedHere = await declareOn("Resolved while the page was unreachable", services[1].id);
    const resolvedThere = await declareOn("Resolved on the page", services[0].id);
    await expect.poll(() => page.incidents.size, { timeout: 10_000 }).toBe(3);
    await settled(ctx.dataspace.id);
    const on = (title: string) => [...page.incidents.values()].find((i) => i.name === title)!;

    // Drift: a person moved one on Statuspage and resolved another there; one was resolved here
    // while Statuspage failed (every call refused until the run gave up); one was declared here
    // without reaching the runtime at all.
    fake.setIncidentStatus(page.id, on(changed.title).id, "monitoring");
    fake.setIncidentStatus(page.id, on(resolvedThere.title).id, "resolved");
    fake.fault({ status: 500, times: 100, match: (r) => r.method === "PATCH" });
    await resolveIncident(ctx, resolveIncidentInput.parse({ id: resolvedHere.id }));
    await expect.poll(() => runsOf(ctx.dataspace.id, "statuspage-publish-incident").then((runs) => runs.at(-1)?.status), { timeout: 20_000 }).toBe("FAILED");
    fake.fault(null);
    const missed = await ctx.db.incident.create({ data: { dataspaceId: ctx.dataspace.id, title: "Never published", status: "identified" } });
    await ctx.db.incidentService.create({ data: { dataspaceId: ctx.dataspace.id, incidentId: missed.id, serviceId: services[1].id, impact: "major_outage" } });
    await ctx.db.incidentUpdate.create({ data: { dataspaceId: ctx.dataspace.id, incidentId: missed.id, message: "Found by the reconcile.", status: "identified" } });
    const before = fake.requests.length;

    await requestStatuspageReconcile(ctx, { id: integrationId });
    await expect.poll(async () => (await db.integration.findUniqueOrThrow({ where: { id: integrationId } })).reconcileResult, { timeout: 15_000 }).toBe("repaired");
    expect(on(changed.title).status).toBe("investigating");
    expect(on(resolvedHere.title).status).toBe("resolved");
    expect(on(resolvedThere.title).status).toBe("resolved");
    expect(on("Never published")).toMatchObject({ status: "identified", componentIds: [components[1].id], updates: [{ body: "Found by the reconcile." }] });
    const { reconcileReport } = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(reconcileReport).toMatchObject({
      direction: "push",
      incidents: {
        compared: 3,
        drift: expect.arrayContaining([
          { incident: { id: changed.id, title: changed.title, status: "investigating" }, statuspage: { id: on(changed.title).id, name: changed.title, status: "monitoring" }, kind: "status", repaired: true },
          { incident: { id: resolvedHere.id, title: resolvedHere.title, status: "resolved" }, statuspage: expect.objectContaining({ status: "investigating" }), kind: "resolved_here", repaired: true },
          { incident: { id: resolvedThere.id, title: resolvedThere.title, status: "investigating" }, statuspage: expect.objectContaining({ status: "resolved" }), kind: "resolved_there", repaired: false },
          { incident: { id: missed.id, title: "Never published", status: "identified" }, statuspage: null, kind: "missing", repaired: true },
        ]),
      },
    });
    expect((reconcileReport as { incidents: { drift: unknown[] } }).incidents.drift).toHaveLength(4);
    // One write per repair: the component, the status set back, the resolve, the creation.
    const repairs = fake.requests.slice(before).filter((r) => r.method !== "GET");
    expect(repairs.map((r) => [r.method, r.path.split("/")[4], r.status])).toEqual([
      ["PATCH", "components", 200], // the second service's component, left at its outage by the failed resolve
      ["PATCH", "incidents", 200],
      ["PATCH", "incidents", 200],
      ["POST", "incidents", 201],
    ]);
    expect(repairs[0].body).toEqual({ component: { status: "operational" } });
    // The resolve then did not send that component again.
    expect(repairs[2].body).toEqual({ incident: { status: "resolved", body: "This incident has been resolved.", deliver_notifications: false } });

    // A second run repairs nothing more; what a person resolved on the page stays reported.
    await db.integration.update({ where: { id: integrationId }, data: { reconcileResult: null } });
    const second = fake.requests.length;
    await requestStatuspageReconcile(ctx, { id: integrationId });
    await expect.poll(async () => (await db.integration.findUniqueOrThrow({ where: { id: integrationId } })).reconcileResult, { timeout: 15_000 }).toBe("drift_reported");
    expect(fake.requests.slice(second).filter((r) => r.method !== "GET")).toEqual([]);
  });
});

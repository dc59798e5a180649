import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { setServiceStatus } from "@/server/records/services/service-status";
import type { ServiceStatus } from "@/server/records/services/service.schema";
import { startAppRuntime, type AppRuntime } from "../../../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { startFakeStatuspage, type FakeComponent, type FakePage, type FakeStatuspage } from "../fake/fake-statuspage";
import { requestStatuspageReconcile } from "./manage-outbound";

/**
 * The outbound sync end to end: the app's runtime (embedded executor, outbox relay, the real
 * Inngest functions) against the stateful Statuspage fake, whose contract gate must see no
 * request the real API would refuse. Each scenario has its own dataspace and components.
 */
describe("Statuspage sync", () => {
  let runtime: AppRuntime;
  let fake: FakeStatuspage;
  let page: FakePage;

  beforeAll(async () => {
    fake = await startFakeStatuspage();
    page = fake.addPage({ name: "Acme status" });
    // maxBackoffMs: the runtime's own backoff is short here, so a wait the test sees is Retry-After's.
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

  async function setup(options: { config?: Record<string, unknown>; apiKey?: string; services?: number; reconcileByCron?: boolean } = {}) {
    const ctx = await integrationTenant();
    const services: { id: string }[] = [];
    const components: FakeComponent[] = [];
    for (let i = 0; i < (options.services ?? 1); i++) {
      services.push(await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: `Service ${i + 1}` } }));
      components.push(fake.addComponent(page.id, { name: `Component ${i + 1}` }));
    }
    const componentMapping = Object.fromEntries(services.map((s, i) => [s.id, components[i].id]));
    const { integration } = await seedIntegration(ctx, {
      type: "STATUSPAGE",
      name: "Status page",
      config: { pageId: page.id, apiKey: options.apiKey ?? page.apiKey, componentMapping, ...options.config },
    });
    // The every-minute cron would reconcile a new integration at once; these scenarios drive it themselves.
    if (!options.reconcileByCron) await db.integration.update({ where: { id: integration.id }, data: { reconcileStartedAt: new Date() } });
    return { ctx, services, components, integrationId: integration.id };
  }

  const changeStatus = (ctx: TenantContext, serviceId: string, status: ServiceStatus) =>
    transactionWithEvents(ctx.db, (tx) => setServiceStatus(tx, ctx.dataspace, serviceId, status, { type: "manual", uuid: null }, ctx.actor.userId));
  const patchesOf = (componentId: string) => fake.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(`/components/${componentId}`));
  const integrationRow = (id: string) => db.integration.findUniqueOrThrow({ where: { id } });
  const runsOf = (dataspaceId: string, fn: string) =>
    db.runtimeRun.findMany({ where: { dataspaceId, functionId: { endsWith: fn } }, select: { status: true }, orderBy: { createdAt: "asc" } });

  it("a service's status change reaches its component, and the next one too", async () => {
    const { ctx, services, components } = await setup();
    await changeStatus(ctx, services[0].id, "major_outage");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("major_outage");
    await changeStatus(ctx, services[0].id, "operational");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("operational");
    expect(patchesOf(components[0].id).map((r) => r.body)).toEqual([{ component: { status: "major_outage" } }, { component: { status: "operational" } }]);
    expect(patchesOf(components[0].id).every((r) => r.status === 200)).toBe(true);
  });

  it("leaves Statuspage alone when the direction is pull or report", async () => {
    const { ctx, services, components } = await setup({ config: { direction: "report" } });
    await changeStatus(ctx, services[0].id, "partial_outage");
    await expect.poll(() => runsOf(ctx.dataspace.id, "statuspage-sync-component"), { timeout: 10_000 }).toEqual([{ status: "COMPLETED" }]);
    expect(patchesOf(components[0].id)).toEqual([]);
  });

  it("retries a 429 after its Retry-After, not sooner", async () => {
    const { ctx, services, components } = await setup();
    fake.fault({ status: 429, retryAfter: "2" });
    await changeStatus(ctx, services[0].id, "degraded_performance");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 15_000 }).toBe("degraded_performance");
    const [refused, accepted] = patchesOf(components[0].id);
    expect([refused.status, accepted.status]).toEqual([429, 200]);
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(1_900);
    expect(patchesOf(components[0].id)).toHaveLength(2);
  });

  it("retries a 500 on the runtime's backoff", async () => {
    const { ctx, services, components } = await setup();
    fake.fault({ status: 500, times: 2 });
    await changeStatus(ctx, services[0].id, "partial_outage");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 15_000 }).toBe("partial_outage");
    expect(patchesOf(components[0].id).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it("a refused key (401) marks the integration as needing attention with Statuspage's message, and stops", async () => {
    const { ctx, services, components, integrationId } = await setup({ apiKey: "f".repeat(64) });
    await changeStatus(ctx, services[0].id, "major_outage");
    await expect.poll(async () => (await integrationRow(integrationId)).attentionMessage, { timeout: 10_000 }).toBe(
      "Statuspage refused the API key (401: Could not authenticate). Check apiKey: it must be a current key from Statuspage's API info.",
    );
    await expect.poll(() => runsOf(ctx.dataspace.id, "statuspage-sync-component"), { timeout: 10_000 }).toEqual([{ status: "FAILED" }]);
    // No retry: one call, however long we wait (the runtime's backoff here is 150 ms).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(patchesOf(components[0].id).map((r) => r.status)).toEqual([401]);
    expect(fake.component(page.id, components[0].id).status).toBe("operational");

    // The admin fixes the key: saving the config clears the mark, and the next change goes through.
    const { updateIntegration } = await import("@/server/integrations/manage/manage-integrations");
    const current = await integrationRow(integrationId);
    await updateIntegration(ctx, { id: integrationId, patch: { config: { ...(current.config as Record<string, unknown>), apiKey: page.apiKey } } });
    expect((await integrationRow(integrationId)).attentionMessage).toBeNull();
    await changeStatus(ctx, services[0].id, "partial_outage");
    await expect.poll(() => fake.component(page.id, components[0].id).status, { timeout: 10_000 }).toBe("partial_outage");
  });

  it("reconcile repairs drift made on either side, records what it changed, and finds nothing the second time", async () => {
    const { ctx, services, components, integrationId } = await setup({ services: 3 });
    // Drift in Switchboard (a status set without an event reaching Statuspage) and in Statuspage (a person edited the page).
    await ctx.db.service.update({ where: { id: services[0].id }, data: { status: "degraded_performance" } });
    fake.setComponentStatus(page.id, components[1].id, "major_outage");

    await requestStatuspageReconcile(ctx, { id: integrationId });
    await expect.poll(async () => (await integrationRow(integrationId)).reconcileResult, { timeout: 10_000 }).toBe("repaired");
    expect(fake.component(page.id, components[0].id).status).toBe("degraded_performance");
    expect(fake.component(page.id, components[1].id).status).toBe("operational");
    expect(fake.component(page.id, components[2].id).status).toBe("operational");
    const row = await integrationRow(integrationId);
    expect(row.reconcileFinishedAt!.getTime()).toBeGreaterThanOrEqual(row.reconcileStartedAt!.getTime());
    expect(row.reconcileReport).toEqual({
      direction: "push",
      pageId: page.id,
      compared: 3,
      drift: [
        {
          service: { id: services[0].id, name: "Service 1", status: "degraded_performance" },
          component: { id: components[0].id, name: "Component 1", status: "operational" },
          repaired: "component",
        },
        {
          service: { id: services[1].id, name: "Service 2", status: "operational" },
          component: { id: components[1].id, name: "Component 2", status: "major_outage" },
          repaired: "component",
        },
      ],
      problems: [],
      error: null,
    });
    // Exactly one repair per drifted component.
    expect(patchesOf(components[0].id)).toHaveLength(1);
    expect(patchesOf(components[1].id)).toHaveLength(1);
    expect(patchesOf(components[2].id)).toHaveLength(0);

    await db.integration.update({ where: { id: integrationId }, data: { reconcileResult: null } });
    await requestStatuspageReconcile(ctx, { id: integrationId });
    await expect.poll(async () => (await integrationRow(integrationId)).reconcileResult, { timeout: 10_000 }).toBe("in_sync");
    expect(patchesOf(components[0].id)).toHaveLength(1);
    await expect.poll(() => runsOf(ctx.dataspace.id, "statuspage-reconcile"), { timeout: 5_000 }).toEqual([{ status: "COMPLETED" }, { status: "COMPLETED" }]);
  });

  it("reconcile in the pull direction sets the service to its component's status (publishing the change); report changes nothing", async () => {
    const pull = await setup({ config: { direction: "pull" } });
    fake.setComponentStatus(page.id, pull.components[0].id, "under_maintenance");
    await requestStatuspageReconcile(pull.ctx, { id: pull.integrationId });
    await expect.poll(async () => (await integrationRow(pull.integrationId)).reconcileResult, { timeout: 10_000 }).toBe("repaired");
    expect((await pull.ctx.db.service.findUniqueOrThrow({ where: { id: pull.services[0].id } })).status).toBe("under_maintenance");
    const events = await db.event.findMany({ where: { dataspaceId: pull.ctx.dataspace.id, type: "service.status_changed" }, select: { data: true } });
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ status: "under_maintenance", previous_status: "operational" }),
    ]);
    expect(patchesOf(pull.components[0].id)).toEqual([]);

    const report = await setup({ config: { direction: "report" } });
    fake.setComponentStatus(page.id, report.components[0].id, "partial_outage");
    await requestStatuspageReconcile(report.ctx, { id: report.integrationId });
    await expect.poll(async () => (await integrationRow(report.integrationId)).reconcileResult, { timeout: 10_000 }).toBe("drift_reported");
    expect((await integrationRow(report.integrationId)).reconcileReport).toMatchObject({ direction: "report", drift: [{ repaired: null }] });
    expect(fake.component(page.id, report.components[0].id).status).toBe("partial_outage");
    expect((await report.ctx.db.service.findUniqueOrThrow({ where: { id: report.services[0].id } })).status).toBe("operational");
  });

  it("reconcile names what it cannot compare, and a refused key fails it with the reason on the integration", async () => {
    const { ctx, services, integrationId } = await setup({ services: 2 });
    await ctx.db.service.delete({ where: { id: services[1].id } });
    const ghost = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Ghost" } });
    const current = await integrationRow(integrationId);
    const config = current.config as { componentMapping: Record<string, string> };
    await db.integration.update({ where: { id: integrationId }, data: { config: { ...config, componentMapping: { ...config.componentMapping, [ghost.id]: "zzzzzzzzzzzz" } } } });
    await requestStatuspageReconcile(ctx, { id: integrationId });
    await expect.poll(async () => (await integrationRow(integrationId)).reconcileResult, { timeout: 10_000 }).toBe("in_sync");
    expect((await integrationRow(integrationId)).reconcileReport).toMatchObject({
      compared: 1,
      problems: [`service ${services[1].id} is mapped to component ${config.componentMapping[services[1].id]} but no longer exists`, `component zzzzzzzzzzzz (mapped to service "Ghost") is not on page ${page.id}`],
    });

    const refused = await setup({ apiKey: "e".repeat(64) });
    await requestStatuspageReconcile(refused.ctx, { id: refused.integrationId });
    await expect.poll(async () => (await integrationRow(refused.integrationId)).reconcileResult, { timeout: 10_000 }).toBe("failed");
    const row = await integrationRow(refused.integrationId);
    expect(row.reconcileReport).toMatchObject({ error: expect.stringContaining("Statuspage refused the API key (401") });
    expect(row.attentionMessage).toContain("Could not authenticate");
    await expect.poll(() => runsOf(refused.ctx.dataspace.id, "statuspage-reconcile"), { timeout: 5_000 }).toEqual([{ status: "FAILED" }]);
  });
});

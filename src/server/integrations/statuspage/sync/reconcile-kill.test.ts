import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { startFakeStatuspage, type FakeComponent, type FakePage, type FakeStatuspage } from "../fake/fake-statuspage";
import { RECONCILE_REQUESTED } from "./reconcile";
import { spawnReady } from "../../../../../test/spawn-ready";

/**
 * A reconcile survives its app being killed: the app's runtime runs in a child process that is
 * SIGKILLed (no shutdown code runs) while the run waits on a repair Statuspage holds open, after
 * an earlier repair was made. A new process on the same database takes the run over and finishes
 * it: each repair reaches Statuspage once — the one made before the kill is not made again (its
 * step was stored), the interrupted one (never applied) is sent again, the rest once.
 */
const FIXTURE = path.resolve(import.meta.dirname, "../../../../../test/app-runtime-process.ts");

type AppProcess = { child: ChildProcess; appPort: number; executorUrl: string };

async function startAppProcess(statuspageUrl: string, appPort = 0): Promise<AppProcess> {
  const { child, ready } = await spawnReady<{ appPort: number; executorUrl: string }>(FIXTURE, {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL,
    STATUSPAGE_API_URL: statuspageUrl,
    // Longer than the test: the held repair must still be in flight when the process dies.
    STATUSPAGE_TIMEOUT_MS: "60000",
    APP_PORT: String(appPort),
  });
  return { child, appPort: ready.appPort, executorUrl: ready.executorUrl };
}

async function kill(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGKILL");
  await exited;
}

describe("Statuspage reconcile survives a killed app process", () => {
  let fake: FakeStatuspage;
  let page: FakePage;
  let current: AppProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeStatuspage();
    page = fake.addPage({ name: "Acme status" });
  });
  afterAll(async () => {
    if (current) await kill(current);
    await fake?.close();
  });

  it("resumes after the kill and makes each repair once", { timeout: 90_000 }, async () => {
    const ctx = await integrationTenant();
    const services: { id: string }[] = [];
    const components: FakeComponent[] = [];
    for (let i = 0; i < 3; i++) {
      services.push(await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: `Service ${i + 1}` } }));
      components.push(fake.addComponent(page.id, { name: `Component ${i + 1}` }));
    }
    const { integration } = await seedIntegration(ctx, {
      type: "STATUSPAGE",
      name: "Status page",
      config: { pageId: page.id, apiKey: page.apiKey, componentMapping: Object.fromEntries(services.map((s, i) => [s.id, components[i].id])), publishIncidents: true },
    });
    // Not due for the cron: this run is the only reconcile.
    await db.integration.update({ where: { id: integration.id }, data: { reconcileStartedAt: new Date() } });

    // Drift, made without any event: three services whose components were never told, and two
    // open incidents that never reached the page.
    const drifted = ["degraded_performance", "partial_outage", "major_outage"] as const;
    for (const [i, service] of services.entries()) await ctx.db.service.update({ where: { id: service.id }, data: { status: drifted[i] } });
    for (const [i, title] of ["Checkout errors", "Search slow"].entries()) {
      const incident = await ctx.db.incident.create({ data: { dataspaceId: ctx.dataspace.id, title } });
      await ctx.db.incidentService.create({ data: { dataspaceId: ctx.dataspace.id, incidentId: incident.id, serviceId: services[i].id, impact: drifted[i] } });
      await ctx.db.incidentUpdate.create({ data: { dataspaceId: ctx.dataspace.id, incidentId: incident.id, message: `${title}: investigating.`, status: "investigating" } });
    }

    // Statuspage holds the second repair open; the first is answered.
    const second = `/v1/pages/${page.id}/components/${components[1].id}`;
    fake.fault({ hang: true, match: (r) => r.method === "PATCH" && r.path === second });
    current = await startAppProcess(fake.url);
    const sent = await fetch(`${current.executorUrl}/e/test`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ name: RECONCILE_REQUESTED, data: { dataspaceId: ctx.dataspace.id, integrationId: integration.id } }]),
    });
    expect(sent.status).toBe(200);
    await expect.poll(() => fake.requests.filter((r) => r.path === second).length, { timeout: 30_000 }).toBe(1);
    expect(fake.component(page.id, components[0].id).status).toBe("degraded_performance");

    await kill(current);
    fake.fault(null);
    current = await startAppProcess(fake.url, current.appPort);

    await expect.poll(async () => (await db.integration.findUniqueOrThrow({ where: { id: integration.id } })).reconcileResult, { timeout: 45_000, interval: 250 }).toBe("repaired");
    for (const [i, component] of components.entries()) expect(fake.component(page.id, component.id).status).toBe(drifted[i]);
    expect(fake.incidents(page.id).map((i) => i.name).sort()).toEqual(["Checkout errors", "Search slow"]);

    const writes = fake.requests.filter((r) => r.method !== "GET");
    const answered = (p: string) => writes.filter((r) => r.path === p && r.status !== null).map((r) => r.status);
    // The first repair, made before the kill: once. The held one: sent again, applied once. The rest: once.
    expect(answered(`/v1/pages/${page.id}/components/${components[0].id}`)).toEqual([200]);
    expect(writes.filter((r) => r.path === second).map((r) => r.status)).toEqual([null, 200]);
    expect(answered(`/v1/pages/${page.id}/components/${components[2].id}`)).toEqual([200]);
    expect(answered(`/v1/pages/${page.id}/incidents`)).toEqual([201, 201]);
    expect(writes).toHaveLength(6);
    expect(fake.violations).toEqual([]);

    const runs = await db.runtimeRun.findMany({ where: { dataspaceId: ctx.dataspace.id, functionId: { endsWith: "statuspage-reconcile" } }, select: { status: true } });
    expect(runs).toEqual([{ status: "COMPLETED" }]);
    const row = await db.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(row.reconcileReport).toMatchObject({
      drift: components.map(() => expect.objectContaining({ repaired: "component" })),
      incidents: { drift: [expect.objectContaining({ kind: "missing", repaired: true }), expect.objectContaining({ kind: "missing", repaired: true })] },
      problems: [],
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { startFakeDatadog, type FakeDatadog } from "@/server/integrations/datadog/fake/fake-datadog";
import { fakeEntityGuid, startFakeNewRelic, type FakeNewRelic } from "@/server/integrations/new-relic/fake/fake-new-relic";
import { acknowledgeAlert, resolveAlert } from "@/server/records/alerts/alert-status";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput } from "@/server/records/deployments/deployment.schema";
import { setDeploymentStatus } from "@/server/records/deployments/set-deployment-status";
import { startAppRuntime, type AppRuntime } from "../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { alertTargets } from "./forward-records";

/**
 * Alerts and deployments reaching Datadog and New Relic as they happen, end to end: the records'
 * domain functions publish their events, the outbox relay hands them to the app's runtime (the
 * real Inngest functions on the embedded executor), which sends them to the fakes — each request
 * through the contract gate of the provider's API description.
 */
const DD_KEY = "0123456789abcdef0123456789abcdef";
const ACCOUNT = 7654321;
const CHECKOUT_ENTITY = fakeEntityGuid(ACCOUNT, 101);
const DEFAULT_ENTITY = fakeEntityGuid(ACCOUNT, 102);

describe("alerts and deployments sent to Datadog and New Relic", () => {
  let runtime: AppRuntime;
  let datadog: FakeDatadog;
  let newRelic: FakeNewRelic;
  const licenseKey = "eu01xx0123456789abcdef0123456789FFFFNRAL";
  const userKey = "NRAK-0123456789ABCDEFGHIJKLMNOPQ";

  beforeAll(async () => {
    datadog = await startFakeDatadog({ apiKeys: [DD_KEY] });
    newRelic = await startFakeNewRelic({ licenseKeys: [licenseKey], userKeys: [userKey], accountIds: [ACCOUNT], entityGuids: [CHECKOUT_ENTITY, DEFAULT_ENTITY] });
    runtime = await startAppRuntime({ env: { DATADOG_API_URL: datadog.url, NEW_RELIC_API_URL: newRelic.url, TELEMETRY_TIMEOUT_MS: "2000" }, maxBackoffMs: 150 });
  });
  afterEach(() => {
    expect(datadog.violations, "requests the real Datadog API would refuse").toEqual([]);
    expect(newRelic.violations, "requests the real New Relic APIs would refuse").toEqual([]);
  });
  afterAll(async () => {
    await runtime?.stop();
    await datadog?.close();
    await newRelic?.close();
  });

  async function setup(): Promise<{ ctx: TenantContext; datadogId: string; newRelicId: string; checkout: { id: string } }> {
    const ctx = await integrationTenant();
    const checkout = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "checkout" } });
    const dd = await seedIntegration(ctx, {
      type: "DATADOG",
      name: "Datadog",
      config: { webhookSecret: "datadog-webhook-secret-01", apiKey: DD_KEY, forwardAlerts: true, forwardDeployments: true, tags: ["team:payments"] },
    });
    const nr = await seedIntegration(ctx, {
      type: "NEW_RELIC",
      name: "New Relic",
      config: {
        webhookSecret: "new-relic-webhook-secret",
        apiKey: licenseKey,
        userApiKey: userKey,
        accountId: ACCOUNT,
        forwardAlerts: true,
        forwardDeployments: true,
        entityGuids: { checkout: CHECKOUT_ENTITY },
        defaultEntityGuid: DEFAULT_ENTITY,
      },
    });
    return { ctx, datadogId: dd.id, newRelicId: nr.id, checkout };
  }

  it("an alert's whole life reaches both, grouped by the alert, with the trace it links to", { timeout: 60_000 }, async () => {
    const { ctx, checkout } = await setup();
    const trace = "https://app.datadoghq.com/apm/trace/6102183468";
    const { alert } = await raiseAlert(
      ctx,
      raiseAlertInput.parse({ title: "Checkout p95 over 2 s", severity: "critical", serviceId: checkout.id, description: "Latency climbing", links: [{ url: trace, kind: "trace", label: "Slow request" }] }),
    );
    await acknowledgeAlert(ctx, { id: alert.id });
    await resolveAlert(ctx, { id: alert.id });

    const ddEvents = () => datadog.events().filter((e) => e.aggregation_key === alert.id);
    await expect.poll(() => ddEvents().length, { timeout: 30_000 }).toBe(3);
    const byTitle = Object.fromEntries(ddEvents().map((e) => [e.title, e]));
    expect(byTitle["[Triggered] Checkout p95 over 2 s"]).toMatchObject({ alert_type: "error", source_type_name: "switchboard" });
    expect(byTitle["[Triggered] Checkout p95 over 2 s"].tags).toEqual(expect.arrayContaining([`alert:${alert.id}`, "severity:critical", "service:checkout", "team:payments"]));
    expect(byTitle["[Resolved] Checkout p95 over 2 s"]).toMatchObject({ alert_type: "success" });
    expect(byTitle["[Acknowledged] Checkout p95 over 2 s"].text).toContain("Latency climbing");
    expect(byTitle["[Triggered] Checkout p95 over 2 s"].text).toContain(`Slow request: ${trace}`);

    const nrEvents = () => newRelic.events().filter((e) => e.attributes.alertId === alert.id);
    await expect.poll(() => nrEvents().length, { timeout: 30_000 }).toBe(3);
    expect(nrEvents().map((e) => e.attributes.change).sort()).toEqual(["acknowledged", "resolved", "triggered"]);
    expect(nrEvents()[0]).toMatchObject({ accountId: ACCOUNT, eventType: "SwitchboardAlert", attributes: { title: "Checkout p95 over 2 s", severity: "critical", service: "checkout", traceUrl: trace } });
  });

  it("an alert a monitor raised is not sent back to that monitor's integration", async () => {
    const { ctx, datadogId, newRelicId } = await setup();
    expect(await alertTargets(ctx.dataspace.id, { source_integration: datadogId })).toEqual([newRelicId]);
    expect(await alertTargets(ctx.dataspace.id, { source_integration: null })).toEqual([datadogId, newRelicId]);
  });

  it("a finished deployment marks the service's APM entity in both, and one in progress sends nothing yet", { timeout: 60_000 }, async () => {
    const { ctx, checkout } = await setup();
    const deployment = await createDeployment(ctx, createDeploymentInput.parse({ serviceId: checkout.id, environment: "production", version: "2.4.1", sha: "a1b2c3d4e5f6", status: "in_progress" }));
    // Its run ends without sending anything.
    const finishedRuns = () => db.runtimeRun.count({ where: { dataspaceId: ctx.dataspace.id, functionId: { endsWith: "telemetry-forward-deployment" }, status: "COMPLETED" } });
    await expect.poll(finishedRuns, { timeout: 30_000 }).toBe(1);
    expect(datadog.requests.filter((r) => JSON.stringify(r.body ?? "").includes(deployment.id))).toEqual([]);
    expect(newRelic.deployments().filter((d) => d.deepLink?.includes(deployment.id))).toEqual([]);
    await setDeploymentStatus(ctx, { id: deployment.id, status: "success" });

    await expect.poll(() => datadog.deployments().filter((d) => d.attributes.id === deployment.id).length, { timeout: 30_000 }).toBe(1);
    const dora = datadog.deployments().find((d) => d.attributes.id === deployment.id)!;
    expect(dora.attributes).toMatchObject({ service: "checkout", env: "production", version: "2.4.1" });
    expect(dora.attributes.finished_at).toBeGreaterThanOrEqual(dora.attributes.started_at);
    await expect.poll(() => datadog.events().filter((e) => e.aggregation_key === deployment.id).length, { timeout: 30_000 }).toBe(1);
    expect(datadog.events().find((e) => e.aggregation_key === deployment.id)).toMatchObject({ title: "Deployed checkout 2.4.1 to production", alert_type: "success" });

    await expect.poll(() => newRelic.deployments().filter((d) => d.deepLink?.includes(deployment.id)).length, { timeout: 30_000 }).toBe(1);
    expect(newRelic.deployments().find((d) => d.deepLink?.includes(deployment.id))).toMatchObject({ entityGuid: CHECKOUT_ENTITY, version: "2.4.1", commit: "a1b2c3d4e5f6", deploymentType: "BASIC" });
  });

  it("a deployment without a service goes to New Relic's default entity and is only an event in Datadog", { timeout: 60_000 }, async () => {
    const { ctx } = await setup();
    const deployment = await createDeployment(ctx, createDeploymentInput.parse({ environment: "staging", sha: "0f0f0f0f0f0f", status: "failure" }));
    await expect.poll(() => newRelic.deployments().filter((d) => d.deepLink?.includes(deployment.id)).length, { timeout: 30_000 }).toBe(1);
    expect(newRelic.deployments().find((d) => d.deepLink?.includes(deployment.id))).toMatchObject({ entityGuid: DEFAULT_ENTITY, version: "0f0f0f0f0f0f" });
    await expect.poll(() => datadog.events().filter((e) => e.aggregation_key === deployment.id).length, { timeout: 30_000 }).toBe(1);
    expect(datadog.events().find((e) => e.aggregation_key === deployment.id)).toMatchObject({ title: "Failed to deploy 0f0f0f0f0f0f to staging", alert_type: "error" });
    expect(datadog.deployments().filter((d) => d.attributes.id === deployment.id)).toEqual([]);
  });
});

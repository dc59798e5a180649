import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { startFakeDatadog, type FakeDatadog } from "@/server/integrations/datadog/fake/fake-datadog";
import { fakeEntityGuid, startFakeNewRelic, type FakeNewRelic } from "@/server/integrations/new-relic/fake/fake-new-relic";
import { integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { testTelemetryConnection } from "./test-connection";

/**
 * "Test connection" of Datadog and New Relic integrations, against the contract-gated fakes: each
 * key the settings need is tried with what is saved, and a failure says what the service said.
 */
const DD_KEY = "0123456789abcdef0123456789abcdef";
const LICENSE = "eu01xx0123456789abcdef0123456789FFFFNRAL";
const USER_KEY = "NRAK-0123456789ABCDEFGHIJKLMNOPQ";
const ACCOUNT = 7654321;
const ENTITY = fakeEntityGuid(ACCOUNT, 101);

describe("Test connection of Datadog and New Relic integrations", () => {
  let datadog: FakeDatadog;
  let newRelic: FakeNewRelic;

  beforeAll(async () => {
    datadog = await startFakeDatadog({ apiKeys: [DD_KEY] });
    newRelic = await startFakeNewRelic({ licenseKeys: [LICENSE], userKeys: [USER_KEY], accountIds: [ACCOUNT], entityGuids: [ENTITY] });
    process.env.DATADOG_API_URL = datadog.url;
    process.env.NEW_RELIC_API_URL = newRelic.url;
    resetEnvCache();
  });
  afterEach(() => {
    expect(datadog.violations, "requests the real Datadog API would refuse").toEqual([]);
    expect(newRelic.violations, "requests the real New Relic APIs would refuse").toEqual([]);
  });
  afterAll(async () => {
    delete process.env.DATADOG_API_URL;
    delete process.env.NEW_RELIC_API_URL;
    resetEnvCache();
    await datadog?.close();
    await newRelic?.close();
  });

  it("Datadog: a valid key passes through Datadog's validate call, which writes nothing; a wrong one fails with Datadog's answer", async () => {
    const ctx = await integrationTenant();
    const good = await seedIntegration(ctx, { type: "DATADOG", name: "Datadog", config: { webhookSecret: "datadog-webhook-secret-01", apiKey: DD_KEY, site: "datadoghq.eu" } });
    expect(await testTelemetryConnection(ctx, good.id)).toEqual({ ok: true, skipped: null, checks: [{ check: "API key (apiKey)", ok: true, detail: "Datadog (datadoghq.eu) takes the key" }] });
    expect(datadog.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v1/validate" });

    const bad = await seedIntegration(ctx, { type: "DATADOG", name: "Datadog (old key)", config: { webhookSecret: "datadog-webhook-secret-02", apiKey: "ffffffffffffffffffffffffffffffff" } });
    const failed = await testTelemetryConnection(ctx, bad.id);
    expect(failed).toMatchObject({ ok: false, checks: [{ check: "API key (apiKey)", ok: false, detail: expect.stringMatching(/^Datadog answered 403.* — check apiKey, and that site is the one the key belongs to$/) }] });

    // Receiving only (no API key): nothing to try, and it says why.
    const receiving = await seedIntegration(ctx, { type: "DATADOG", name: "Monitors", config: { webhookSecret: "datadog-webhook-secret-03" } });
    expect(await testTelemetryConnection(ctx, receiving.id)).toEqual({ ok: false, checks: [], skipped: "Nothing to test: no apiKey is configured: this integration only receives the service's notifications." });
  });

  it("New Relic: the license key by one gauge point, the User key by asking NerdGraph whose it is, each failure in New Relic's words", async () => {
    const ctx = await integrationTenant();
    const base = { webhookSecret: "new-relic-webhook-secret", region: "EU", defaultEntityGuid: ENTITY };
    const good = await seedIntegration(ctx, { type: "NEW_RELIC", name: "New Relic", config: { ...base, apiKey: LICENSE, userApiKey: USER_KEY, accountId: ACCOUNT, forwardAlerts: true, forwardDeployments: true } });
    const passed = await testTelemetryConnection(ctx, good.id);
    expect(passed).toEqual({
      ok: true,
      skipped: null,
      checks: [
        { check: "License key (apiKey)", ok: true, detail: "the Metric API (EU) takes the key: it got one point, switchboard.connection_test" },
        { check: "User key (userApiKey)", ok: true, detail: expect.stringMatching(/^NerdGraph \(EU\) takes the key of .+@fake-new-relic\.test$/) },
      ],
    });
    expect(newRelic.metrics().filter((m) => m.name === "switchboard.connection_test").map((m) => [m.value, m.attributes.integration])).toEqual([[1, good.id]]);

    const wrong = await seedIntegration(ctx, { type: "NEW_RELIC", name: "New Relic (wrong keys)", config: { ...base, apiKey: "eu01xxffffffffffffffffffffffffffFFFFNRAL", userApiKey: "NRAK-WRONGWRONGWRONGWRONGWRONGWR", forwardDeployments: true } });
    expect(await testTelemetryConnection(ctx, wrong.id)).toMatchObject({
      ok: false,
      checks: [
        { check: "License key (apiKey)", ok: false, detail: expect.stringMatching(/^New Relic answered 403.* — check apiKey \(a license key\) and region$/) },
        { check: "User key (userApiKey)", ok: false, detail: expect.stringMatching(/^New Relic answered 401.* — check userApiKey \(a User key, NRAK-…\) and region$/) },
      ],
    });
  });

  it("refuses what is no monitoring integration, and members who are not admins", async () => {
    const ctx = await integrationTenant();
    const github = await seedIntegration(ctx, { type: "GITHUB", name: "GitHub", config: { webhookSecret: "github-webhook-secret-0001", repository: "octo-org/app" } });
    await expect(testTelemetryConnection(ctx, github.id)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("only Datadog and New Relic") });
    const dd = await seedIntegration(ctx, { type: "DATADOG", name: "Datadog", config: { webhookSecret: "datadog-webhook-secret-01", apiKey: DD_KEY } });
    await expect(testTelemetryConnection({ ...ctx, actor: { ...ctx.actor, role: "MEMBER" } }, dd.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

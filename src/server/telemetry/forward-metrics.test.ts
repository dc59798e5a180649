import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { startFakeDatadog, type FakeDatadog } from "@/server/integrations/datadog/fake/fake-datadog";
import { startFakeNewRelic, type FakeNewRelic } from "@/server/integrations/new-relic/fake/fake-new-relic";
import { integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { createMapping } from "@/server/metrics/custom/manage-mappings";
import { createMappingInput } from "@/server/metrics/custom/mapping.schema";
import { forwardMetricsWindow } from "./forward-metrics";
import { getTelemetryStatus } from "./forwarding-status";
import { TelemetrySendError } from "./sink";

/**
 * Metrics forwarding against the Datadog and New Relic fakes (each request through the contract
 * gate of the provider's API description): minute buckets written as the rollup writes them, the
 * rollup's watermark set by hand, and forwarding windows run as the runtime runs them.
 */
const MINUTE = 60_000;
const DD_KEY = "0123456789abcdef0123456789abcdef";
const PROCESS = path.resolve(import.meta.dirname, "../../../test/telemetry-forward-process.ts");

let datadog: FakeDatadog;
let newRelic: FakeNewRelic;
const now = () => new Date();
const thisMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE;

beforeAll(async () => {
  datadog = await startFakeDatadog({ apiKeys: [DD_KEY] });
  newRelic = await startFakeNewRelic();
  process.env.DATADOG_API_URL = datadog.url;
  process.env.NEW_RELIC_API_URL = newRelic.url;
  resetEnvCache();
});
afterAll(async () => {
  await datadog?.close();
  await newRelic?.close();
});

/** `count` succeeded attempts for endpoint `e` in the minute at `at`, as the rollup stores them. */
async function bucket(ctx: TenantContext, at: number, count: number, endpoint = "e1") {
  await db.metricBucket.upsert({
    where: { dataspaceId_name_resolution_at_series: { dataspaceId: ctx.dataspace.id, name: "webhooks.deliveries.succeeded", resolution: "minute", at: new Date(at), series: `endpoint=${endpoint}` } },
    create: { dataspaceId: ctx.dataspace.id, name: "webhooks.deliveries.succeeded", series: `endpoint=${endpoint}`, resolution: "minute", at: new Date(at), count, sum: count, tags: { endpoint } },
    update: { count, sum: count },
  });
}

const rollupUpTo = (at: number) => db.metricWatermark.upsert({ where: { source: "minutes" }, create: { source: "minutes", upTo: new Date(at) }, update: { upTo: new Date(at) } });
const stateOf = (integrationId: string) => db.telemetryForwarding.findUniqueOrThrow({ where: { integrationId } });

async function datadogIntegration(ctx: TenantContext, apiKey = DD_KEY) {
  const { integration } = await seedIntegration(ctx, {
    type: "DATADOG",
    name: `Datadog ${ctx.dataspace.slug}`,
    config: { webhookSecret: "datadog-webhook-secret-01", apiKey, forwardMetrics: ["webhooks.deliveries.succeeded"], tags: ["env:test"] },
  });
  return { dataspaceId: ctx.dataspace.id, integrationId: integration.id };
}

/** What the Datadog fake holds for the succeeded count of one dataspace's endpoint: minute start (ms) → value. */
function datadogMinutes(endpoint = "e1"): Map<number, number> {
  const points = datadog.series().filter((p) => p.metric === "switchboard.webhooks.deliveries.succeeded" && p.tags.includes(`endpoint:${endpoint}`));
  return new Map(points.map((p) => [p.timestamp * 1000, p.value]));
}

describe("metrics forwarding to Datadog", () => {
  beforeEach(() => {
    datadog.setFault(null);
    datadog.violations.length = 0;
  });

  it("sends the minutes since its watermark, then what is new, and a minute that changed late replaces itself", async () => {
    const ctx = await integrationTenant();
    const ref = await datadogIntegration(ctx);
    const end = thisMinute();
    for (let i = 1; i <= 20; i++) await bucket(ctx, end - i * MINUTE, i);
    await rollupUpTo(end);

    // The clock held inside the minute: a run crossing into the next one would start a minute later.
    const first = await forwardMetricsWindow(ref, new Date(end + 30_000));
    // A new forwarding starts 10 minutes back, and sends the 5 before that again as any run does.
    expect(first).toMatchObject({ points: 15, dropped: 0, caughtUp: true, to: new Date(end).toISOString() });
    const sent = datadogMinutes();
    expect([...sent.keys()].sort()).toEqual(Array.from({ length: 15 }, (_, i) => end - (15 - i) * MINUTE));
    for (const [at, value] of sent) expect(value).toBe((end - at) / MINUTE);
    const series = datadog.requests.find((r) => r.path === "/api/v2/series")!;
    expect(series.encoding).toBe("gzip");
    expect((series.body as { series: { tags: string[]; type: number; interval: number }[] }).series[0]).toMatchObject({ type: 1, interval: 60, tags: ["endpoint:e1", "env:test"] });
    expect(await stateOf(ref.integrationId)).toMatchObject({ upTo: new Date(end), lastPoints: 15, lastError: null });

    // A delivery committed late changes a minute already sent; a new minute is computed.
    await bucket(ctx, end - 2 * MINUTE, 99);
    await bucket(ctx, end, 7);
    await rollupUpTo(end + MINUTE);
    expect(await forwardMetricsWindow(ref, new Date(end + MINUTE + 30_000))).toMatchObject({ caughtUp: true, to: new Date(end + MINUTE).toISOString() });
    const again = datadogMinutes();
    expect(again.get(end - 2 * MINUTE)).toBe(99); // replaced, not added to
    expect(again.get(end)).toBe(7);
    expect(again.size).toBe(16);
    expect(datadog.violations).toEqual([]);
  });

  it("an outage leaves the watermark where it was, says why, and the next run sends every minute", async () => {
    const ctx = await integrationTenant();
    const ref = await datadogIntegration(ctx);
    const end = thisMinute();
    for (let i = 1; i <= 10; i++) await bucket(ctx, end - i * MINUTE, i, "outage");
    await rollupUpTo(end);
    await db.telemetryForwarding.create({ data: { ...ref, upTo: new Date(end - 10 * MINUTE) } });

    datadog.setFault({ status: 503, times: 1 });
    const failure = await forwardMetricsWindow(ref, now()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TelemetrySendError);
    expect((failure as TelemetrySendError).options.retryable).toBe(true);
    const held = await stateOf(ref.integrationId);
    expect(held.upTo).toEqual(new Date(end - 10 * MINUTE));
    expect(held.lastError).toMatch(/^Datadog answered 503/);

    await forwardMetricsWindow(ref, now());
    expect(datadogMinutes("outage").size).toBe(10);
    expect(await stateOf(ref.integrationId)).toMatchObject({ upTo: new Date(end), lastError: null });
  });

  it("resumes after the process is killed mid-send, with no minute missing", { timeout: 60_000 }, async () => {
    const ctx = await integrationTenant();
    const ref = await datadogIntegration(ctx);
    const end = thisMinute();
    for (let i = 1; i <= 10; i++) await bucket(ctx, end - i * MINUTE, i, "killed");
    await rollupUpTo(end);
    await db.telemetryForwarding.create({ data: { ...ref, upTo: new Date(end - 10 * MINUTE) } });

    // Datadog holds the send open; the process dies before it hears back.
    datadog.setFault({ hang: true, times: 1 });
    const before = datadog.requests.length;
    const child = spawn(process.execPath, ["--import", "tsx", PROCESS], { env: { ...process.env, FORWARD_REF: JSON.stringify(ref) }, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr!.on("data", (chunk) => (err += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await expect.poll(() => datadog.requests.length > before || child.exitCode !== null, { timeout: 30_000 }).toBe(true);
    expect(child.exitCode, err).toBeNull();
    child.kill("SIGKILL");
    await exited;
    expect((await stateOf(ref.integrationId)).upTo).toEqual(new Date(end - 10 * MINUTE));

    await forwardMetricsWindow(ref, now());
    const sent = datadogMinutes("killed");
    expect([...sent.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => end - (10 - i) * MINUTE));
    expect(datadog.violations).toEqual([]);
  });

  it("forwards a custom metric of the dataspace's mappings, by its name, with its own tags", async () => {
    const ctx = await integrationTenant();
    await createMapping(ctx, createMappingInput.parse({ name: "ci.duration_seconds", events: ["github.workflow_run.completed"], kind: "latency", value: "1", tags: { repo: "event.type" } }));
    const { integration } = await seedIntegration(ctx, {
      type: "DATADOG",
      name: "Datadog custom",
      config: { webhookSecret: "datadog-webhook-secret-01", apiKey: DD_KEY, forwardMetrics: ["custom.ci.duration_seconds"] },
    });
    const ref = { dataspaceId: ctx.dataspace.id, integrationId: integration.id };
    const end = thisMinute();
    await db.metricBucket.create({
      data: { dataspaceId: ctx.dataspace.id, name: "custom.ci.duration_seconds", series: "repo=acme/custom", resolution: "minute", at: new Date(end - 2 * MINUTE), count: 2, sum: 300, min: 100, max: 200, histogram: { "49": 1, "56": 1 }, tags: { repo: "acme/custom" } },
    });
    await rollupUpTo(end);
    expect(await forwardMetricsWindow(ref, now())).toMatchObject({ points: 1 });
    const sent = datadog.series().filter((p) => p.tags.includes("repo:acme/custom"));
    expect(Object.fromEntries(sent.map((p) => [p.metric, p.value]))).toMatchObject({
      "switchboard.custom.ci.duration_seconds.count": 2,
      "switchboard.custom.ci.duration_seconds.avg": 150,
      "switchboard.custom.ci.duration_seconds.max": 200,
    });
    expect(datadog.violations).toEqual([]);
  });

  it("the integration's status shows what it sends and its lag; an integration of another kind has none", async () => {
    const ctx = await integrationTenant();
    const ref = await datadogIntegration(ctx);
    const end = thisMinute();
    await bucket(ctx, end - MINUTE, 4, "status");
    await rollupUpTo(end);
    await db.telemetryForwarding.create({ data: { ...ref, upTo: new Date(end - 3 * MINUTE) } });
    await forwardMetricsWindow(ref, new Date(end + 10_000));
    const status = await getTelemetryStatus(ctx, ref.integrationId, new Date(end + 30_000));
    expect(status).toMatchObject({ metrics: ["webhooks.deliveries.succeeded"], alerts: false, deployments: false, forwarding: { upTo: new Date(end), lagSeconds: 30, lastError: null } });
    expect(status.forwarding!.lastPoints).toBeGreaterThan(0);
    const { integration: github } = await seedIntegration(ctx, { name: "Not a monitor" });
    await expect(getTelemetryStatus(ctx, github.id)).rejects.toMatchObject({ code: "NOT_FOUND", message: "This integration sends no telemetry: only Datadog and New Relic integrations do" });
  });

  it("a refused key fails for good and says what to check", async () => {
    const ctx = await integrationTenant();
    const ref = await datadogIntegration(ctx, "fedcba9876543210fedcba9876543210");
    await bucket(ctx, thisMinute() - MINUTE, 1, "refused");
    await rollupUpTo(thisMinute());
    const failure = (await forwardMetricsWindow(ref, now()).catch((error: unknown) => error)) as TelemetrySendError;
    expect(failure.options).toMatchObject({ retryable: false, needsAttention: true });
    expect((await stateOf(ref.integrationId)).lastError).toBe('Datadog answered 403: Forbidden — check apiKey, and that site is the one the key belongs to');
  });

  it("after an outage longer than Datadog keeps points, sends what it still takes and counts the rest", async () => {
    const ctx = await integrationTenant();
    const ref = await datadogIntegration(ctx);
    const end = thisMinute();
    for (let i = 1; i <= 90; i += 10) await bucket(ctx, end - i * MINUTE, i, "late");
    await rollupUpTo(end);
    await db.telemetryForwarding.create({ data: { ...ref, upTo: new Date(end - 90 * MINUTE) } });

    // Windows of an hour at most: the first is all too old by now, the second sends the rest.
    let outcome = await forwardMetricsWindow(ref, now());
    while ("caughtUp" in outcome && !outcome.caughtUp) outcome = await forwardMetricsWindow(ref, now());
    const sent = datadogMinutes("late");
    expect([...sent.keys()].every((at) => at >= end - 59 * MINUTE)).toBe(true);
    expect(sent.size).toBe(6); // minutes 1, 11, … 51 back
    const state = await stateOf(ref.integrationId);
    expect(Number(state.droppedBuckets)).toBe(3); // 61, 71 and 81 back; 90 back was not a bucket
    expect(state.lastError).toBeNull();
    expect(datadog.droppedPoints).toBe(0);
  });
});

describe("metrics forwarding to New Relic", () => {
  it("sends a minute only once it is final, and each minute once", async () => {
    const ctx = await integrationTenant();
    const [licenseKey] = newRelic.licenseKeys;
    const { integration } = await seedIntegration(ctx, {
      type: "NEW_RELIC",
      name: "New Relic",
      config: { webhookSecret: "new-relic-webhook-secret", apiKey: licenseKey, forwardMetrics: ["webhooks.deliveries.succeeded"], tagPrefix: "sb_" },
    });
    const ref = { dataspaceId: ctx.dataspace.id, integrationId: integration.id };
    const end = thisMinute();
    for (let i = 1; i <= 12; i++) await bucket(ctx, end - i * MINUTE, i, "nr");
    await rollupUpTo(end);
    await db.telemetryForwarding.create({ data: { ...ref, upTo: new Date(end - 12 * MINUTE) } });

    expect(await forwardMetricsWindow(ref, now())).toMatchObject({ points: 7, caughtUp: true, to: new Date(end - 5 * MINUTE).toISOString() });
    await rollupUpTo(end + MINUTE);
    expect(await forwardMetricsWindow(ref, now())).toMatchObject({ points: 1 });
    const total = newRelic.metricTotal("switchboard.webhooks.deliveries.succeeded", { sb_endpoint: "nr" });
    expect(total).toBe(12 + 11 + 10 + 9 + 8 + 7 + 6 + 5); // minutes 12..5 back, each once
    const request = newRelic.requests.find((r) => r.path === "/metric/v1")!;
    expect(request.encoding).toBe("gzip");
    expect(newRelic.violations).toEqual([]);
  });
});

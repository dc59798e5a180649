import { describe, expect, it } from "vitest";
import { datadogConfigSchema } from "@/server/integrations/datadog/config";
import { newRelicConfigSchema } from "@/server/integrations/new-relic/config";
import { forwardedMetricNames, readTelemetrySettings } from "./settings";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? [] : result.error!.issues.map((i) => i.message));
const datadog = (config: Record<string, unknown>) => datadogConfigSchema.safeParse({ webhookSecret: "a-datadog-secret-0001", ...config });
const newRelic = (config: Record<string, unknown>) => newRelicConfigSchema.safeParse({ webhookSecret: "a-new-relic-secret-01", ...config });

describe("forwarding settings of Datadog and New Relic integrations", () => {
  it("forward nothing unless asked, so an integration that only receives stays as it was", () => {
    const parsed = datadog({});
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ forwardMetrics: [], forwardAlerts: false, forwardDeployments: false, metricPrefix: "switchboard.", tagPrefix: "", tags: [] });
    // A config stored before these fields existed reads as forwarding nothing.
    expect(readTelemetrySettings({ site: "datadoghq.eu", webhookSecret: { $secret: "x" } })).toMatchObject({ forwardMetrics: [], forwardAlerts: false });
  });

  it("need the API key once anything is forwarded, and say which field", () => {
    expect(messages(datadog({ forwardMetrics: "all" }))).toEqual(["apiKey is required to send to Datadog (forwardMetrics, forwardAlerts or forwardDeployments is set)"]);
    expect(datadog({ forwardMetrics: "all", apiKey: "0123456789abcdef0123" }).success).toBe(true);
  });

  it("name the metric that does not exist, and refuse repeats and malformed prefixes and tags", () => {
    expect(messages(datadog({ apiKey: "k".repeat(32), forwardMetrics: ["webhooks.deliveries.failed", "webhooks.nope"] }))[0]).toMatch(/^forwardMetrics: "webhooks.nope" is not a metric \(the metrics are webhooks.deliveries.succeeded, /);
    expect(messages(datadog({ apiKey: "k".repeat(32), forwardMetrics: ["inbound.received", "inbound.received"] }))).toEqual(["forwardMetrics lists a metric twice"]);
    expect(messages(datadog({ forwardMetrics: "some" }))[0]).toMatch(/forwardMetrics must be "all" or a list of metric names/);
    expect(messages(datadog({ metricPrefix: "9lives" }))[0]).toMatch(/^metricPrefix must start with a letter/);
    expect(messages(datadog({ tags: ["env production"] }))[0]).toMatch(/^each tag must be "key:value"/);
    // Keys start with a letter, so no prototype name gets into the attribute objects built from them.
    expect(messages(datadog({ tags: ["__proto__:x"] }))[0]).toMatch(/^each tag must be "key:value"/);
    expect(messages(datadog({ tags: ["constructor:y", "env:prod"] }))).toEqual([]);
  });

  it("New Relic: alerts need the account, deployments a User key and an entity", () => {
    const base = { apiKey: "eu01xx0123456789abcdef0123456789NRAL", forwardAlerts: true, forwardDeployments: true };
    expect(messages(newRelic(base))).toEqual([
      "accountId is required to send alerts: New Relic's Event API takes events per account",
      "userApiKey is required to send deployments: change tracking goes through NerdGraph, which takes only User keys",
      "entityGuids or defaultEntityGuid is required to send deployments: a deployment marks an entity (an APM application)",
    ]);
    expect(messages(newRelic({ ...base, accountId: 1234567, userApiKey: "eu01xx-not-a-user-key", defaultEntityGuid: "MXxBUE18QVBQTElDQVRJT058MTIz" }))).toEqual([
      "userApiKey must be a User key (it starts with NRAK-); NerdGraph refuses license and ingest keys",
    ]);
    expect(newRelic({ ...base, accountId: 1234567, userApiKey: "NRAK-0123456789ABCDEFGHIJKLMNOPQ", entityGuids: { checkout: "MXxBUE18QVBQTElDQVRJT058MTIz" } }).success).toBe(true);
    expect(messages(newRelic({ entityGuids: { checkout: "https://one.newrelic.com/x" } }))[0]).toMatch(/must be an entity GUID as New Relic shows it/);
  });

  it("list the metrics forwarded in the catalog's order", () => {
    const settings = readTelemetrySettings({ forwardMetrics: ["inbound.received", "webhooks.deliveries.failed"] })!;
    expect(forwardedMetricNames(settings)).toEqual(["webhooks.deliveries.failed", "inbound.received"]);
    expect(forwardedMetricNames(readTelemetrySettings({ forwardMetrics: "all" })!)).toContain("requests.open");
  });
});

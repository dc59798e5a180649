import { describe, expect, it } from "vitest";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { datadog } from "./index";

const webhookSecret = "dd-switchboard-secret-01";
const integration = { id: "i-1", name: "Datadog" };

// What the recommended payload template renders to for a monitor alert.
const alert = {
  id: "7425983468963215476",
  title: "[Triggered] p95 latency above 800ms on checkout",
  event_type: "query_alert_monitor",
  body: "%%%\np95 latency is 912ms\n%%%",
  date: "1763899200000",
  alert_id: "123456789",
  alert_transition: "Triggered",
  alert_status: "Alert",
  link: "https://app.datadoghq.com/event/event?id=7425983468963215476",
  priority: "normal",
  hostname: "web-1",
  tags: "env:prod,service:checkout",
};
const body = JSON.stringify(alert);

describe("Datadog", () => {
  it("accepts the secret as a Bearer token (Datadog custom header) or a relay's X-Signature-256", () => {
    expect(datadog.inbound.verify(inboundRequest(body, { authorization: `Bearer ${webhookSecret}` }), { webhookSecret })).toEqual({ ok: true });
    expect(datadog.inbound.verify(inboundRequest(body, { "x-signature-256": `sha256=${hexHmac(webhookSecret, body)}` }), { webhookSecret })).toEqual({ ok: true });
  });

  it("refuses a wrong token, a signature of another body, no credentials and a missing secret", () => {
    expect(datadog.inbound.verify(inboundRequest(body, { authorization: "Bearer dd-switchboard-secret-02" }), { webhookSecret })).toEqual({
      ok: false,
      reason: "the Authorization bearer token does not match the configured secret",
    });
    const signedOther = inboundRequest(body, { "x-signature-256": `sha256=${hexHmac(webhookSecret, body.replace("Triggered", "Recovered"))}` });
    expect(datadog.inbound.verify(signedOther, { webhookSecret }).ok).toBe(false);
    // A bad signature is not rescued by a good token.
    const both = inboundRequest(body, { "x-signature-256": `sha256=${"0".repeat(64)}`, authorization: `Bearer ${webhookSecret}` });
    expect(datadog.inbound.verify(both, { webhookSecret }).ok).toBe(false);
    expect(datadog.inbound.verify(inboundRequest(body, {}), { webhookSecret })).toEqual({
      ok: false,
      reason: "neither X-Signature-256 nor an Authorization bearer token was sent",
    });
    expect(datadog.inbound.verify(inboundRequest(body, { authorization: "Bearer " }), { webhookSecret: "" }).ok).toBe(false);
  });

  it("types by the template's event_type, dedupes by $ID, validates and maps to datadog.alert", () => {
    expect(datadog.inbound.envelope(inboundRequest(body), alert)).toEqual({ eventType: "query_alert_monitor", deliveryId: "7425983468963215476" });
    expect(datadog.inbound.validate("query_alert_monitor", alert)).toEqual({ ok: true });
    const { title: _, ...untitled } = alert;
    expect(datadog.inbound.validate("query_alert_monitor", untitled)).toEqual({ ok: false, errors: [expect.stringMatching(/^\/title: /)] });
    expect(datadog.inbound.map({ eventType: "query_alert_monitor", payload: alert, integration })).toEqual({
      type: "datadog.alert",
      summary: {
        title: alert.title,
        transition: "Triggered",
        status: "Alert",
        alertId: "123456789",
        url: alert.link,
        priority: "normal",
        host: "web-1",
        eventType: "query_alert_monitor",
      },
    });
  });

  it("explains how to send the secret from Datadog", () => {
    const steps = datadog.inbound.setupInstructions("https://sb.example/api/hooks/t").join("\n");
    expect(steps).toContain("URL: https://sb.example/api/hooks/t");
    expect(steps).toContain('{"Authorization": "Bearer $SWITCHBOARD_SECRET"}');
  });

  it("names bad config fields", () => {
    expect(configErrors(datadog.configSchema.safeParse({ site: "datadog.com", webhookSecret: "x" }))).toEqual([
      "site: site must be one of datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
      "webhookSecret: webhookSecret must be at least 16 characters",
    ]);
    // Forwarding is off until asked for.
    expect(datadog.configSchema.parse({ webhookSecret })).toEqual({
      site: "datadoghq.com",
      webhookSecret,
      forwardMetrics: [],
      forwardAlerts: false,
      forwardDeployments: false,
      metricPrefix: "switchboard.",
      tagPrefix: "",
      tags: [],
    });
  });
});

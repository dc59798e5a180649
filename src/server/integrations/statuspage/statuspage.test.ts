import { describe, expect, it } from "vitest";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { statuspage } from "./index";

const webhookSecret = "sp-switchboard-secret-01";
const hookUrl = "https://sb.example/api/hooks/tok_abc";
const integration = { id: "i-1", name: "Status" };

// Statuspage's documented incident-update and component-update notifications (abridged).
const incident = {
  meta: { unsubscribe: "http://statustest.statuspage.io/?unsubscribe=j0vqr9kl3513", documentation: "https://doers.statuspage.io/customer-notifications/webhooks/" },
  page: { id: "j2mfxwj97wnj", status_indicator: "major", status_description: "Partial System Outage" },
  incident: {
    id: "lbkhbwn21v5q",
    name: "Checkout errors",
    status: "identified",
    impact: "major",
    shortlink: "http://stspg.dev:5000/Q0E",
    created_at: "2026-11-23T10:00:00.000Z",
    updated_at: "2026-11-23T10:05:00.000Z",
    incident_updates: [
      { id: "drfcwbnpxnr6", status: "identified", body: "The payment provider is failing; we are failing over.", created_at: "2026-11-23T10:05:00.000Z" },
      { id: "2rryghr4qgrh", status: "investigating", body: "We are looking into checkout errors.", created_at: "2026-11-23T10:00:00.000Z" },
    ],
  },
};
const component = {
  meta: incident.meta,
  page: incident.page,
  component_update: { created_at: "2026-11-23T10:01:00.000Z", new_status: "major_outage", old_status: "operational", id: "k7730b5v92bv", component_id: "rb5wq1dczvbm" },
  component: { created_at: "2025-01-01T00:00:00.000Z", id: "rb5wq1dczvbm", name: "Checkout", status: "major_outage" },
};
const body = JSON.stringify(incident);

describe("Statuspage", () => {
  it("accepts the secret in the URL's query (Statuspage sends no headers), or a relay's signature", () => {
    const request = inboundRequest(body, {}, { url: `${hookUrl}?secret=${webhookSecret}` });
    expect(statuspage.inbound.verify(request, { webhookSecret })).toEqual({ ok: true });
    expect(statuspage.inbound.verify(inboundRequest(body, { "x-signature-256": `sha256=${hexHmac(webhookSecret, body)}` }), { webhookSecret }).ok).toBe(true);
  });

  it("refuses a wrong or missing query secret, and any request when no secret is configured", () => {
    expect(statuspage.inbound.verify(inboundRequest(body, {}, { url: `${hookUrl}?secret=guess` }), { webhookSecret })).toEqual({
      ok: false,
      reason: "the secret query parameter does not match the configured secret",
    });
    expect(statuspage.inbound.verify(inboundRequest(body, {}, { url: hookUrl }), { webhookSecret })).toEqual({
      ok: false,
      reason: "neither X-Signature-256, an Authorization bearer token nor a ?secret= query parameter was sent",
    });
    expect(statuspage.inbound.verify(inboundRequest(body, {}, { url: `${hookUrl}?secret=` }), { webhookSecret: "" }).ok).toBe(false);
  });

  it("types incident and component updates, each with its own delivery id", () => {
    expect(statuspage.inbound.envelope(inboundRequest(body), incident)).toEqual({ eventType: "incident.update", deliveryId: "incident_update:drfcwbnpxnr6" });
    expect(statuspage.inbound.envelope(inboundRequest("{}"), component)).toEqual({ eventType: "component.update", deliveryId: "component_update:k7730b5v92bv" });
    expect(statuspage.inbound.envelope(inboundRequest("{}"), { page: incident.page })).toEqual({ eventType: "", deliveryId: null });
  });

  it("validates, naming the path, and maps", () => {
    expect(statuspage.inbound.validate("incident.update", incident)).toEqual({ ok: true });
    expect(statuspage.inbound.validate("component.update", component)).toEqual({ ok: true });
    const check = statuspage.inbound.validate("incident.update", { ...incident, incident: { ...incident.incident, status: 3 } });
    expect(check).toEqual({ ok: false, errors: [expect.stringMatching(/^\/incident\/status: /)] });
    // The integration's page, or no other.
    expect(statuspage.inbound.validate("incident.update", incident, { pageId: "j2mfxwj97wnj" })).toEqual({ ok: true });
    expect(statuspage.inbound.validate("component.update", component, { pageId: "otherpage01" })).toEqual({
      ok: false,
      errors: ['/page/id: this notification is for page "j2mfxwj97wnj", but this integration is for page "otherpage01"'],
    });
    expect(statuspage.inbound.map({ eventType: "incident.update", payload: incident, integration })).toEqual({
      type: "statuspage.incident.update",
      summary: {
        page: "j2mfxwj97wnj",
        title: "Checkout errors",
        status: "identified",
        impact: "major",
        url: "http://stspg.dev:5000/Q0E",
        update: "The payment provider is failing; we are failing over.",
      },
    });
    expect(statuspage.inbound.map({ eventType: "component.update", payload: component, integration })).toEqual({
      type: "statuspage.component.update",
      summary: { page: "j2mfxwj97wnj", component: "Checkout", from: "operational", to: "major_outage" },
    });
  });

  it("names bad config fields", () => {
    expect(configErrors(statuspage.configSchema.safeParse({ pageId: "https://status.example.com", webhookSecret }))).toEqual([
      "pageId: pageId must be the page's id from Statuspage's API info — 12 lower-case letters and digits, like gytm4qzbx9t6 — not its URL or name",
    ]);
  });

  describe("outbound config", () => {
    const apiKey = "89a229ce1a8dbcf9ff30430fbe35eb4c0426574bca932061892cefd2138aa4b1"; // Atlassian's documented example
    const serviceId = "0190a0f0-0000-7000-8000-000000000001";
    const parse = (config: Record<string, unknown>) => statuspage.configSchema.safeParse({ pageId: "gytm4qzbx9t6", ...config });

    it("fills in the defaults: nothing published, nobody notified, a reconcile every 5 minutes pushing to Statuspage", () => {
      expect(parse({ apiKey }).data).toEqual({
        pageId: "gytm4qzbx9t6",
        apiKey,
        componentMapping: {},
        publishIncidents: false,
        publishMaintenances: false,
        notifySubscribers: false,
        reconcileIntervalMinutes: 5,
        direction: "push",
      });
      // Inbound only, as before: no key needed.
      expect(parse({ webhookSecret }).success).toBe(true);
    });

    it("refuses a malformed page id or API key at save, saying what a good one looks like", () => {
      expect(configErrors(parse({ pageId: "GYTM4QZBX9T6", apiKey }))).toEqual([expect.stringMatching(/^pageId: .*12 lower-case letters and digits/)]);
      expect(configErrors(parse({ pageId: "gytm4qzbx9", apiKey }))).toEqual([expect.stringMatching(/^pageId: /)]);
      expect(configErrors(parse({ apiKey: `OAuth ${apiKey}` }))).toEqual(['apiKey: apiKey must be the key alone, without "OAuth " in front']);
      expect(configErrors(parse({ apiKey: `${apiKey}\n` }))).toEqual(["apiKey: apiKey must not start or end with spaces or line breaks"]);
      expect(configErrors(parse({ apiKey: "https://api.statuspage.io/v1/pages/gytm4qzbx9t6" }))).toEqual([expect.stringMatching(/^apiKey: apiKey must be the API key from Statuspage's API info/)]);
      expect(configErrors(parse({ apiKey: "short" }))).toEqual([expect.stringMatching(/^apiKey: apiKey must be the API key/)]);
      expect(configErrors(parse({ apiKey: `${apiKey}\u0000` }))).toEqual([expect.stringMatching(/^apiKey: /)]);
    });

    it("needs the API key once anything is to be synced", () => {
      expect(configErrors(parse({ componentMapping: { [serviceId]: "8kbf7d35c070" } }))).toEqual([
        "apiKey: apiKey is required to update the page (componentMapping, publishIncidents or publishMaintenances is set)",
      ]);
      expect(configErrors(parse({ publishIncidents: true }))).toEqual([expect.stringMatching(/^apiKey: apiKey is required/)]);
    });

    it("checks the component mapping: service ids, component ids, one service per component", () => {
      expect(parse({ apiKey, componentMapping: { [serviceId]: "8kbf7d35c070" } }).success).toBe(true);
      expect(configErrors(parse({ apiKey, componentMapping: { "not-a-uuid": "8kbf7d35c070" } }))).toEqual([expect.stringContaining("each key must be a service's id")]);
      expect(configErrors(parse({ apiKey, componentMapping: { [serviceId]: "Checkout" } }))).toEqual([expect.stringContaining("12 lower-case letters and digits")]);
      const other = "0190a0f0-0000-7000-8000-000000000002";
      expect(configErrors(parse({ apiKey, componentMapping: { [serviceId]: "8kbf7d35c070", [other]: "8kbf7d35c070" } }))).toEqual([
        `componentMapping.${other}: componentMapping: component 8kbf7d35c070 is already mapped to service ${serviceId}; a component follows one service`,
      ]);
      expect(configErrors(parse({ apiKey, componentMapping: ["8kbf7d35c070"] }))).toEqual([expect.stringContaining("componentMapping must be an object")]);
    });

    it("checks the flags, the interval and the direction", () => {
      expect(configErrors(parse({ apiKey, notifySubscribers: "yes" }))).toEqual(["notifySubscribers: notifySubscribers must be true or false"]);
      expect(configErrors(parse({ apiKey, reconcileIntervalMinutes: 0 }))).toEqual(["reconcileIntervalMinutes: reconcileIntervalMinutes must be at least 1"]);
      expect(configErrors(parse({ apiKey, reconcileIntervalMinutes: 2.5 }))).toEqual(["reconcileIntervalMinutes: reconcileIntervalMinutes must be a whole number of minutes"]);
      expect(configErrors(parse({ apiKey, reconcileIntervalMinutes: 10_000 }))).toEqual(["reconcileIntervalMinutes: reconcileIntervalMinutes must be at most 1440 (a day)"]);
      expect(configErrors(parse({ apiKey, direction: "both" }))).toEqual(["direction: direction must be one of push, pull, report"]);
      expect(configErrors(parse({ apiKey, syncEverything: true }))).toEqual([expect.stringContaining('unknown config field "syncEverything"')]);
    });
  });
});

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "@/server/webhooks/rules/signing";
import { configErrors, inboundRequest } from "../shared/test-requests";
import { webhook } from "./index";

const signingSecret = generateWebhookSecret();
const integration = { id: "0190a0b0-0000-7000-8000-0000000000aa", name: "Billing events!" };
const payload = { event: "invoice.paid", data: { invoice: "in_1", amount: 4200 } };
const body = JSON.stringify(payload);

/** Signed with the official library, as any Standard Webhooks sender does. */
function delivery(options: { at?: Date; secret?: string; rawBody?: string; id?: string } = {}) {
  const id = options.id ?? "msg_2p3n4m5";
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? signingSecret).sign(id, at, body);
  return inboundRequest(options.rawBody ?? body, {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  });
}

describe("Generic webhook (Standard Webhooks)", () => {
  it("verifies a delivery signed per Standard Webhooks", () => {
    expect(webhook.inbound.verify(delivery(), { signingSecret })).toEqual({ ok: true });
  });

  it("refuses a tampered body, another secret, a stale timestamp, missing headers and a missing secret", () => {
    expect(webhook.inbound.verify(delivery({ rawBody: body.replace("4200", "1") }), { signingSecret })).toEqual({
      ok: false,
      reason: "webhook-signature: no signature matches the body signed with the configured secret",
    });
    expect(webhook.inbound.verify(delivery({ secret: generateWebhookSecret() }), { signingSecret }).ok).toBe(false);
    expect(webhook.inbound.verify(delivery({ at: new Date(Date.now() - 6 * 60_000) }), { signingSecret })).toEqual({
      ok: false,
      reason: "webhook-signature: webhook-timestamp is more than 5 minutes old (a replay?)",
    });
    expect(webhook.inbound.verify(inboundRequest(body, { "webhook-id": "msg_1" }), { signingSecret })).toEqual({
      ok: false,
      reason: "the webhook-timestamp, webhook-signature headers are missing",
    });
    expect(webhook.inbound.verify(delivery(), {}).ok).toBe(false);
  });

  it("takes the event type from the configured field and the delivery id from webhook-id", () => {
    expect(webhook.inbound.envelope(delivery(), payload, { eventTypeField: "event" })).toEqual({ eventType: "invoice.paid", deliveryId: "msg_2p3n4m5" });
    expect(webhook.inbound.envelope(delivery(), { type: "ping" })).toEqual({ eventType: "ping", deliveryId: "msg_2p3n4m5" });
    expect(webhook.inbound.envelope(delivery(), payload).eventType).toBe("event"); // no "type" field
  });

  it("accepts any JSON object and maps it to inbound.<slug of the integration name>", () => {
    expect(webhook.inbound.validate("invoice.paid", payload)).toEqual({ ok: true });
    expect(webhook.inbound.validate("event", "text")).toEqual({ ok: false, errors: ["/: the payload must be a JSON object"] });
    expect(webhook.inbound.map({ eventType: "invoice.paid", payload, integration })).toEqual({
      type: "inbound.billing_events",
      summary: { event_type: "invoice.paid" },
    });
  });

  it("names bad config fields", () => {
    expect(configErrors(webhook.configSchema.safeParse({ signingSecret: "hunter2", eventTypeField: "data.type" }))).toEqual([
      'signingSecret: signingSecret must be a Standard Webhooks secret: "whsec_" and 24 to 64 bytes in base64',
      'eventTypeField: eventTypeField must be the name of a top-level payload field, e.g. "type" or "event"',
    ]);
    expect(webhook.configSchema.parse({ signingSecret })).toEqual({ signingSecret, eventTypeField: "type" });
  });
});

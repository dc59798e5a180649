import { describe, expect, it } from "vitest";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { newRelic } from "./index";

const webhookSecret = "nr-switchboard-secret-01";
const integration = { id: "i-1", name: "New Relic" };

// New Relic's default workflow webhook payload, rendered.
const issue = {
  id: "6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6",
  issueUrl: "https://radar-api.service.newrelic.com/accounts/1/issues/6fc8ab7e?notifier=WEBHOOK",
  title: "checkout-service query result is > 0.8 for 5 minutes",
  priority: "CRITICAL",
  impactedEntities: ["checkout-service"],
  totalIncidents: 1,
  state: "ACTIVATED",
  trigger: "STATE_CHANGE",
  isCorrelated: false,
  createdAt: 1763899200000,
  updatedAt: 1763899260000,
  sources: ["newrelic"],
  alertPolicyNames: ["Checkout"],
  alertConditionNames: ["p95 latency"],
  workflowName: "Checkout on-call",
};
const body = JSON.stringify(issue);

describe("New Relic", () => {
  it("accepts the secret as the destination's bearer token, or a relay's X-Signature-256", () => {
    expect(newRelic.inbound.verify(inboundRequest(body, { authorization: `Bearer ${webhookSecret}` }), { webhookSecret })).toEqual({ ok: true });
    expect(newRelic.inbound.verify(inboundRequest(body, { "x-signature-256": `sha256=${hexHmac(webhookSecret, body)}` }), { webhookSecret }).ok).toBe(true);
  });

  it("refuses forged, missing and unconfigured credentials", () => {
    expect(newRelic.inbound.verify(inboundRequest(body, { authorization: `Basic ${webhookSecret}` }), { webhookSecret })).toEqual({
      ok: false,
      reason: 'Authorization must be "Bearer <webhookSecret>"',
    });
    expect(newRelic.inbound.verify(inboundRequest(body, { "x-signature-256": `sha256=${hexHmac("guess", body)}` }), { webhookSecret }).ok).toBe(false);
    expect(newRelic.inbound.verify(inboundRequest(body, {}), { webhookSecret }).ok).toBe(false);
    expect(newRelic.inbound.verify(inboundRequest(body, { authorization: `Bearer ${webhookSecret}` }), {}).ok).toBe(false);
  });

  it("treats each state of an issue as its own delivery, validates and maps to new_relic.incident", () => {
    expect(newRelic.inbound.envelope(inboundRequest(body), issue)).toEqual({
      eventType: "issue.activated",
      deliveryId: "6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6:activated:1763899260000",
    });
    expect(newRelic.inbound.envelope(inboundRequest(body), { ...issue, state: "CLOSED" }).deliveryId).toContain(":closed:");
    expect(newRelic.inbound.validate("issue.activated", issue)).toEqual({ ok: true });
    const { state: _, ...stateless } = issue;
    expect(newRelic.inbound.validate("issue", stateless)).toEqual({ ok: false, errors: [expect.stringMatching(/^\/state: /)] });
    expect(newRelic.inbound.map({ eventType: "issue.activated", payload: issue, integration })).toEqual({
      type: "new_relic.incident",
      summary: {
        title: issue.title,
        state: "ACTIVATED",
        priority: "CRITICAL",
        url: issue.issueUrl,
        issueId: issue.id,
        trigger: "STATE_CHANGE",
        entities: ["checkout-service"],
      },
    });
  });

  it("names bad config fields", () => {
    expect(configErrors(newRelic.configSchema.safeParse({ region: "APAC", webhookSecret }))).toEqual([
      'region: region must be "US" or "EU" (where the New Relic account lives)',
    ]);
  });
});

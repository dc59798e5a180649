import { describe, expect, it } from "vitest";
import { newRelicNotification } from "../../../../test/alert-fixtures";
import { newRelic } from "./index";

const signal = (payload: unknown) => newRelic.inbound.alert!({ eventType: "issue.activated", payload });

describe("New Relic notifications as alerts", () => {
  it("raises on CREATED and ACTIVATED, acknowledges on ACKNOWLEDGED, resolves on CLOSED, by the issue id", () => {
    expect(signal(newRelicNotification("ACTIVATED"))).toEqual({
      action: "raise",
      fingerprint: "6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6",
      title: "checkout-service query result is > 0.8 for 5 minutes",
      description: expect.stringMatching(/^Conditions: p95 latency\nPolicies: Checkout\nIssue: https:/),
      severity: "critical",
      serviceNames: ["checkout-service"],
    });
    expect(signal(newRelicNotification("CREATED"))).toMatchObject({ action: "raise" });
    expect(signal(newRelicNotification("ACKNOWLEDGED"))).toEqual({ action: "acknowledge", fingerprint: "6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6" });
    expect(signal(newRelicNotification("CLOSED"))).toEqual({ action: "resolve", fingerprint: "6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6" });
    expect(signal({ ...newRelicNotification("ACTIVATED"), state: "SOMETHING_NEW" })).toBeNull();
  });

  it("takes the severity from the priority", () => {
    const severity = (priority: string) => (signal(newRelicNotification("ACTIVATED", { priority })) as { severity: string }).severity;
    expect(["CRITICAL", "HIGH", "MEDIUM", "LOW", "", "weird"].map(severity)).toEqual(["critical", "error", "warning", "info", "error", "error"]);
  });
});

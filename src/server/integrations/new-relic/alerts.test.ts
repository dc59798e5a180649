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
      links: [{ kind: "source", label: "New Relic issue", url: "https://radar-api.service.newrelic.com/accounts/1/issues/6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6?notifier=WEBHOOK" }],
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

  it("keeps the issue's links: the issue, the template's trace, APM and runbook fields (a condition's runbooks come as a list), the violation chart", () => {
    const raised = signal(
      newRelicNotification("ACTIVATED", {
        issueUrl: undefined,
        issuePageUrl: "https://one.newrelic.com/alerts-ai/issues/6fc8ab7e",
        runbookUrl: ["https://wiki.example.com/runbooks/latency", "ftp://old.example.com/runbook"],
        apmUrl: "https://one.newrelic.com/redirect/entity/MXxBUE18QVBQTElDQVRJT058MQ",
        violationChartUrl: "https://gorgon.nr-assets.net/image/abc?config.legend.enabled=false",
      }),
    ) as { links: unknown[] };
    expect(raised.links).toEqual([
      { kind: "source", label: "New Relic issue", url: "https://one.newrelic.com/alerts-ai/issues/6fc8ab7e" },
      { kind: "apm", label: "APM service", url: "https://one.newrelic.com/redirect/entity/MXxBUE18QVBQTElDQVRJT058MQ" },
      { kind: "runbook", label: "Runbook", url: "https://wiki.example.com/runbooks/latency" },
      { kind: "graph", label: "Violation chart", url: "https://gorgon.nr-assets.net/image/abc?config.legend.enabled=false" },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { datadogNotification } from "../../../../test/alert-fixtures";
import { datadog } from "./index";

const signal = (payload: unknown) => datadog.inbound.alert!({ eventType: "query_alert_monitor", payload });

describe("Datadog notifications as alerts", () => {
  it("raises on Triggered, Re-Triggered, Renotify, Warn and No Data; resolves on Recovered; ignores Null", () => {
    expect(signal(datadogNotification("Triggered"))).toEqual({
      action: "raise",
      fingerprint: "9bd4ac313a4d1e8fae2482df7b77628",
      title: "Host is Down",
      description: "@webhook-url Sending to the webhook",
      severity: "critical",
      serviceNames: ["checkout"],
      links: [{ kind: "source", label: "Datadog event", url: "https://app.datadoghq.com/event/event?id=7425983468963215476" }],
    });
    for (const transition of ["Re-Triggered", "Renotify"] as const) expect(signal(datadogNotification(transition))).toMatchObject({ action: "raise", severity: "critical" });
    for (const transition of ["Warn", "No Data"] as const) expect(signal(datadogNotification(transition))).toMatchObject({ action: "raise", severity: "warning", title: "Host is Down" });
    expect(signal(datadogNotification("Recovered"))).toEqual({ action: "resolve", fingerprint: "9bd4ac313a4d1e8fae2482df7b77628" });
    expect(signal(datadogNotification("Triggered", { alert_transition: "Null" }))).toBeNull();
  });

  it("takes the severity from $ALERT_PRIORITY, else $ALERT_TYPE, else error", () => {
    const severity = (overrides: Record<string, unknown>) => (signal(datadogNotification("Triggered", overrides)) as { severity: string }).severity;
    expect(["P1", "P2", "P3", "P4", "P5"].map((p) => severity({ alert_priority: p }))).toEqual(["critical", "error", "warning", "info", "info"]);
    expect(severity({ alert_priority: "$ALERT_PRIORITY", alert_type: "warning" })).toBe("warning");
    expect(severity({ alert_priority: "", alert_type: "" })).toBe("error");
  });

  it("works with Datadog's default template: the transition from the title, the monitor id as fingerprint", () => {
    const minimal = { id: "1", title: "[Recovered on {host:web-1}] CPU high", event_type: "query_alert_monitor", body: "", date: "1", alert_id: "77" };
    expect(signal(minimal)).toEqual({ action: "resolve", fingerprint: "datadog-monitor:77" });
    expect(signal({ ...minimal, title: "[P2] [Re-Warn] CPU high" })).toMatchObject({ action: "raise", title: "CPU high", severity: "warning", fingerprint: "datadog-monitor:77" });
    // Unfilled variables are "not given"; nothing at all to fingerprint or no transition: no alert.
    expect(signal({ ...minimal, title: "Deploy finished", alert_id: "$ALERT_ID" })).toBeNull();
    expect(signal({ id: "1", title: "[Triggered] Disk full", aggreg_key: "$AGGREG_KEY" })).toMatchObject({ fingerprint: "datadog-title:Disk full" });
  });

  it("keeps the links to look into it: the event, trace and APM pages its message links to, the template's own fields, the snapshot; only http(s), each once", () => {
    const raised = signal(
      datadogNotification("Triggered", {
        body: "%%%\nErrors on checkout. [Trace](https://app.datadoghq.eu/apm/trace/6102183468) · [Service](https://app.datadoghq.eu/apm/services/checkout?env=prod) · [Docs](https://example.com/x)\n%%%",
        runbook_url: "https://wiki.example.com/runbooks/checkout",
        trace_url: "javascript:alert(1)",
        dashboard_url: ["https://app.datadoghq.eu/dashboard/abc-123", "https://app.datadoghq.eu/dashboard/abc-123"],
        snapshot: "https://p.datadoghq.eu/snapshot/view/dd-snapshots-prod/org_1/2026-12-07/abc.png",
      }),
    ) as { links: unknown[] };
    expect(raised.links).toEqual([
      { kind: "source", label: "Datadog event", url: "https://app.datadoghq.com/event/event?id=7425983468963215476" },
      { kind: "runbook", label: "Runbook", url: "https://wiki.example.com/runbooks/checkout" },
      { kind: "dashboard", label: "Dashboard", url: "https://app.datadoghq.eu/dashboard/abc-123" },
      { kind: "trace", label: "Trace", url: "https://app.datadoghq.eu/apm/trace/6102183468" },
      { kind: "apm", label: "APM service", url: "https://app.datadoghq.eu/apm/services/checkout?env=prod" },
      { kind: "graph", label: "Graph snapshot", url: "https://p.datadoghq.eu/snapshot/view/dd-snapshots-prod/org_1/2026-12-07/abc.png" },
    ]);
    // Variables the template left unfilled are no links.
    expect((signal(datadogNotification("Triggered", { link: "$LINK", snapshot: "$SNAPSHOT" })) as { links: unknown[] }).links).toEqual([]);
  });

  it("cuts long text to what an alert keeps", () => {
    const raised = signal(datadogNotification("Triggered", { alert_title: `[Triggered] ${"x".repeat(400)}`, aggreg_key: "k".repeat(300) })) as { title: string; fingerprint: string };
    expect(raised.title).toHaveLength(300);
    expect(raised.fingerprint).toHaveLength(255);
  });
});

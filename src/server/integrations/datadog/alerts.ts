import type { AlertSignal } from "../provider";
import { alertLinks } from "@/server/records/alerts/alert-links";
import { apmLinksInText, cut, given, MAX_ALERT_DESCRIPTION, MAX_ALERT_TITLE, MAX_FINGERPRINT, templateLinks } from "../shared/alert-text";
import { str } from "../shared/read";

/**
 * A Datadog monitor notification as an alert (docs.datadoghq.com/integrations/webhooks/, the
 * variables of the payload template): `$ALERT_TRANSITION` says what happened — Triggered,
 * Re-Triggered, Renotify, Warn, Re-Warn, No Data, Re-No Data raise the alert; Recovered resolves
 * it; Null does nothing — and `$AGGREG_KEY` ("ID to aggregate events belonging together") is the
 * fingerprint, so a monitor group's repeats count on its open alert and its recovery resolves it.
 * Without the template's `alert_transition`, the transition is read from the title's
 * `[Triggered]` / `[Recovered on …]` prefix, which Datadog's default template carries.
 * Its links: `$LINK` (the event in Datadog), trace and APM pages its message links to, the
 * template's own `trace_url`, `apm_url`, `runbook_url`, `dashboard_url`, and `$SNAPSHOT` (a graph).
 */

const RAISES = new Set(["triggered", "re-triggered", "renotify", "warn", "re-warn", "no data", "re-no data"]);
const WARNS = new Set(["warn", "re-warn", "no data", "re-no data"]);

type Severity = Extract<AlertSignal, { action: "raise" }>["severity"];

/** `$ALERT_PRIORITY` (the monitor's P1–P5) → severity. */
const PRIORITY: Record<string, Severity> = {
  p1: "critical",
  p2: "error",
  p3: "warning",
  p4: "info",
  p5: "info",
};

/** `$ALERT_TYPE` → severity, when the monitor has no priority. */
const ALERT_TYPE: Record<string, Severity> = { error: "error", warning: "warning", info: "info", success: "info" };

// "[Triggered] …", "[Re-Triggered on {host:web-1}] …", "[P1] [Warn] …": a transition in brackets
// at the start, possibly after the priority.
const TITLE_PREFIX = /^\s*(?:\[P\d\]\s*)?\[(re-)?(triggered|recovered|warn|no data|renotify)\b[^\]]*\]\s*/i;

function transitionOf(payload: unknown, title: string | undefined): string | undefined {
  const transition = given(str(payload, "alert_transition"));
  if (transition) return transition.toLowerCase();
  const prefix = title ? TITLE_PREFIX.exec(title) : null;
  return prefix ? `${prefix[1] ?? ""}${prefix[2]}`.toLowerCase() : undefined;
}

function severityOf(payload: unknown, transition: string): Severity {
  if (WARNS.has(transition)) return "warning";
  const priority = given(str(payload, "alert_priority")) ?? given(str(payload, "priority"));
  if (priority && Object.hasOwn(PRIORITY, priority.toLowerCase())) return PRIORITY[priority.toLowerCase()];
  const type = given(str(payload, "alert_type"));
  return type && Object.hasOwn(ALERT_TYPE, type.toLowerCase()) ? ALERT_TYPE[type.toLowerCase()] : "error";
}

/** `service:checkout` among the comma-separated `$TAGS` and `$ALERT_SCOPE`. */
function serviceTags(payload: unknown): string[] {
  const tags = [given(str(payload, "tags")), given(str(payload, "alert_scope"))].filter(Boolean).join(",");
  return [...new Set(tags.split(",").map((tag) => tag.trim()).filter((tag) => /^service:./i.test(tag)).map((tag) => tag.slice("service:".length).trim()))];
}

export function datadogAlertSignal(payload: unknown): AlertSignal | null {
  const rawTitle = given(str(payload, "alert_title")) ?? given(str(payload, "title"));
  const transition = transitionOf(payload, rawTitle ?? given(str(payload, "title")));
  if (!transition || (!RAISES.has(transition) && transition !== "recovered")) return null;
  const alertId = given(str(payload, "alert_id"));
  const scope = given(str(payload, "alert_scope"));
  const fingerprint =
    given(str(payload, "aggreg_key")) ??
    given(str(payload, "alert_cycle_key")) ??
    (alertId ? `datadog-monitor:${alertId}${scope ? `:${scope}` : ""}` : undefined) ??
    (rawTitle ? `datadog-title:${rawTitle.replace(TITLE_PREFIX, "")}` : undefined);
  if (!fingerprint) return null;
  if (transition === "recovered") return { action: "resolve", fingerprint: cut(fingerprint, MAX_FINGERPRINT) };
  const title = rawTitle?.replace(TITLE_PREFIX, "").trim() || (alertId ? `Datadog monitor ${alertId}` : "Datadog alert");
  const body = given(str(payload, "body")) ?? given(str(payload, "alert_status")) ?? "";
  return {
    action: "raise",
    fingerprint: cut(fingerprint, MAX_FINGERPRINT),
    title: cut(title, MAX_ALERT_TITLE),
    // Datadog wraps Markdown messages in %%% fences.
    description: cut(body.replace(/^%%%\s*|\s*%%%$/g, ""), MAX_ALERT_DESCRIPTION),
    severity: severityOf(payload, transition),
    serviceNames: serviceTags(payload),
    links: alertLinks([
      { kind: "source", label: "Datadog event", url: given(str(payload, "link")) },
      ...templateLinks(payload),
      ...apmLinksInText(body),
      { kind: "graph", label: "Graph snapshot", url: given(str(payload, "snapshot")) },
    ]),
  };
}

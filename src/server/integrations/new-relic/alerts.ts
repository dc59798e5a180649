import type { AlertSignal } from "../provider";
import { alertLinks } from "@/server/records/alerts/alert-links";
import { cut, given, MAX_ALERT_DESCRIPTION, MAX_ALERT_TITLE, MAX_FINGERPRINT, templateLinks } from "../shared/alert-text";
import { at, str } from "../shared/read";

/**
 * A New Relic workflow notification as an alert (docs.newrelic.com, alert workflows: an issue
 * notifies on each state change). The issue's `id` is the fingerprint; its `state` says what
 * happened — CREATED and ACTIVATED raise the alert (a second notification of the same issue
 * counts on it), ACKNOWLEDGED acknowledges it, CLOSED resolves it — and its `priority`
 * (CRITICAL, HIGH, MEDIUM, LOW) is the severity. The impacted entities name the service. Its
 * links: `issueUrl` (the issue in New Relic), the template's own `traceUrl`, `apmUrl`,
 * `runbookUrl` (a condition's, possibly a list), `dashboardUrl`, and `violationChartUrl`.
 */

type Severity = Extract<AlertSignal, { action: "raise" }>["severity"];
const PRIORITY: Record<string, Severity> = { critical: "critical", high: "error", medium: "warning", low: "info" };

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap((item) => (typeof item === "string" && item.trim() ? [item.trim()] : [])).slice(0, 20) : [];

export function newRelicAlertSignal(payload: unknown): AlertSignal | null {
  const id = given(str(payload, "id")) ?? given(str(payload, "issueId"));
  const state = given(str(payload, "state"))?.toUpperCase();
  if (!id || !state) return null;
  const fingerprint = cut(id, MAX_FINGERPRINT);
  if (state === "CLOSED") return { action: "resolve", fingerprint };
  if (state === "ACKNOWLEDGED") return { action: "acknowledge", fingerprint };
  if (state !== "CREATED" && state !== "ACTIVATED") return null;
  const priority = given(str(payload, "priority"))?.toLowerCase();
  const conditions = names(at(payload, "alertConditionNames"));
  const policies = names(at(payload, "alertPolicyNames"));
  const description = [
    conditions.length ? `Conditions: ${conditions.join(", ")}` : "",
    policies.length ? `Policies: ${policies.join(", ")}` : "",
    given(str(payload, "issueUrl")) ? `Issue: ${str(payload, "issueUrl")}` : "",
  ].filter(Boolean).join("\n");
  return {
    action: "raise",
    fingerprint,
    title: cut(given(str(payload, "title")) ?? `New Relic issue ${id}`, MAX_ALERT_TITLE),
    description: cut(description, MAX_ALERT_DESCRIPTION),
    severity: priority && Object.hasOwn(PRIORITY, priority) ? PRIORITY[priority] : "error",
    serviceNames: names(at(payload, "impactedEntities")),
    links: alertLinks([
      { kind: "source", label: "New Relic issue", url: given(str(payload, "issueUrl")) ?? given(str(payload, "issuePageUrl")) },
      ...templateLinks(payload),
      { kind: "graph", label: "Violation chart", url: given(str(payload, "violationChartUrl")) },
    ]),
  };
}

import type { AlertSeverity, AlertStatus } from "@/generated/prisma/enums";
import { Badge, type Tone } from "@/components/ui/badge";

// Mirrors ALERT_SEVERITIES / ALERT_STATUSES / ALERT_SOURCES in src/server/records/alerts/alert.schema.ts,
// kept here so client bundles do not pull in the server's zod schemas.
export const SEVERITIES: AlertSeverity[] = ["critical", "error", "warning", "info"];
export const STATUSES: AlertStatus[] = ["triggered", "acknowledged", "resolved"];
export const SOURCES = ["api", "datadog", "new_relic"] as const;
export type AlertSourceName = (typeof SOURCES)[number];

export const SEVERITY_LABELS: Record<AlertSeverity, string> = { critical: "Critical", error: "Error", warning: "Warning", info: "Info" };
export const STATUS_LABELS: Record<AlertStatus, string> = { triggered: "Triggered", acknowledged: "Acknowledged", resolved: "Resolved" };
export const SOURCE_LABELS: Record<AlertSourceName, string> = { api: "API", datadog: "Datadog", new_relic: "New Relic" };

const SEVERITY_TONES: Record<AlertSeverity, Tone> = { critical: "red", error: "amber", warning: "sky", info: "slate" };
const STATUS_TONES: Record<AlertStatus, Tone> = { triggered: "red", acknowledged: "indigo", resolved: "emerald" };

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function sourceLabel(source: string): string {
  return (SOURCE_LABELS as Record<string, string>)[source] ?? source;
}

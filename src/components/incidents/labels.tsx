import type { IncidentSeverity, IncidentStatus, ServiceImpact } from "@/generated/prisma/enums";
import { Badge, type Tone } from "@/components/ui/badge";

// Mirror the constants of src/server/records/incidents/incident.schema.ts, kept here so client
// bundles do not pull in the server's zod schemas.
export const INCIDENT_STATUSES: IncidentStatus[] = ["investigating", "identified", "monitoring", "resolved"];
export const OPEN_STATUSES: Exclude<IncidentStatus, "resolved">[] = ["investigating", "identified", "monitoring"];
export const SEVERITIES: IncidentSeverity[] = ["critical", "major", "minor"];
export const IMPACTS: ServiceImpact[] = ["degraded_performance", "partial_outage", "major_outage"];

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

/** What each status tells the people following the incident. */
export const STATUS_HINTS: Record<IncidentStatus, string> = {
  investigating: "Something is wrong; the cause is not known yet.",
  identified: "The cause is known and a fix is under way.",
  monitoring: "A fix is in place; watching that it holds.",
  resolved: "Over: the affected services return to operational unless something else holds them.",
};

export const SEVERITY_LABELS: Record<IncidentSeverity, string> = { critical: "Critical", major: "Major", minor: "Minor" };

export const IMPACT_LABELS: Record<ServiceImpact, string> = {
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

const STATUS_TONES: Record<IncidentStatus, Tone> = { investigating: "red", identified: "amber", monitoring: "sky", resolved: "emerald" };
const SEVERITY_TONES: Record<IncidentSeverity, Tone> = { critical: "red", major: "amber", minor: "slate" };
const IMPACT_TONES: Record<ServiceImpact, Tone> = { degraded_performance: "sky", partial_outage: "amber", major_outage: "red" };

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: IncidentSeverity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}

export function ImpactBadge({ impact }: { impact: ServiceImpact }) {
  return <Badge tone={IMPACT_TONES[impact]}>{IMPACT_LABELS[impact]}</Badge>;
}

/** "2 h 5 min", "3 days 4 h": how long an incident lasted (or has lasted so far). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? "" : "s"}${hours % 24 ? ` ${hours % 24} h` : ""}`;
}

import { z } from "zod";
import { alertLinkInput, alertLinkSchema, MAX_ALERT_LINKS } from "./alert-links";

/** Severities, worst first (the database's enum has the same order, so `LEAST` is the worse one). */
export const ALERT_SEVERITIES = ["critical", "error", "warning", "info"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ["triggered", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** An alert is open while it is triggered or acknowledged: a repeat of its fingerprint counts on it. */
export const OPEN_ALERT_STATUSES = ["triggered", "acknowledged"] as const satisfies readonly AlertStatus[];

/** Who raised an alert: the API (people, scripts) or the integration type whose webhook did. */
export const ALERT_SOURCES = ["api", "datadog", "new_relic"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_SEVERITY_LABELS: Record<AlertSeverity, string> = { critical: "Critical", error: "Error", warning: "Warning", info: "Info" };
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = { triggered: "Triggered", acknowledged: "Acknowledged", resolved: "Resolved" };
export const ALERT_SOURCE_LABELS: Record<AlertSource, string> = { api: "API", datadog: "Datadog", new_relic: "New Relic" };

/** The worse of two severities. */
export function worseSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return ALERT_SEVERITIES.indexOf(a) <= ALERT_SEVERITIES.indexOf(b) ? a : b;
}

const link = {
  uuid: z.string().uuid(),
  api_url: z.string(),
  absolute_url: z.string(),
};

/** An alert as webhooks, the REST API and the runtime see it. */
export const alertPayloadSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  title: z.string(),
  description: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  source: z.string().describe("`api`, or the integration type that raised it: `datadog`, `new_relic`"),
  source_integration: z.string().uuid().nullable().describe("The integration whose webhook raised it (it may since have been deleted)"),
  fingerprint: z.string().describe("What makes a repeat the same alert: while this alert is open, a raise with the same fingerprint counts on it"),
  count: z.number().int().describe("How many times it was raised while open (1 for a new alert)"),
  service: z.object({ ...link, name: z.string() }).nullable().describe("The service it concerns"),
  incident: z.object({ ...link, title: z.string(), status: z.string() }).nullable().describe("The incident it is linked to"),
  request: z
    .object({ ...link, title: z.string().nullable(), status: z.string().nullable() })
    .nullable()
    .describe("The request it is linked to; title and status are null when the request is private and the reader may not see it"),
  payload: z.record(z.string(), z.unknown()).describe("The raw payload of the last occurrence, as the sender sent it"),
  links: z.array(alertLinkSchema).describe("Where it can be looked into — the alert at its source, a trace, the APM page, a graph, a runbook — as the last occurrence that had any named them"),
  triggered_date: z.string().describe("ISO 8601: when it was first raised"),
  last_seen_date: z.string().describe("ISO 8601: when it was last raised"),
  acknowledged_date: z.string().nullable(),
  acknowledged_by: z.string().nullable().describe("Email of the member who acknowledged it; null when nobody did, or the monitor did"),
  resolved_date: z.string().nullable(),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
  dataspace: z.string().describe("Dataspace name"),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

// ── inputs (tRPC and REST) ──
// Text that PostgreSQL cannot store (NUL, lone surrogates) is refused at the edges, for every
// field at once: see src/server/validation/text.ts.

const alertId = z.string().uuid("Unknown alert");
export const fingerprintField = z.string().trim().min(1, "Fingerprint is empty").max(255, "Fingerprint is at most 255 characters");

export const raiseAlertInput = z.object({
  title: z.string().trim().min(1, "Title is required").max(300, "Title is at most 300 characters"),
  description: z.string().max(20_000, "Description is at most 20 000 characters").default(""),
  severity: z.enum(ALERT_SEVERITIES).default("warning"),
  /** Omitted: a hash of the source and the title, so the same title raised again repeats. */
  fingerprint: fingerprintField.optional(),
  serviceId: z.string().uuid("Unknown service").nullable().default(null),
  payload: z.record(z.string(), z.unknown()).default({}),
  links: z.array(alertLinkInput).max(MAX_ALERT_LINKS, `At most ${MAX_ALERT_LINKS} links`).default([]),
});
export type RaiseAlertInput = z.input<typeof raiseAlertInput>;

export const alertIdInput = z.object({ id: alertId });

/** By id, or the open alert of a fingerprint (what a monitor's recovery names). */
export const resolveAlertInput = z.union([z.object({ id: alertId }), z.object({ fingerprint: fingerprintField })]);
export type ResolveAlertInput = z.infer<typeof resolveAlertInput>;

/** Links to set (a uuid) or clear (null); a field left out keeps its link. */
export const linkAlertInput = z.object({
  id: alertId,
  incidentId: z.string().uuid("Unknown incident").nullable().optional(),
  requestId: z.string().uuid("Unknown request").nullable().optional(),
}).refine((input) => input.incidentId !== undefined || input.requestId !== undefined, "Nothing to change: name an incident or a request");
export type LinkAlertInput = z.infer<typeof linkAlertInput>;

export const createRequestFromAlertInput = z.object({ id: alertId });

export const listAlertsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  status: z.array(z.enum(ALERT_STATUSES)).max(3).optional(),
  severity: z.array(z.enum(ALERT_SEVERITIES)).max(4).optional(),
  source: z.array(z.enum(ALERT_SOURCES)).max(ALERT_SOURCES.length).optional(),
  serviceId: z.string().uuid("Unknown service").optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListAlertsInput = z.input<typeof listAlertsInput>;

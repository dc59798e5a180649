import { z } from "zod";
import { AlertSeverity, AlertStatus } from "@/generated/prisma/enums";
import { SERVICE_IMPACTS } from "../services/service.schema";

/** An incident's lifecycle, as Atlassian Statuspage names it; every status but `resolved` is open. */
export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const OPEN_INCIDENT_STATUSES = ["investigating", "identified", "monitoring"] as const;

export const INCIDENT_SEVERITIES = ["critical", "major", "minor"] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The most updates one incident's timeline holds (every payload carries the whole timeline). */
export const MAX_INCIDENT_UPDATES = 500;
/** The most services one incident affects. */
export const MAX_AFFECTED_SERVICES = 100;

// ── the object webhooks, the REST API and the runtime see ──

export const incidentUpdatePayloadSchema = z.object({
  uuid: z.string().uuid(),
  message: z.string(),
  status: z.enum(INCIDENT_STATUSES).describe("The incident's status this update set"),
  author: z.string().nullable().describe("Author's email (null for a deleted account)"),
  created_date: z.string().describe("ISO 8601"),
});
export type IncidentUpdatePayload = z.infer<typeof incidentUpdatePayloadSchema>;

export const incidentPayloadSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  title: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  started_date: z.string().describe("ISO 8601: when the incident began"),
  resolved_date: z.string().nullable().describe("ISO 8601: when it was resolved; null while open"),
  affected_services: z
    .array(
      z.object({
        uuid: z.string().uuid(),
        name: z.string(),
        api_url: z.string(),
        impact: z.enum(SERVICE_IMPACTS).describe("The status the incident gives the service while it is open"),
      }),
    )
    .describe("By service name"),
  timeline: z.array(incidentUpdatePayloadSchema).describe("Oldest first; the first entry is the declaration"),
  request: z
    .object({ uuid: z.string().uuid(), api_url: z.string(), absolute_url: z.string() })
    .nullable()
    .describe("The request the incident came from, if any"),
  alerts: z
    .array(
      z.object({
        uuid: z.string().uuid(),
        api_url: z.string(),
        title: z.string(),
        severity: z.enum(AlertSeverity),
        status: z.enum(AlertStatus),
      }),
    )
    .describe("Alerts linked to the incident, oldest first"),
  created_by: z.string().nullable().describe("Email of who declared it (null when declared by the system or a deleted account)"),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
  dataspace: z.string().describe("Dataspace name"),
});
export type IncidentPayload = z.infer<typeof incidentPayloadSchema>;

const changesSchema = z
  .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
  .describe("The fields that changed, by payload field name (`status`, `resolved_date`, `title`, `severity`, `affected_services`)");

/** `incident.updated` and `incident.resolved`: the incident after the change, what changed, and the timeline entry posted with it. */
export const incidentChangePayloadSchema = incidentPayloadSchema.extend({
  changes: changesSchema,
  update: incidentUpdatePayloadSchema.nullable().describe("The timeline entry this change posted; null for an edit of title, severity or services"),
});
export type IncidentChangePayload = z.infer<typeof incidentChangePayloadSchema>;

// ── inputs (tRPC takes them as they are; the REST routes map their field names onto them) ──
// Text that PostgreSQL cannot store (NUL, lone surrogates) is refused at the edges, for every
// field at once: see src/server/validation/text.ts.

export const incidentTitle = z.string().trim().min(1, "Title is required").max(300, "Title is at most 300 characters");
export const incidentMessage = z
  .string()
  .trim()
  .min(1, "Say what is happening: the message is empty")
  .max(20_000, "A message is at most 20 000 characters");

/**
 * A list of affected services, each at most once. `idKey` names the service's field (`serviceId`
 * here, `service` in the REST body) so a duplicate is reported on the entry that repeats it.
 */
export function affectedServicesSchema<T extends z.ZodObject>(idKey: string, entry: T) {
  return z
    .array(entry)
    .max(MAX_AFFECTED_SERVICES, `At most ${MAX_AFFECTED_SERVICES} services`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, index) => {
        const id = (item as Record<string, unknown>)[idKey] as string;
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: [index, idKey], message: "This service is listed twice" });
        seen.add(id);
      });
    });
}

export const serviceImpact = z.enum(SERVICE_IMPACTS, "Impact is degraded_performance, partial_outage or major_outage");
const affectedServices = affectedServicesSchema(
  "serviceId",
  z.object({ serviceId: z.string().uuid("Unknown service"), impact: serviceImpact }),
);
export type AffectedServiceInput = { serviceId: string; impact: (typeof SERVICE_IMPACTS)[number] };

const uniqueIds = (what: string) =>
  z
    .array(z.string().uuid(`Unknown ${what}`))
    .max(100, `At most 100 ${what}s`)
    .refine((ids) => new Set(ids).size === ids.length, `Each ${what} at most once`);

export const openIncidentStatus = z.enum(OPEN_INCIDENT_STATUSES, "An incident is declared open: investigating, identified or monitoring");

/**
 * Declaring an incident. The alerts part's "Create incident from alert" calls `createIncident`
 * with `createIncidentInput.parse({ title, severity, message, services, alertIds: [alert.id] })`.
 */
export const createIncidentInput = z.object({
  title: incidentTitle,
  severity: z.enum(INCIDENT_SEVERITIES, "Severity is critical, major or minor").default("minor"),
  status: openIncidentStatus.default("investigating"),
  /** The first entry of the timeline. */
  message: incidentMessage,
  services: affectedServices.default([]),
  /** The request the incident came from: one of the dataspace's that the actor can see. */
  requestId: z.string().uuid("Unknown request").nullable().default(null),
  /** When it began, if before now (e.g. the first alert's time); not in the future. */
  startedAt: z.date().optional(),
  /** Alerts of the dataspace to link to the new incident (an alert linked elsewhere moves to it). */
  alertIds: uniqueIds("alert").default([]),
});
export type CreateIncidentInput = z.input<typeof createIncidentInput>;

export const updateIncidentInput = z.object({
  id: z.string().uuid("Unknown incident"),
  patch: z
    .object({
      title: incidentTitle,
      severity: z.enum(INCIDENT_SEVERITIES, "Severity is critical, major or minor"),
      /** The whole new set: services left out are no longer affected; an impact can change. */
      services: affectedServices,
    })
    .partial()
    .refine((p) => Object.values(p).some((v) => v !== undefined), "Nothing to change"),
});
export type UpdateIncidentInput = z.input<typeof updateIncidentInput>;

export const addIncidentUpdateInput = z.object({
  incidentId: z.string().uuid("Unknown incident"),
  message: incidentMessage,
  /** `resolved` resolves it; another status on a resolved incident reopens it. */
  status: z.enum(INCIDENT_STATUSES, "Status is investigating, identified, monitoring or resolved"),
});
export type AddIncidentUpdateInput = z.input<typeof addIncidentUpdateInput>;

export const DEFAULT_RESOLVE_MESSAGE = "This incident has been resolved.";

export const resolveIncidentInput = z.object({
  id: z.string().uuid("Unknown incident"),
  message: incidentMessage.default(DEFAULT_RESOLVE_MESSAGE),
});

/** `open` stands for the three open statuses. */
export const INCIDENT_STATUS_FILTERS = [...INCIDENT_STATUSES, "open"] as const;

export const listIncidentsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  status: z.array(z.enum(INCIDENT_STATUS_FILTERS)).max(5).optional(),
  severity: z.array(z.enum(INCIDENT_SEVERITIES)).max(3).optional(),
  /** Only incidents affecting this service. */
  serviceId: z.string().uuid("Unknown service").optional(),
});
export type ListIncidentsInput = z.input<typeof listIncidentsInput>;

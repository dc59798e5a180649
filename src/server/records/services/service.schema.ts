import { z } from "zod";

/** A service's status, as Atlassian Statuspage names a component's (worst last but one). */
export const SERVICE_STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** How an open incident hits a service: the status it gives the service. */
export const SERVICE_IMPACTS = ["degraded_performance", "partial_outage", "major_outage"] as const;
export type ServiceImpact = (typeof SERVICE_IMPACTS)[number];

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

/** A service as webhooks, the REST API and the runtime see it. */
export const servicePayloadSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  group: z.string().nullable().describe("Component group on a status page, e.g. API"),
  status: z.enum(SERVICE_STATUSES),
  owner: z.string().nullable().describe("Owner's email"),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
  dataspace: z.string().describe("Dataspace name"),
});
export type ServicePayload = z.infer<typeof servicePayloadSchema>;

/** What moved a service's status: a person (or token), an incident, or a maintenance window. */
export const statusCauseSchema = z.object({
  type: z.enum(["manual", "incident", "maintenance"]),
  uuid: z.string().uuid().nullable().describe("The incident or maintenance, for those causes"),
});
export type StatusCause = z.infer<typeof statusCauseSchema>;

export const serviceStatusChangedPayloadSchema = servicePayloadSchema.extend({
  previous_status: z.enum(SERVICE_STATUSES),
  cause: statusCauseSchema,
});

// ── inputs (shared by tRPC and REST) ──

// Text that PostgreSQL cannot store (NUL, lone surrogates) is refused at the edges, for every
// field at once: see src/server/validation/text.ts. Names and groups are at most 100 characters
// (a list cursor carries them: src/server/pagination/cursor.ts).

// The fields without defaults: an update's patch must not fill in what it leaves out (in zod 4,
// `.partial()` keeps `.default()`, so a one-field patch would reset every other field).
const ONE_LINE = /^[^\p{Cc}]*$/u;

const serviceFields = {
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(100, "Name is at most 100 characters")
    .regex(ONE_LINE, "Name is one line of text, without control characters"),
  description: z.string().trim().max(2_000, "Description is at most 2 000 characters"),
  // Empty means no group (stored as null).
  group: z
    .string()
    .trim()
    .max(100, "Group is at most 100 characters")
    .regex(ONE_LINE, "Group is one line of text, without control characters")
    .nullable(),
  ownerId: z.string().uuid("Unknown owner").nullable(),
  status: z.enum(SERVICE_STATUSES),
};

export const createServiceInput = z.object({
  name: serviceFields.name,
  description: serviceFields.description.default(""),
  group: serviceFields.group.default(null),
  ownerId: serviceFields.ownerId.default(null),
  status: serviceFields.status.default("operational"),
});
export type CreateServiceInput = z.input<typeof createServiceInput>;

/**
 * A patch of the fields sent. `status` here is a status set by hand, as `setServiceStatusInput`
 * (the REST API's PATCH takes it with the other fields); it publishes `service.status_changed`,
 * not `service.updated`.
 */
export const updateServiceInput = z.object({
  id: z.string().uuid("Unknown service"),
  patch: z.object(serviceFields).partial().refine((p) => Object.values(p).some((v) => v !== undefined), "Nothing to change"),
});
export type UpdateServiceInput = z.input<typeof updateServiceInput>;

export const setServiceStatusInput = z.object({
  id: z.string().uuid("Unknown service"),
  status: serviceFields.status,
});

export const listServicesInput = z.object({
  // Longer than other lists' cursors: it carries the last group and name (see list-services.ts).
  cursor: z.string().max(1_000).nullish(),
  limit: z.number().int().min(1).max(100).default(100),
  /** Only this group; null for services without one. */
  group: z.string().trim().max(100).nullish(),
  status: z.array(z.enum(SERVICE_STATUSES)).max(SERVICE_STATUSES.length).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListServicesInput = z.input<typeof listServicesInput>;

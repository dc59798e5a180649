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

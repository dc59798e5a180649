import { z } from "zod";
import { addIncidentUpdate } from "@/server/records/incidents/add-incident-update";
import { createIncident } from "@/server/records/incidents/create-incident";
import { getIncident } from "@/server/records/incidents/get-incident";
import {
  addIncidentUpdateInput,
  affectedServicesSchema,
  createIncidentInput,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUS_FILTERS,
  incidentMessage,
  incidentPayloadSchema,
  incidentTitle,
  MAX_AFFECTED_SERVICES,
  openIncidentStatus,
  serviceImpact,
  updateIncidentInput,
} from "@/server/records/incidents/incident.schema";
import { listFullIncidents } from "@/server/records/incidents/list-incidents";
import { serializeIncident } from "@/server/records/incidents/serialize-incident";
import { updateIncident } from "@/server/records/incidents/update-incident";
import { defineRoute } from "../route";
import { pageQuery, uuid, uuidParams } from "../schemas";

/** Incidents: the object `incident.*` webhooks carry, field for field. */
export const incidentObject = incidentPayloadSchema.meta({ id: "Incident", description: "An incident, with its timeline and affected services" });

const severity = z.enum(INCIDENT_SEVERITIES, "Severity is critical, major or minor");

const affectedServices = affectedServicesSchema(
  "service",
  z.strictObject({
    service: uuid.meta({ description: "The service's `uuid`" }),
    impact: serviceImpact.meta({ description: "The status the incident gives the service while it is open" }),
  }),
).meta({ description: `The services the incident affects, each once (at most ${MAX_AFFECTED_SERVICES})` });

const about = {
  title: "Up to 300 characters",
  severity: "How bad it is",
  message: "What is happening: the timeline entry, up to 20 000 characters",
};

const createBody = z
  .strictObject({
    title: incidentTitle.meta({ description: about.title }),
    severity: severity.default("minor").meta({ description: `${about.severity} (default \`minor\`)` }),
    status: openIncidentStatus.default("investigating").meta({ description: "The status it is declared with (default `investigating`); resolve it with an update afterwards" }),
    message: incidentMessage.meta({ description: `${about.message}; the first entry of the timeline` }),
    affected_services: affectedServices.default([]),
    request: uuid.nullable().default(null).meta({ description: "The `uuid` of the request it came from, or null" }),
    started_date: z.iso
      .datetime({ offset: true, error: "An ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z" })
      .optional()
      .meta({ description: "ISO 8601: when it began, if before now (default: now); not in the future" }),
  })
  .meta({ id: "IncidentCreate" });

const updateBody = z
  .strictObject({
    title: incidentTitle.optional().meta({ description: about.title }),
    severity: severity.optional().meta({ description: about.severity }),
    affected_services: affectedServices.optional().meta({ description: "The whole new set: services left out are no longer affected; an impact can change" }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to change: send at least one field")
  .meta({ id: "IncidentUpdate", description: "The fields to change; the others keep theirs. The status moves through updates (`POST /incidents/{uuid}/updates`)." });

const timelineBody = z
  .strictObject({
    message: addIncidentUpdateInput.shape.message.meta({ description: about.message }),
    status: addIncidentUpdateInput.shape.status.meta({
      description: "The status the update sets: `resolved` resolves the incident; another status on a resolved incident reopens it",
    }),
  })
  .meta({ id: "IncidentTimelineUpdateCreate" });

/** The domain's field names → the API's, for the refusals the domain raises. */
const fieldNames: Record<string, string> = {
  id: "uuid",
  incidentId: "uuid",
  requestId: "request",
  startedAt: "started_date",
  services: "affected_services",
  ...Object.fromEntries(
    Array.from({ length: MAX_AFFECTED_SERVICES }, (_, i) => [
      [`services.${i}.serviceId`, `affected_services.${i}.service`],
      [`services.${i}.impact`, `affected_services.${i}.impact`],
    ]).flat(),
  ),
};

const toServices = (list: { service: string; impact: z.infer<typeof serviceImpact> }[]) => list.map((s) => ({ serviceId: s.service, impact: s.impact }));

const listQuery = z.object({
  status: z
    .array(z.enum(INCIDENT_STATUS_FILTERS))
    .max(5)
    .optional()
    .meta({ description: "Only these statuses; `open` stands for investigating, identified and monitoring (repeat the parameter or separate with commas)" }),
  severity: z.array(severity).max(3).optional().meta({ description: "Only these severities" }),
  service: uuid.optional().meta({ description: "Only incidents affecting this service (its `uuid`)" }),
  ...pageQuery,
});

export const incidentRoutes = [
  defineRoute({
    method: "GET",
    path: "/incidents",
    operationId: "listIncidents",
    tag: "Incidents",
    summary: "List incidents",
    description: "Newest first (by declaration), filtered by status, severity or affected service.",
    scope: { resource: "incidents", level: "read" },
    kind: "list",
    query: listQuery,
    response: incidentObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listFullIncidents(tenant, {
        status: query.status,
        severity: query.severity,
        serviceId: query.service,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((incident) => serializeIncident(incident, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/incidents",
    operationId: "createIncident",
    tag: "Incidents",
    summary: "Declare an incident",
    description:
      "Publishes `incident.created`, and `service.status_changed` for each affected service the incident moves to its impact. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "incidents", level: "write" },
    kind: "object",
    status: 201,
    body: createBody,
    response: incidentObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const input = createIncidentInput.parse({
        title: body.title,
        severity: body.severity,
        status: body.status,
        message: body.message,
        services: toServices(body.affected_services),
        requestId: body.request,
        startedAt: body.started_date ? new Date(body.started_date) : undefined,
      });
      return serializeIncident(await createIncident(tenant, input), tenant.dataspace);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/incidents/{uuid}",
    operationId: "getIncident",
    tag: "Incidents",
    summary: "Get an incident",
    description: "With its timeline (oldest first), affected services and linked alerts. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.",
    scope: { resource: "incidents", level: "read" },
    kind: "object",
    params: uuidParams,
    response: incidentObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeIncident(await getIncident(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/incidents/{uuid}",
    operationId: "updateIncident",
    tag: "Incidents",
    summary: "Update an incident",
    description:
      "Changes the title, severity or affected services (the status moves through updates). Publishes `incident.updated` with what changed, and `service.status_changed` for services that moved. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the incident since.",
    scope: { resource: "incidents", level: "write" },
    kind: "object",
    params: uuidParams,
    body: updateBody,
    response: incidentObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const input = updateIncidentInput.parse({
        id: params.uuid,
        patch: {
          title: body.title,
          severity: body.severity,
          services: body.affected_services ? toServices(body.affected_services) : undefined,
        },
      });
      const updated = await updateIncident(tenant, input, { precondition: (current) => ifMatch(serializeIncident(current, tenant.dataspace)) });
      return serializeIncident(updated, tenant.dataspace);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/incidents/{uuid}/updates",
    operationId: "addIncidentUpdate",
    tag: "Incidents",
    summary: "Post an update to an incident",
    description:
      "Adds an entry to the timeline and sets the incident's status: `resolved` resolves it (publishes `incident.resolved`; its services return to operational unless another open incident or a maintenance in progress holds them), another status on a resolved incident reopens it; otherwise `incident.updated`. Answers with the incident. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "incidents", level: "write" },
    kind: "object",
    status: 201,
    params: uuidParams,
    body: timelineBody,
    response: incidentObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => {
      const incident = await addIncidentUpdate(tenant, addIncidentUpdateInput.parse({ incidentId: params.uuid, message: body.message, status: body.status }));
      return serializeIncident(incident, tenant.dataspace);
    },
  }),
];

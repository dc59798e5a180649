import { z } from "zod";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { addMaintenanceUpdate } from "@/server/records/maintenances/add-maintenance-update";
import { cancelMaintenance, completeMaintenanceNow } from "@/server/records/maintenances/complete-maintenance";
import { getMaintenance } from "@/server/records/maintenances/get-maintenance";
import { listFullMaintenances } from "@/server/records/maintenances/list-maintenances";
import {
  addMaintenanceUpdateInput,
  endMaintenanceInput,
  MAINTENANCE_STATUSES,
  maintenancePayloadSchema,
  scheduleMaintenanceInput,
  updateMaintenanceInput,
} from "@/server/records/maintenances/maintenance.schema";
import { scheduleMaintenance } from "@/server/records/maintenances/schedule-maintenance";
import { serializeMaintenance, type MaintenanceWithRelations } from "@/server/records/maintenances/serialize-maintenance";
import { updateMaintenance } from "@/server/records/maintenances/update-maintenance";
import { defineRoute } from "../route";
import { pageQuery, uuid, uuidParams } from "../schemas";

/**
 * Maintenance windows: the object `maintenance.*` webhooks carry. The runtime starts and
 * completes a window at its scheduled times; these routes schedule, edit, annotate, complete
 * early and cancel.
 */
export const maintenanceObject = maintenancePayloadSchema.meta({
  id: "Maintenance",
  description: "A maintenance window, with its services and its timeline of updates",
});

const fields = scheduleMaintenanceInput.shape; // the domain's checks, reused, with their defaults
const patchable = updateMaintenanceInput.shape.patch.shape; // the same, without defaults
const dateTime = z.iso
  .datetime({ offset: true, error: "Not an ISO 8601 date and time with a time zone, e.g. 2026-03-01T22:00:00Z" })
  .refine((value) => !Number.isNaN(Date.parse(value)), "Not a valid date and time");

const about = {
  title: "Up to 300 characters",
  description: "What is done and what users will notice, up to 10 000 characters",
  scheduled_start:
    "When the runtime starts the window (ISO 8601 with a time zone); at most 24 hours in the past (it then starts at once) and at most 365 days ahead",
  scheduled_end: "When the runtime completes it: after the start, in the future, at most 365 days ahead",
  services: "The `uuid`s of the services it puts under maintenance while it runs (at most 100)",
};

const createBody = z
  .strictObject({
    title: fields.title.meta({ description: about.title }),
    description: fields.description.meta({ description: about.description }),
    scheduled_start: dateTime.meta({ description: about.scheduled_start }),
    scheduled_end: dateTime.meta({ description: about.scheduled_end }),
    services: fields.serviceIds.meta({ description: about.services }),
  })
  .meta({ id: "MaintenanceCreate" });

const updateBody = z
  .strictObject({
    title: patchable.title.meta({ description: about.title }),
    description: patchable.description.meta({ description: about.description }),
    scheduled_start: dateTime.optional().meta({ description: `${about.scheduled_start}. Only while scheduled` }),
    scheduled_end: dateTime.optional().meta({ description: `${about.scheduled_end}. While scheduled or in progress` }),
    services: patchable.serviceIds.meta({ description: `${about.services}. Only while scheduled; the whole set` }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to change: send at least one field")
  .meta({ id: "MaintenanceUpdate", description: "The fields to change; the others keep their values" });

const message = addMaintenanceUpdateInput.shape.message;
const postBody = z.strictObject({ message: message.meta({ description: "The update, up to 20 000 characters" }) }).meta({ id: "MaintenanceUpdateCreate" });
const endBody = z
  .strictObject({ message: endMaintenanceInput.shape.message.meta({ description: "A note for the timeline (a default one otherwise)" }) })
  .meta({ id: "MaintenanceEnd", description: "Send `{}` for the default note" });

const fieldNames = { scheduledStart: "scheduled_start", scheduledEnd: "scheduled_end", serviceIds: "services", id: "uuid", maintenanceId: "uuid" };

const ORDERINGS = { "-scheduled_start": "-scheduledStart", scheduled_start: "scheduledStart" } as const;

const listQuery = z.object({
  status: z.array(z.enum(MAINTENANCE_STATUSES)).max(3).optional().meta({ description: "Only these statuses (repeat the parameter or separate with commas)" }),
  service: uuid.optional().meta({ description: "Only windows that hold this service (its `uuid`)" }),
  ordering: z
    .enum(Object.keys(ORDERINGS) as [keyof typeof ORDERINGS, ...(keyof typeof ORDERINGS)[]])
    .default("-scheduled_start")
    .meta({ description: "By scheduled start; `-` for latest first (the default). `scheduled_start` with `status=scheduled` lists what comes next first" }),
  ...pageQuery,
});

const objectOf = (tenant: TenantContext, window: MaintenanceWithRelations) => serializeMaintenance(window, tenant.dataspace);
const date = (value: string) => new Date(value);

export const maintenanceRoutes = [
  defineRoute({
    method: "GET",
    path: "/maintenances",
    operationId: "listMaintenances",
    tag: "Maintenance",
    summary: "List maintenance windows",
    description: "Every window of the dataspace, filtered and ordered by scheduled start.",
    scope: { resource: "maintenances", level: "read" },
    kind: "list",
    query: listQuery,
    response: maintenanceObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listFullMaintenances(tenant, {
        status: query.status,
        serviceId: query.service,
        sort: ORDERINGS[query.ordering],
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((window) => objectOf(tenant, window)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/maintenances",
    operationId: "scheduleMaintenance",
    tag: "Maintenance",
    summary: "Schedule a maintenance window",
    description:
      "Publishes `maintenance.scheduled`. The runtime starts the window at `scheduled_start` (its services go under maintenance) and completes it at `scheduled_end`. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "maintenances", level: "write" },
    kind: "object",
    status: 201,
    body: createBody,
    response: maintenanceObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const window = await scheduleMaintenance(tenant, {
        title: body.title,
        description: body.description,
        scheduledStart: date(body.scheduled_start),
        scheduledEnd: date(body.scheduled_end),
        serviceIds: body.services,
      });
      return objectOf(tenant, window);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/maintenances/{uuid}",
    operationId: "getMaintenance",
    tag: "Maintenance",
    summary: "Get a maintenance window",
    description: "With its services and timeline. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.",
    scope: { resource: "maintenances", level: "read" },
    kind: "object",
    params: uuidParams,
    response: maintenanceObject,
    errors: [404],
    handle: async ({ tenant, params }) => objectOf(tenant, await getMaintenance(tenant, params.uuid)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/maintenances/{uuid}",
    operationId: "updateMaintenance",
    tag: "Maintenance",
    summary: "Edit a maintenance window",
    description:
      "While scheduled: title, description, times and services. In progress: title, description and `scheduled_end` (409 for the start or the services). Completed: nothing (409). Publishes `maintenance.updated` with what changed (`rescheduled: true` when a time moved: the runtime follows the new times). Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the window since.",
    scope: { resource: "maintenances", level: "write" },
    kind: "object",
    params: uuidParams,
    body: updateBody,
    response: maintenanceObject,
    fieldNames,
    errors: [400, 404, 409, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const patch = {
        title: body.title,
        description: body.description,
        scheduledStart: body.scheduled_start === undefined ? undefined : date(body.scheduled_start),
        scheduledEnd: body.scheduled_end === undefined ? undefined : date(body.scheduled_end),
        serviceIds: body.services,
      };
      const window = await updateMaintenance(tenant, { id: params.uuid, patch }, { precondition: (current) => ifMatch(objectOf(tenant, current)) });
      return objectOf(tenant, window);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/maintenances/{uuid}/updates",
    operationId: "addMaintenanceUpdate",
    tag: "Maintenance",
    summary: "Post an update to a window's timeline",
    description:
      "Records the message with the window's status at this moment (any status, completed included). Answers the window, the new update last in `updates`. Publishes `maintenance.updated` with the entry in `update`. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "maintenances", level: "write" },
    kind: "object",
    status: 201,
    params: uuidParams,
    body: postBody,
    response: maintenanceObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => objectOf(tenant, await addMaintenanceUpdate(tenant, { maintenanceId: params.uuid, message: body.message })),
  }),
  defineRoute({
    method: "POST",
    path: "/maintenances/{uuid}/complete",
    operationId: "completeMaintenance",
    tag: "Maintenance",
    summary: "Complete a window in progress now",
    description:
      "Ahead of its scheduled end: its services go back to what their open incidents give them, or operational. 409 unless it is in progress (cancel a scheduled one instead). Publishes `maintenance.completed` (`cancelled: false`).",
    scope: { resource: "maintenances", level: "write" },
    kind: "object",
    params: uuidParams,
    body: endBody,
    response: maintenanceObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => objectOf(tenant, await completeMaintenanceNow(tenant, { id: params.uuid, message: body.message })),
  }),
  defineRoute({
    method: "POST",
    path: "/maintenances/{uuid}/cancel",
    operationId: "cancelMaintenance",
    tag: "Maintenance",
    summary: "Cancel a window that has not started",
    description:
      "The window is kept, with its timeline, as `completed` with `started_date: null`; it will not start. 409 once it has started (complete it instead). Publishes `maintenance.completed` with `cancelled: true`.",
    scope: { resource: "maintenances", level: "write" },
    kind: "object",
    params: uuidParams,
    body: endBody,
    response: maintenanceObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => objectOf(tenant, await cancelMaintenance(tenant, { id: params.uuid, message: body.message })),
  }),
];

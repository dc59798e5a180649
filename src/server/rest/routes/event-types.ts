import { z } from "zod";
import {
  createCustomEventTypeInput,
  customEventTypeDescription,
  customEventTypeName,
  customEventTypeSchema,
  updateCustomEventTypeInput,
} from "@/server/events/custom/custom-event-type.schema";
import {
  createCustomEventType,
  deleteCustomEventType,
  getCustomEventType,
  listCustomEventTypes,
  updateCustomEventType,
} from "@/server/events/custom/manage-custom-event-types";
import { customEventTypeObjectSchema, serializeCustomEventType } from "@/server/events/custom/serialize-custom-event-type";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Custom event types: the `custom.*` types a dataspace registers, each with the JSON Schema its
 * events' `data` must match; `POST /events` publishes them. Reading takes `events:read`, changes
 * `events:admin` (and a creator who is an admin).
 */
export const eventTypeObject = customEventTypeObjectSchema.meta({ id: "EventType", description: "A custom event type registered in the dataspace" });

const about = {
  name: "`custom.<name>`: lowercase letters, digits and `_`, with dots between parts, e.g. `custom.deploy.finished`. Fixed once registered",
  description: "What the event means, up to 500 characters",
  schema: "JSON Schema (draft 2020-12), at most 32 KB; `$ref` only inside the schema (`#/$defs/…`); formats are not checked",
};

const createBody = z
  .strictObject({
    name: customEventTypeName.meta({ description: about.name }),
    description: customEventTypeDescription.default("").meta({ description: about.description }),
    schema: customEventTypeSchema.meta({ description: about.schema }),
  })
  .meta({ id: "EventTypeCreate" });

const updateBody = z
  .strictObject({
    description: customEventTypeDescription.optional().meta({ description: about.description }),
    schema: customEventTypeSchema.optional().meta({ description: about.schema }),
  })
  .refine((patch) => patch.description !== undefined || patch.schema !== undefined, "Nothing to change: send a description or a schema")
  .meta({ id: "EventTypeUpdate", description: "The fields to change; the name cannot change" });

const fieldNames = { id: "uuid" };

export const eventTypeRoutes = [
  defineRoute({
    method: "GET",
    path: "/event-types",
    operationId: "listEventTypes",
    tag: "Event types",
    summary: "List custom event types",
    description: "By name.",
    scope: { resource: "events", level: "read" },
    kind: "list",
    query: z.object(pageQuery),
    response: eventTypeObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listCustomEventTypes(tenant, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map((type) => serializeCustomEventType(type, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/event-types",
    operationId: "createEventType",
    tag: "Event types",
    summary: "Register a custom event type",
    description: "The schema is checked when registered. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "events", level: "admin" },
    kind: "object",
    status: 201,
    body: createBody,
    response: eventTypeObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => serializeCustomEventType(await createCustomEventType(tenant, createCustomEventTypeInput.parse(body)), tenant.dataspace),
  }),
  defineRoute({
    method: "GET",
    path: "/event-types/{uuid}",
    operationId: "getEventType",
    tag: "Event types",
    summary: "Get a custom event type",
    scope: { resource: "events", level: "read" },
    kind: "object",
    params: uuidParams,
    response: eventTypeObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeCustomEventType(await getCustomEventType(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/event-types/{uuid}",
    operationId: "updateEventType",
    tag: "Event types",
    summary: "Update a custom event type",
    description: "Events published from now on are checked against the new schema; past events keep their data. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the type since.",
    scope: { resource: "events", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: updateBody,
    response: eventTypeObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const input = updateCustomEventTypeInput.parse({ id: params.uuid, patch: body });
      const updated = await updateCustomEventType(tenant, input, { precondition: (current) => ifMatch(serializeCustomEventType(current, tenant.dataspace)) });
      return serializeCustomEventType(updated, tenant.dataspace);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/event-types/{uuid}",
    operationId: "deleteEventType",
    tag: "Event types",
    summary: "Delete a custom event type",
    description: "It can no longer be published. Past events stay in the log; webhooks subscribed to it keep their subscription.",
    scope: { resource: "events", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.null(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await deleteCustomEventType(tenant, params.uuid);
    },
  }),
];

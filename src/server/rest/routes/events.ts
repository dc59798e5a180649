import { z } from "zod";
import { publishCustomEventInput } from "@/server/events/custom/custom-event-type.schema";
import { publishCustomEvent } from "@/server/events/custom/publish-custom-event";
import { listEventsInput } from "@/server/events/events.schema";
import { getEvent, listEvents } from "@/server/events/list-events";
import { eventObjectSchema, serializeEvent } from "@/server/events/serialize-event";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/** The event log. Events carry full payloads (private requests included), so reading it takes admin. */
export const eventObject = eventObjectSchema.meta({ id: "Event", description: "A domain event, newest first in lists" });

const ADMIN_ONLY = "Events carry full payloads, private requests included, so the log takes the `events:admin` scope (or `admin`) and a creator who is an admin.";

const publishBody = z
  .strictObject({
    type: publishCustomEventInput.shape.type.meta({ description: "A custom event type registered in the dataspace (`GET /event-types`), e.g. `custom.deploy.finished`" }),
    data: publishCustomEventInput.shape.data.meta({ description: "The event's payload: a JSON object matching the type's schema, at most 64 KB" }),
  })
  .meta({ id: "EventCreate" });

export const eventRoutes = [
  defineRoute({
    method: "GET",
    path: "/events",
    operationId: "listEvents",
    tag: "Events",
    summary: "List events",
    description: `Newest first. ${ADMIN_ONLY}`,
    scope: { resource: "events", level: "admin" },
    kind: "list",
    query: z.object({ type: listEventsInput.shape.type.meta({
      description:
        "Only events of this type or pattern, as webhooks subscribe: one type (`request.added`, `github.push`), a family or part of one (`github.*`, `github.pull_request.*`, `inbound.*`, `custom.*`), a catalog prefix (`request.*`) or `*`. A pattern no event type can match is a 422 naming `type`.",
    }), ...pageQuery }),
    response: eventObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listEvents(tenant, { type: query.type || undefined, limit: query.limit, cursor: query.cursor });
      return { items: page.items.map((event) => serializeEvent(event, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/events/{uuid}",
    operationId: "getEvent",
    tag: "Events",
    summary: "Get an event",
    description: ADMIN_ONLY,
    scope: { resource: "events", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: eventObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeEvent(await getEvent(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "POST",
    path: "/events",
    operationId: "publishEvent",
    tag: "Events",
    summary: "Publish a custom event",
    description:
      "Publishes an event of a custom type the dataspace registered (`POST /event-types`): `data` must match the type's JSON Schema, or the answer is 422 with the JSON pointer of each failing field (`/data/build/number`). The event fans out like built-in ones, to webhooks subscribed to `custom.*`, a part of it or the type. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "events", level: "write" },
    kind: "object",
    status: 201,
    body: publishBody,
    response: eventObject,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => serializeEvent(await publishCustomEvent(tenant, body), tenant.dataspace),
  }),
];

import { z } from "zod";
import { alertPayloadSchema } from "@/server/records/alerts/alert.schema";
import {
  requestCommentPayloadSchema,
  requestPayloadSchema,
} from "@/server/records/requests/request.schema";
import { serviceStatusChangedPayloadSchema } from "@/server/records/services/service.schema";
import { webhookEndpointHealthPayloadSchema } from "@/server/webhooks/endpoints/endpoint-health.schema";

/**
 * Every built-in domain event type, with the schema of its `data`. Webhook subscriptions, the
 * events page, API docs and the durable runtime all read this one list.
 */
export const eventCatalog = {
  "request.added": {
    description: "A new request is created",
    schema: requestPayloadSchema,
  },
  "request.updated": {
    description: "An existing request is modified (including closing it)",
    schema: requestPayloadSchema.extend({
      changes: z
        .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
        .describe("The fields that changed, by payload field name"),
    }),
  },
  "request_comment.added": {
    description: "A comment is added to a request",
    schema: requestCommentPayloadSchema,
  },
  "service.status_changed": {
    description: "A service's status changed: set by hand, or moved by an incident or a maintenance window",
    schema: serviceStatusChangedPayloadSchema,
  },
  "alert.triggered": {
    description: "A new alert: raised through the API or by a monitor's webhook (Datadog, New Relic). Repeats of an open alert count on it and publish nothing",
    schema: alertPayloadSchema,
  },
  "alert.acknowledged": {
    description: "Someone (or the monitor) acknowledged an alert",
    schema: alertPayloadSchema,
  },
  "alert.resolved": {
    description: "An alert was resolved: by a member, through the API, or by the monitor's recovery",
    schema: alertPayloadSchema,
  },
  "webhook_endpoint.paused": {
    description: "An outgoing webhook endpoint kept failing; its deliveries are held until the pause ends",
    schema: webhookEndpointHealthPayloadSchema,
  },
  "webhook_endpoint.disabled": {
    description: "An outgoing webhook endpoint failed for too long and was disabled; its deliveries are held until someone re-enables it",
    schema: webhookEndpointHealthPayloadSchema,
  },
} as const satisfies Record<string, { description: string; schema: z.ZodType }>;

export type EventType = keyof typeof eventCatalog;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalog)[T]["schema"]>;

export const EVENT_TYPES = Object.keys(eventCatalog) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventCatalog, value);
}

/** The catalog as JSON Schema (draft 2020-12), one entry per event type. */
export function eventCatalogJsonSchema(): Record<EventType, { description: string; schema: unknown }> {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      { description: eventCatalog[type].description, schema: z.toJSONSchema(eventCatalog[type].schema) },
    ]),
  ) as Record<EventType, { description: string; schema: unknown }>;
}

import { z } from "zod";
import { alertPayloadSchema } from "@/server/records/alerts/alert.schema";
import {
  requestCommentPayloadSchema,
  requestPayloadSchema,
} from "@/server/records/requests/request.schema";
import { deploymentPayloadSchema, deploymentStatusChangedPayloadSchema } from "@/server/records/deployments/deployment.schema";
import {
  maintenanceCompletedPayloadSchema,
  maintenancePayloadSchema,
  maintenanceUpdatedPayloadSchema,
} from "@/server/records/maintenances/maintenance.schema";
import { incidentChangePayloadSchema, incidentPayloadSchema } from "@/server/records/incidents/incident.schema";
import { servicePayloadSchema, serviceStatusChangedPayloadSchema } from "@/server/records/services/service.schema";
import { webhookEndpointHealthPayloadSchema } from "@/server/webhooks/endpoints/endpoint-health.schema";
import { notificationRuleFailingPayloadSchema } from "@/server/notifications/rule-failing.schema";
import { issueSyncFailedPayloadSchema } from "@/server/issue-sync/sync-failed.schema";

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
  "service.created": {
    description: "A service (a status page's component) is created",
    schema: servicePayloadSchema,
  },
  "service.updated": {
    description: "A service's name, description, group or owner changed (its status has service.status_changed)",
    schema: servicePayloadSchema.extend({
      changes: z
        .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
        .describe("The fields that changed, by payload field name"),
    }),
  },
  "service.deleted": {
    description: "A service is deleted; the payload is the service as it was",
    schema: servicePayloadSchema,
  },
  "service.status_changed": {
    description: "A service's status changed: set by hand, or moved by an incident or a maintenance window",
    schema: serviceStatusChangedPayloadSchema,
  },
  "incident.created": {
    description: "An incident is declared, with its first timeline entry and affected services",
    schema: incidentPayloadSchema,
  },
  "incident.updated": {
    description: "An incident changed: a timeline update (its status moved, or a message), a reopening, or an edit of its title, severity or affected services",
    schema: incidentChangePayloadSchema,
  },
  "incident.resolved": {
    description: "An incident is resolved (an update with status resolved); its services return to operational unless something else holds them",
    schema: incidentChangePayloadSchema,
  },
  "maintenance.scheduled": {
    description: "A maintenance window is scheduled",
    schema: maintenancePayloadSchema,
  },
  "maintenance.updated": {
    description: "A maintenance window is edited (`rescheduled` when its times moved) or an update is posted to its timeline (`update`)",
    schema: maintenanceUpdatedPayloadSchema,
  },
  "maintenance.started": {
    description: "A maintenance window started at its scheduled time; its services are under maintenance",
    schema: maintenancePayloadSchema,
  },
  "maintenance.completed": {
    description: "A maintenance window ended: at its scheduled end, completed early by hand, or cancelled before it started (`cancelled`)",
    schema: maintenanceCompletedPayloadSchema,
  },
  "deployment.created": {
    description: "A deployment was recorded: through the API or the dashboard, from a GitHub deployment, or for a push to a configured branch",
    schema: deploymentPayloadSchema,
  },
  "deployment.status_changed": {
    description: "A deployment moved on (queued → in_progress → success, failure or cancelled); previous_status says from where",
    schema: deploymentStatusChangedPayloadSchema,
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
  "notification_rule.failing": {
    description: "A notification rule's message was refused for good (a deleted Slack channel, a revoked token or Workflows URL); it is failing until a message goes through. Route it to the admins through another rule",
    schema: notificationRuleFailingPayloadSchema,
  },
  "issue_sync.failed": {
    description: "A request's issue on GitHub, GitLab, Jira, Forgejo or SourceHut could not be created or updated, for good (refused, or still failing when the retries ran out); the request's link shows the platform's words. Route it to the admins through a notification rule",
    schema: issueSyncFailedPayloadSchema,
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

import { z } from "zod";
import { appUrl } from "@/env";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { getWebhookEvent, listWebhookEvents } from "@/server/inbound/read-webhook-events";
import { replayWebhookEvent } from "@/server/inbound/replay-webhook-event";
import { WEBHOOK_EVENT_STATUSES } from "@/server/inbound/webhook-event.schema";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Inbound events: the deliveries an integration received, as stored before processing (headers
 * that authenticate the sender masked on arrival), with what processing made of them. Bodies carry
 * the other tool's data, so reading them takes `integrations:admin`, as the integration does.
 */
type Status = (typeof WEBHOOK_EVENT_STATUSES)[number];
type StatusName = Lowercase<Status>;
const STATUS_NAMES = WEBHOOK_EVENT_STATUSES.map((status) => status.toLowerCase() as StatusName) as [StatusName, ...StatusName[]];
const statusName = z.enum(STATUS_NAMES);

const ADMIN_ONLY = "Inbound events carry the other tool's data, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.";
const iso = (date: Date | null) => date?.toISOString() ?? null;

const summaryFields = {
  api_url: z.string(),
  absolute_url: z.string().meta({ description: "The integration's page, where its recent events are listed" }),
  uuid: z.string().uuid(),
  integration: z.string().uuid().meta({ description: "The `uuid` of the integration that received it" }),
  status: statusName.meta({ description: "`received` (waiting), `processing`, `processed` or `failed` (after its retries)" }),
  event_type: z.string().meta({ description: "The sender's event type, e.g. `pull_request.opened`" }),
  delivery_id: z.string().nullable().meta({ description: "The sender's delivery id (e.g. `X-GitHub-Delivery`); a second delivery with the same id is dropped" }),
  attempts: z.number().int().min(0).meta({ description: "Processing attempts so far" }),
  error: z.string().nullable().meta({ description: "Why the last attempt failed" }),
  domain_event_type: z.string().nullable().meta({ description: "The event processing published, e.g. `github.pull_request.opened`" }),
  received_date: z.string().meta({ description: "ISO 8601" }),
  processed_date: z.string().nullable().meta({ description: "ISO 8601" }),
};

export const inboundEventSummaryObject = z.object(summaryFields).meta({ id: "InboundEventSummary", description: "An event an integration received, without its content" });

export const inboundEventObject = z
  .object({
    ...summaryFields,
    headers: z.record(z.string(), z.string()).meta({ description: "The request headers, lower-cased; signatures, tokens and cookies show as `***`" }),
    body: z.string().meta({ description: "The body exactly as received and verified" }),
    log: z.array(z.object({ at: z.string().meta({ description: "ISO 8601" }), message: z.string() })).meta({ description: "What processing did, oldest first" }),
  })
  .meta({ id: "InboundEvent", description: "An event an integration received, with its headers, body and processing log" });

type Summary = {
  id: string;
  integrationId: string;
  status: Status;
  eventType: string;
  providerDeliveryId: string | null;
  attempts: number;
  error: string | null;
  domainEventType: string | null;
  receivedAt: Date;
  processedAt: Date | null;
};

function summaryOf(tenant: TenantContext, event: Summary): z.infer<typeof inboundEventSummaryObject> {
  return {
    api_url: `/api/v1/inbound-events/${event.id}`,
    absolute_url: `${appUrl()}/d/${tenant.dataspace.slug}/integrations/${event.integrationId}`,
    uuid: event.id,
    integration: event.integrationId,
    status: event.status.toLowerCase() as StatusName,
    event_type: event.eventType,
    delivery_id: event.providerDeliveryId,
    attempts: event.attempts,
    error: event.error,
    domain_event_type: event.domainEventType,
    received_date: event.receivedAt.toISOString(),
    processed_date: iso(event.processedAt),
  };
}

export const inboundEventRoutes = [
  defineRoute({
    method: "GET",
    path: "/integrations/{uuid}/inbound-events",
    operationId: "listInboundEvents",
    tag: "Inbound events",
    summary: "List an integration's inbound events",
    description: `Newest first, without their content (get one for its headers, body and log). ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "list",
    params: uuidParams,
    query: z.object({ status: statusName.optional().meta({ description: "Only events in this state, e.g. `failed`" }), ...pageQuery }),
    response: inboundEventSummaryObject,
    errors: [400, 404, 422],
    handle: async ({ tenant, params, query }) => {
      const page = await listWebhookEvents(tenant, {
        integrationId: params.uuid,
        status: query.status?.toUpperCase() as Status | undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((event) => summaryOf(tenant, event)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/inbound-events/{uuid}",
    operationId: "getInboundEvent",
    tag: "Inbound events",
    summary: "Get an inbound event",
    description: `With its headers (credentials masked), raw body and processing log. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: inboundEventObject,
    errors: [404],
    handle: async ({ tenant, params }) => {
      const event = await getWebhookEvent(tenant, params.uuid);
      return { ...summaryOf(tenant, event), headers: event.headers, body: event.body, log: event.log };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/inbound-events/{uuid}/replay",
    operationId: "replayInboundEvent",
    tag: "Inbound events",
    summary: "Replay an inbound event",
    description: `Processes it again, whatever became of it (a processed one publishes its domain event again; a failed one gets a fresh set of retries): it goes back to \`received\`. Refused (409) while it is being processed. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: inboundEventSummaryObject,
    errors: [400, 404, 409, 422],
    handle: async ({ tenant, params }) => summaryOf(tenant, await replayWebhookEvent(tenant, params.uuid)),
  }),
];

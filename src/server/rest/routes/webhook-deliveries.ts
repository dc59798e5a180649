import { z } from "zod";
import { appUrl } from "@/env";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { getReplayProgress, replayFailedDeliveries, retryWebhookDelivery } from "@/server/webhooks/deliveries/control-deliveries";
import { DELIVERY_STATUSES } from "@/server/webhooks/deliveries/delivery.schema";
import { getWebhookDelivery, listWebhookDeliveries } from "@/server/webhooks/deliveries/read-deliveries";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * What an outgoing webhook sent: its deliveries (one per event, or a test), each with its
 * attempts, and bulk replays of the failed ones. Bodies carry full event payloads, private
 * requests included, so everything takes `webhooks:admin`, as the webhook itself does.
 */
type Status = (typeof DELIVERY_STATUSES)[number];
type StatusName = Lowercase<Status>;
const STATUS_NAMES = DELIVERY_STATUSES.map((status) => status.toLowerCase() as StatusName) as [StatusName, ...StatusName[]];
const statusName = z.enum(STATUS_NAMES, { error: `status must be one of ${STATUS_NAMES.join(", ")}` });

export const WEBHOOKS_ADMIN_ONLY =
  "Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.";
const iso = (date: Date | null) => date?.toISOString() ?? null;
const isoDate = (description: string) => z.string().nullable().meta({ description: `ISO 8601: ${description}` });

const summaryFields = {
  api_url: z.string(),
  absolute_url: z.string().meta({ description: "The delivery's page in the dashboard" }),
  uuid: z.string().uuid(),
  webhook: z.string().uuid().meta({ description: "The `uuid` of the webhook it is sent to" }),
  event: z.string().uuid().nullable().meta({ description: "The `uuid` of the event it delivers (`GET /events/{uuid}`); null for a test" }),
  event_type: z.string().meta({ description: "e.g. `request.added`, or `webhook.test`" }),
  status: statusName.meta({ description: "`pending` (queued or between attempts), `succeeded`, `failed` (after its retries) or `held` (the webhook is off, paused or disabled)" }),
  attempt_count: z.number().int().min(0),
  last_attempt_date: isoDate("when it was last attempted"),
  next_attempt_date: isoDate("when the next retry is due"),
  last_status_code: z.number().int().nullable().meta({ description: "The receiver's HTTP status on the last attempt" }),
  last_error: z.string().nullable().meta({ description: "Why the last attempt failed" }),
  completed_date: isoDate("when it succeeded or finally failed"),
  replay: z.string().uuid().nullable().meta({ description: "The `uuid` of the replay that last sent it again, if any" }),
  is_test: z.boolean().meta({ description: "Sent by `POST /webhooks/{uuid}/test`" }),
  created_date: z.string().meta({ description: "ISO 8601" }),
};

export const deliverySummaryObject = z.object(summaryFields).meta({ id: "WebhookDeliverySummary", description: "A delivery of a webhook, without its body and attempts" });

const attemptObject = z
  .object({
    uuid: z.string().uuid(),
    number: z.number().int().min(1),
    started_date: z.string().meta({ description: "ISO 8601" }),
    duration_ms: z.number().int().min(0),
    url: z.string().meta({ description: "Where it was sent" }),
    request_headers: z.record(z.string(), z.string()).meta({ description: "The headers sent; credentials among the webhook's extra headers show as `***`, the `webhook-*` signature headers as sent" }),
    response_status: z.number().int().nullable().meta({ description: "Null when no response came (timeout, refused connection)" }),
    response_headers: z.record(z.string(), z.string()).nullable(),
    response_body: z.string().nullable().meta({ description: "The start of the response body" }),
    error: z.string().nullable(),
    succeeded: z.boolean(),
    next_retry_date: isoDate("when this failure scheduled the next attempt"),
  })
  .meta({ id: "WebhookAttempt", description: "One attempt to send a delivery" });

export const deliveryObject = z
  .object({
    ...summaryFields,
    body: z.string().meta({ description: "The exact JSON sent (and signed) on every attempt" }),
    attempts: z.array(attemptObject).meta({ description: "Every attempt, oldest first" }),
  })
  .meta({ id: "WebhookDelivery", description: "A delivery of a webhook with its body and every attempt" });

type Summary = {
  id: string;
  endpointId: string;
  eventId: string | null;
  eventType: string;
  status: Status;
  attemptCount: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  completedAt: Date | null;
  replayId: string | null;
  isTest: boolean;
  createdAt: Date;
};

export function deliverySummaryOf(tenant: TenantContext, delivery: Summary): z.infer<typeof deliverySummaryObject> {
  return {
    api_url: `/api/v1/webhook-deliveries/${delivery.id}`,
    absolute_url: `${appUrl()}/d/${tenant.dataspace.slug}/webhooks/${delivery.endpointId}/deliveries/${delivery.id}`,
    uuid: delivery.id,
    webhook: delivery.endpointId,
    event: delivery.eventId,
    event_type: delivery.eventType,
    status: delivery.status.toLowerCase() as StatusName,
    attempt_count: delivery.attemptCount,
    last_attempt_date: iso(delivery.lastAttemptAt),
    next_attempt_date: iso(delivery.nextAttemptAt),
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    completed_date: iso(delivery.completedAt),
    replay: delivery.replayId,
    is_test: delivery.isTest,
    created_date: delivery.createdAt.toISOString(),
  };
}

export const replayObject = z
  .object({
    api_url: z.string(),
    absolute_url: z.string().meta({ description: "The webhook's page, which shows the latest replay's progress" }),
    uuid: z.string().uuid(),
    webhook: z.string().uuid().meta({ description: "The `uuid` of the webhook replayed" }),
    since: z.string().meta({ description: "ISO 8601: failed deliveries created from then on were replayed" }),
    total: z.number().int().min(0).meta({ description: "Deliveries replayed" }),
    succeeded: z.number().int().min(0).meta({ description: "Of those, how many succeeded since" }),
    failed: z.number().int().min(0).meta({ description: "Of those, how many failed again (after their retries)" }),
    done: z.number().int().min(0).meta({ description: "`succeeded` + `failed`: the replay is finished when it reaches `total`" }),
    held: z.number().int().min(0).meta({ description: "Of those, how many are held until the webhook sends again (see `waiting`)" }),
    waiting: z
      .object({
        reason: z.enum(["paused", "disabled", "switched_off"]).meta({
          description: "`paused`: the circuit breaker paused the webhook until `until`; `disabled`: it was disabled after sustained failure; `switched_off`: `is_active` is false. Held deliveries go out once it sends again",
        }),
        until: z.string().nullable().meta({ description: "ISO 8601: when a pause ends; null otherwise" }),
      })
      .nullable()
      .meta({ description: "What the rest of the replay waits for; null when nothing holds it back" }),
    created_date: z.string().meta({ description: "ISO 8601" }),
  })
  .meta({ id: "WebhookReplay", description: "A bulk replay of a webhook's failed deliveries, with its progress" });

function replayObjectOf(tenant: TenantContext, replay: Awaited<ReturnType<typeof getReplayProgress>>): z.infer<typeof replayObject> {
  return {
    api_url: `/api/v1/webhook-replays/${replay.id}`,
    absolute_url: `${appUrl()}/d/${tenant.dataspace.slug}/webhooks/${replay.endpointId}`,
    uuid: replay.id,
    webhook: replay.endpointId,
    since: replay.since.toISOString(),
    total: replay.total,
    succeeded: replay.succeeded,
    failed: replay.failed,
    done: replay.done,
    held: replay.held,
    waiting: replay.waiting ? { reason: replay.waiting.reason, until: replay.waiting.until?.toISOString() ?? null } : null,
    created_date: replay.createdAt.toISOString(),
  };
}

const replayBody = z
  .strictObject({
    since: z.iso
      .datetime({ offset: true, error: "An ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z" })
      .meta({ description: "ISO 8601: replay the failed deliveries created from then on" }),
  })
  .meta({ id: "WebhookReplayCreate" });

export const webhookDeliveryRoutes = [
  defineRoute({
    method: "GET",
    path: "/webhooks/{uuid}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Webhook deliveries",
    summary: "List a webhook's deliveries",
    description: `Newest first, without their bodies and attempts (get one for those). ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "list",
    params: uuidParams,
    query: z.object({ status: statusName.optional().meta({ description: "Only deliveries in this state, e.g. `failed`" }), ...pageQuery }),
    response: deliverySummaryObject,
    fieldNames: { endpointId: "uuid" },
    errors: [400, 404, 422],
    handle: async ({ tenant, params, query }) => {
      const page = await listWebhookDeliveries(tenant, {
        endpointId: params.uuid,
        status: query.status?.toUpperCase() as Status | undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((delivery) => deliverySummaryOf(tenant, delivery)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/webhook-deliveries/{uuid}",
    operationId: "getWebhookDelivery",
    tag: "Webhook deliveries",
    summary: "Get a webhook delivery",
    description: `With the body sent and every attempt: request headers (credentials masked), the receiver's status, headers and body, timing. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: deliveryObject,
    errors: [404],
    handle: async ({ tenant, params }) => {
      const delivery = await getWebhookDelivery(tenant, params.uuid);
      return {
        ...deliverySummaryOf(tenant, delivery),
        body: delivery.body,
        attempts: delivery.attempts.map((attempt) => ({
          uuid: attempt.id,
          number: attempt.number,
          started_date: attempt.startedAt.toISOString(),
          duration_ms: attempt.durationMs,
          url: attempt.url,
          request_headers: attempt.requestHeaders,
          response_status: attempt.responseStatus,
          response_headers: (attempt.responseHeaders ?? null) as Record<string, string> | null,
          response_body: attempt.responseBody,
          error: attempt.error,
          succeeded: attempt.succeeded,
          next_retry_date: iso(attempt.nextRetryAt),
        })),
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/webhook-deliveries/{uuid}/retry",
    operationId: "retryWebhookDelivery",
    tag: "Webhook deliveries",
    summary: "Retry a webhook delivery",
    description: `Sends a finished delivery (succeeded, failed or held) again: the same body and \`webhook-id\`, as a fresh series of attempts numbered on from the last. It answers \`pending\`; refused (409) while it is still being attempted. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: deliverySummaryObject,
    errors: [404, 409],
    handle: async ({ tenant, params }) => deliverySummaryOf(tenant, await retryWebhookDelivery(tenant, params.uuid)),
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks/{uuid}/replays",
    operationId: "replayWebhookDeliveries",
    tag: "Webhook deliveries",
    summary: "Replay a webhook's failed deliveries",
    description: `Sends every failed delivery of the webhook created since \`since\` again, as one replay whose progress \`GET /webhook-replays/{uuid}\` reads. 422 when there is nothing to replay. Send an \`Idempotency-Key\` to retry safely. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    status: 201,
    params: uuidParams,
    body: replayBody,
    response: replayObject,
    fieldNames: { endpointId: "uuid" },
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => {
      const replay = await replayFailedDeliveries(tenant, { endpointId: params.uuid, since: new Date(body.since) });
      return replayObjectOf(tenant, replay);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/webhook-replays/{uuid}",
    operationId: "getWebhookReplay",
    tag: "Webhook deliveries",
    summary: "Get a replay's progress",
    description: `How many of the replayed deliveries have succeeded or failed so far. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: replayObject,
    errors: [404],
    handle: async ({ tenant, params }) => replayObjectOf(tenant, await getReplayProgress(tenant, params.uuid)),
  }),
];

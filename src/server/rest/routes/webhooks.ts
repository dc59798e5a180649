import { z } from "zod";
import { appUrl } from "@/env";
import type { WebhookEndpointState, WebhookPayloadTemplate } from "@/generated/prisma/enums";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { sendTestWebhook } from "@/server/webhooks/deliveries/control-deliveries";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpointsPage,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/server/webhooks/endpoints/manage-endpoints";
import type { SerializedEndpoint } from "@/server/webhooks/endpoints/serialize-endpoint";
import { createWebhookEndpointInput, updateWebhookEndpointInput } from "@/server/webhooks/endpoints/webhook-endpoint.schema";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";
import { deliverySummaryObject, deliverySummaryOf, WEBHOOKS_ADMIN_ONLY } from "./webhook-deliveries";

/**
 * Outgoing webhooks: where events are sent, DejaCode's webhook fields (target URL, events, active
 * flag, extra payload and headers) plus ours. Every route takes `webhooks:admin`, as the
 * dashboard's webhook pages take an admin: lower levels would only ever be refused by the domain.
 * The signing secret is shown in clear once, when made or rotated; masked everywhere else.
 */
type TemplateName = Lowercase<WebhookPayloadTemplate>;
type StateName = Lowercase<WebhookEndpointState>;
const templateName = z.enum(["dejacode", "custom"] satisfies TemplateName[], { error: "payload_template must be dejacode or custom" });
const iso = (date: Date | null) => date?.toISOString() ?? null;

const about = {
  target_url: "Where deliveries are POSTed: an https URL (http only where the dataspace allows it) of a public address, up to 2048 characters",
  description: "Up to 500 characters",
  event_types: "Event types to deliver: a type (`request.added`), a family (`request.*`) or `*` for all",
  filter: "A CEL expression over `event` and `data`; only events for which it is true are delivered, e.g. `data.priority == \"Urgent\"`",
  is_active: "The switch: off holds deliveries (without a time limit, up to 10 000 per webhook; past that they are recorded as failed with the reason, for a replay); turning it on also resumes a webhook the circuit breaker paused or disabled, and sends what was held",
  extra_payload: "A JSON object merged into every body (at most 16 KB; not `hook` or `data`)",
  extra_headers: "Headers added to every request, names lower-cased; credential-like ones (authorization, tokens, keys) show as `***`",
  payload_template: "`dejacode`: DejaCode's `{hook, data}` body; `custom`: `custom_template`",
  custom_template: "The body's JSON template when `payload_template` is `custom`",
  retry_client_errors: "Retry on 4xx answers too (other than 408/429, which are always retried)",
  rate_limit_per_second: "At most this many deliveries a second to this webhook; null for no limit",
};

/** The API's names for the domain's fields: request bodies go one way, the domain's field errors the other. */
const DOMAIN_FIELDS = {
  target_url: "url",
  description: "description",
  event_types: "eventTypes",
  filter: "filter",
  is_active: "isActive",
  extra_payload: "extraPayload",
  extra_headers: "extraHeaders",
  custom_template: "customTemplate",
  retry_client_errors: "retryClientErrors",
  rate_limit_per_second: "rateLimitPerSecond",
} as const;
type ApiField = keyof typeof DOMAIN_FIELDS;
const fieldNames = { ...Object.fromEntries(Object.entries(DOMAIN_FIELDS).map(([api, domain]) => [domain, api])), payloadTemplate: "payload_template", id: "uuid" };

const fields = {
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  target_url: z.string().meta({ description: about.target_url }),
  description: z.string(),
  event_types: z.array(z.string()).meta({ description: about.event_types }),
  filter: z.string().nullable().meta({ description: about.filter }),
  is_active: z.boolean().meta({ description: about.is_active }),
  extra_payload: z.record(z.string(), z.unknown()).nullable().meta({ description: about.extra_payload }),
  extra_headers: z.record(z.string(), z.string()).meta({ description: about.extra_headers }),
  payload_template: templateName.meta({ description: about.payload_template }),
  custom_template: z.string().nullable().meta({ description: about.custom_template }),
  retry_client_errors: z.boolean().meta({ description: about.retry_client_errors }),
  rate_limit_per_second: z.number().int().nullable().meta({ description: about.rate_limit_per_second }),
  secret: z.string().meta({ description: "The signing secret, masked (`***` and its last 4 characters)" }),
  previous_secret_expiry_date: z.string().nullable().meta({ description: "ISO 8601: after a rotation, the old secret also signs until then" }),
  state: z.enum(["active", "paused", "disabled"] satisfies StateName[]).meta({ description: "The circuit breaker: `paused` after repeated failures (for a while), `disabled` after failing for hours" }),
  state_reason: z.string().nullable(),
  state_changed_date: z.string().nullable().meta({ description: "ISO 8601" }),
  consecutive_failures: z.number().int().min(0),
  failing_since: z.string().nullable().meta({ description: "ISO 8601: the first failure of the current run of failures" }),
  paused_until: z.string().nullable().meta({ description: "ISO 8601; set while paused" }),
  created_date: z.string().meta({ description: "ISO 8601" }),
  last_modified_date: z.string().meta({ description: "ISO 8601" }),
};

export const webhookObject = z.object(fields).meta({ id: "Webhook", description: "An outgoing webhook, its secret and credential headers masked" });

const webhookWithSecret = z
  .object({ ...fields, secret: z.string().meta({ description: "The signing secret (`whsec_…`), in clear this once: store it now, it is only ever shown masked again" }) })
  .meta({ id: "WebhookWithSecret", description: "A webhook just made or whose secret was just rotated, with the secret in clear" });

/** The domain's values of the fields under their API names. */
function apiFields<T extends Record<(typeof DOMAIN_FIELDS)[ApiField], unknown>>(values: T) {
  return Object.fromEntries(Object.entries(DOMAIN_FIELDS).map(([api, domain]) => [api, values[domain]])) as { [K in ApiField]: T[(typeof DOMAIN_FIELDS)[K]] };
}

function webhookObjectOf(tenant: TenantContext, endpoint: SerializedEndpoint): z.infer<typeof webhookObject> {
  return {
    api_url: `/api/v1/webhooks/${endpoint.id}`,
    absolute_url: `${appUrl()}/d/${tenant.dataspace.slug}/webhooks/${endpoint.id}`,
    uuid: endpoint.id,
    ...apiFields(endpoint),
    payload_template: endpoint.payloadTemplate.toLowerCase() as TemplateName,
    secret: endpoint.secret,
    previous_secret_expiry_date: iso(endpoint.previousSecretExpiresAt),
    state: endpoint.state.toLowerCase() as StateName,
    state_reason: endpoint.stateReason,
    state_changed_date: iso(endpoint.stateChangedAt),
    consecutive_failures: endpoint.consecutiveFailures,
    failing_since: iso(endpoint.failingSince),
    paused_until: iso(endpoint.pausedUntil),
    created_date: endpoint.createdAt.toISOString(),
    last_modified_date: endpoint.updatedAt.toISOString(),
  };
}

/** The domain's schema of each field under its API name, so both surfaces validate alike. */
function bodyShape<S extends Record<(typeof DOMAIN_FIELDS)[ApiField], z.ZodType>>(domain: S) {
  const entries = Object.entries(DOMAIN_FIELDS).map(([api, name]) => [api, domain[name].meta({ description: about[api as ApiField] })]);
  return Object.fromEntries(entries) as { [K in ApiField]: S[(typeof DOMAIN_FIELDS)[K]] };
}

const webhookCreateBody = z
  .strictObject({
    ...bodyShape(createWebhookEndpointInput.shape), // with the domain's defaults
    payload_template: templateName.default("dejacode").meta({ description: about.payload_template }),
  })
  .meta({ id: "WebhookCreate" });

const patchable = updateWebhookEndpointInput.shape.patch.shape;
const webhookUpdateBody = z
  .strictObject({
    ...bodyShape(patchable),
    extra_headers: patchable.extraHeaders.meta({ description: `${about.extra_headers}. The whole set: a value sent back as \`***\` keeps the stored one` }),
    payload_template: templateName.optional().meta({ description: about.payload_template }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to change: send at least one field")
  .meta({ id: "WebhookUpdate", description: "The fields to change; the others keep their values" });

function toDomain(body: Partial<z.output<typeof webhookCreateBody>>) {
  const out: Record<string, unknown> = { payloadTemplate: body.payload_template?.toUpperCase() };
  for (const [api, domain] of Object.entries(DOMAIN_FIELDS)) out[domain] = body[api as ApiField];
  return out;
}

const rotateBody = z
  .strictObject({
    // The bound (0 to 168 whole hours) is the domain's, checked by rotateWebhookSecret.
    grace_hours: z.number().default(24).meta({
      description: "How long, in whole hours from 0 to 168, the old secret keeps signing alongside the new one (both signatures are sent), so receivers can switch without losing a delivery; 0 drops it at once",
    }),
  })
  .meta({ id: "WebhookSecretRotation" });

export const webhookRoutes = [
  defineRoute({
    method: "GET",
    path: "/webhooks",
    operationId: "listWebhooks",
    tag: "Webhooks",
    summary: "List webhooks",
    description: `Oldest first. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "list",
    query: z.object(pageQuery),
    response: webhookObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listWebhookEndpointsPage(tenant, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map((endpoint) => webhookObjectOf(tenant, endpoint)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks",
    operationId: "createWebhook",
    tag: "Webhooks",
    summary: "Create a webhook",
    description: `The answer has the signing secret in clear, this once. Send an \`Idempotency-Key\` to retry safely (a replayed answer shows the same secret). ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    status: 201,
    body: webhookCreateBody,
    response: webhookWithSecret,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const made = await createWebhookEndpoint(tenant, createWebhookEndpointInput.parse(toDomain(body)));
      return { ...webhookObjectOf(tenant, made.endpoint), secret: made.secret };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/webhooks/{uuid}",
    operationId: "getWebhook",
    tag: "Webhooks",
    summary: "Get a webhook",
    description: `With its health (circuit breaker state, consecutive failures). ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: webhookObject,
    errors: [404],
    handle: async ({ tenant, params }) => webhookObjectOf(tenant, await getWebhookEndpoint(tenant, params.uuid)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/webhooks/{uuid}",
    operationId: "updateWebhook",
    tag: "Webhooks",
    summary: "Update a webhook",
    description: `Changes the fields sent. \`is_active: true\` turns it on as the dashboard's Enable does: a paused or disabled webhook resumes and its held deliveries go out. Send \`If-Match\` with the ETag you read to refuse the change (412) if someone changed the webhook since. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: webhookUpdateBody,
    response: webhookObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const input = updateWebhookEndpointInput.parse({ id: params.uuid, patch: toDomain(body) });
      const updated = await updateWebhookEndpoint(tenant, input, { precondition: (current) => ifMatch(webhookObjectOf(tenant, current)) });
      return webhookObjectOf(tenant, updated);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/webhooks/{uuid}",
    operationId: "deleteWebhook",
    tag: "Webhooks",
    summary: "Delete a webhook",
    description: `With its deliveries and their attempts; nothing more is sent to it. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.undefined(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await deleteWebhookEndpoint(tenant, params.uuid);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks/{uuid}/rotate-secret",
    operationId: "rotateWebhookSecret",
    tag: "Webhooks",
    summary: "Rotate a webhook's signing secret",
    description: `A new secret, in clear in this answer only; the old one keeps signing alongside it for \`grace_hours\` (send \`{}\` for the default 24). ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: rotateBody,
    response: webhookWithSecret,
    fieldNames: { graceHours: "grace_hours" },
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => {
      const rotated = await rotateWebhookSecret(tenant, { id: params.uuid, graceHours: body.grace_hours });
      return { ...webhookObjectOf(tenant, rotated.endpoint), secret: rotated.secret };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks/{uuid}/test",
    operationId: "sendWebhookTest",
    tag: "Webhooks",
    summary: "Send a test event",
    description: `Queues a signed \`webhook.test\` delivery to this webhook only, even when it is off or paused; follow the answer's \`api_url\` to see how it went. ${WEBHOOKS_ADMIN_ONLY}`,
    scope: { resource: "webhooks", level: "admin" },
    kind: "object",
    status: 201,
    params: uuidParams,
    response: deliverySummaryObject,
    errors: [400, 404, 409, 422],
    handle: async ({ tenant, params }) => deliverySummaryOf(tenant, await sendTestWebhook(tenant, params.uuid)),
  }),
];

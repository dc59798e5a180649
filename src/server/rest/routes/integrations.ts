import { z } from "zod";
import { appUrl } from "@/env";
import type { IntegrationType } from "@/generated/prisma/enums";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { listIntegrationTypes } from "@/server/integrations/describe-config";
import { createIntegrationInput, INTEGRATION_TYPES } from "@/server/integrations/manage/integration.schema";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrationsPage,
  rotateInboundToken,
  updateIntegration,
} from "@/server/integrations/manage/manage-integrations";
import type { SerializedIntegration } from "@/server/integrations/manage/serialize-integration";
import { getTelemetryStatus } from "@/server/telemetry/forwarding-status";
import { testTelemetryConnection } from "@/server/telemetry/test-connection";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Integrations: the other tools that post webhooks into the dataspace. They hold credentials, so
 * every route but the type catalogue takes `integrations:admin` and a token made by an admin, as
 * the dashboard's integration pages do. Types are lower-case names of the domain's (`ms_teams`).
 */
type TypeName = Lowercase<IntegrationType>;
const TYPE_NAMES = INTEGRATION_TYPES.map((type) => type.toLowerCase() as TypeName) as [TypeName, ...TypeName[]];
const typeName = z.enum(TYPE_NAMES, { error: `type must be one of ${TYPE_NAMES.join(", ")}` });
const toType = (name: TypeName) => name.toUpperCase() as IntegrationType;

const ADMIN_ONLY = "Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.";
const iso = (date: Date | null) => date?.toISOString() ?? null;

const telemetryTestObject = z
  .object({
    ok: z.boolean().describe("Every check passed"),
    checks: z.array(z.object({ check: z.string().describe("What was tried, e.g. `API key (apiKey)`"), ok: z.boolean(), detail: z.string().describe("What the service answered, in its words") })),
    skipped: z.string().nullable().describe("Why nothing was tried (inactive, no apiKey, invalid settings), or null"),
  })
  .meta({ id: "IntegrationTelemetryTest" });

const telemetryObject = z
  .object({
    metrics: z.array(z.string()).meta({ description: "The metrics forwarded every minute" }),
    alerts: z.boolean().meta({ description: "Whether alerts are sent as they change" }),
    deployments: z.boolean().meta({ description: "Whether finished deployments are sent" }),
    forwarding: z
      .object({
        up_to: z.string().meta({ description: "The first minute not yet sent (ISO 8601): everything before it was accepted by the service" }),
        lag_seconds: z.number().int().meta({ description: "How old that minute is: one or two minutes when all is well (New Relic: five more, it gets minutes once final)" }),
        last_sent_date: z.string().nullable(),
        last_points: z.number().int().meta({ description: "Points in the last window sent" }),
        sent_points: z.number().int(),
        dropped_buckets: z.number().int().meta({ description: "Minute buckets too old for the service when their turn came (after an outage), never sent" }),
        last_error: z.object({ message: z.string(), date: z.string().nullable() }).nullable(),
      })
      .nullable()
      .meta({ description: "null until the first run" }),
  })
  .meta({ id: "IntegrationTelemetry" });

export const integrationObject = z
  .object({
    api_url: z.string(),
    absolute_url: z.string(),
    uuid: z.string().uuid(),
    type: typeName.meta({ description: "The other tool" }),
    name: z.string(),
    config: z.record(z.string(), z.unknown()).meta({ description: "The type's config (see `GET /integration-types`); secret fields show as `***`" }),
    is_active: z.boolean().meta({ description: "An inactive integration answers its senders 404 and stores nothing" }),
    inbound_url: z.string().meta({ description: "Where the other tool posts its webhooks. Keep it private; `POST …/rotate-inbound-url` replaces it" }),
    auth_failures: z.number().int().min(0).meta({ description: "Deliveries refused because their signature or token did not verify" }),
    last_auth_failure_date: z.string().nullable().meta({ description: "ISO 8601" }),
    last_event_date: z.string().nullable().meta({ description: "ISO 8601: when a delivery was last accepted" }),
    created_date: z.string().meta({ description: "ISO 8601" }),
    last_modified_date: z.string().meta({ description: "ISO 8601" }),
  })
  .meta({ id: "Integration", description: "An integration, its secrets masked" });

type IntegrationObject = z.infer<typeof integrationObject>;

export function integrationUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/integrations/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/integrations/${id}` };
}

function integrationObjectOf(tenant: TenantContext, integration: SerializedIntegration): IntegrationObject {
  return {
    ...integrationUrls(tenant.dataspace.slug, integration.id),
    uuid: integration.id,
    type: integration.type.toLowerCase() as TypeName,
    name: integration.name,
    config: integration.config,
    is_active: integration.isActive,
    inbound_url: integration.inboundUrl,
    auth_failures: integration.authFailures,
    last_auth_failure_date: iso(integration.lastAuthFailureAt),
    last_event_date: iso(integration.lastEventAt),
    created_date: integration.createdAt.toISOString(),
    last_modified_date: integration.updatedAt.toISOString(),
  };
}

const integrationTypeObject = z
  .object({
    type: typeName,
    label: z.string().meta({ description: "The tool's name, e.g. `GitHub`" }),
    fields: z.array(
      z.object({
        name: z.string(),
        required: z.boolean(),
        secret: z.boolean().meta({ description: "Stored encrypted and shown as `***` from then on" }),
        help: z.string(),
        example: z.string().nullable(),
      }),
    ),
    example_config: z.record(z.string(), z.string()).meta({ description: "A config to start from: required secrets left empty for you to fill" }),
  })
  .meta({ id: "IntegrationType", description: "An integration type and its config fields" });

const { name, config } = createIntegrationInput.shape;
const about = {
  name: "Up to 100 characters",
  is_active: "Whether deliveries are accepted",
  config: "The type's config, secrets in clear (`GET /integration-types` lists its fields)",
  configUpdate:
    "The whole config, validated as on creation. A secret field sent as `***` or left out keeps its stored value, a new value replaces it, `null` removes an optional one",
};

const integrationCreateBody = z
  .strictObject({
    type: typeName.meta({ description: "The other tool" }),
    name: name.meta({ description: about.name }),
    config: config.meta({ description: about.config }),
    is_active: z.boolean().default(true).meta({ description: about.is_active }),
  })
  .meta({ id: "IntegrationCreate" });

const integrationUpdateBody = z
  .strictObject({
    name: name.optional().meta({ description: about.name }),
    config: config.optional().meta({ description: about.configUpdate }),
    is_active: z.boolean().optional().meta({ description: about.is_active }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to change: send at least one field")
  .meta({ id: "IntegrationUpdate", description: "The fields to change; the others keep their values" });

const fieldNames = { isActive: "is_active", id: "uuid" };

export const integrationRoutes = [
  defineRoute({
    method: "GET",
    path: "/integration-types",
    operationId: "listIntegrationTypes",
    tag: "Integrations",
    summary: "List integration types",
    description: "Every type with its config fields, which are secret, and a config to start from. All of them on one page.",
    scope: { resource: "integrations", level: "read" },
    kind: "list",
    response: integrationTypeObject,
    errors: [],
    handle: async () => ({
      items: listIntegrationTypes().map(({ type, label, fields, exampleConfig }) => ({
        type: type.toLowerCase() as TypeName,
        label,
        fields,
        example_config: JSON.parse(exampleConfig) as Record<string, string>,
      })),
      nextCursor: null,
    }),
  }),
  defineRoute({
    method: "GET",
    path: "/integrations",
    operationId: "listIntegrations",
    tag: "Integrations",
    summary: "List integrations",
    description: `Oldest first. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "list",
    query: z.object(pageQuery),
    response: integrationObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listIntegrationsPage(tenant, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map((integration) => integrationObjectOf(tenant, integration)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/integrations",
    operationId: "createIntegration",
    tag: "Integrations",
    summary: "Create an integration",
    description: `Its secrets go to the encrypted store and are never shown again; the answer has the inbound URL to give the other tool. Send an \`Idempotency-Key\` to retry safely. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    status: 201,
    body: integrationCreateBody,
    response: integrationObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const created = await createIntegration(tenant, { type: toType(body.type), name: body.name, config: body.config, isActive: body.is_active });
      return integrationObjectOf(tenant, created);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/integrations/{uuid}",
    operationId: "getIntegration",
    tag: "Integrations",
    summary: "Get an integration",
    description: ADMIN_ONLY,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: integrationObject,
    errors: [404],
    handle: async ({ tenant, params }) => integrationObjectOf(tenant, await getIntegration(tenant, params.uuid)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/integrations/{uuid}",
    operationId: "updateIntegration",
    tag: "Integrations",
    summary: "Update an integration",
    description: `Name, active flag and config. Send \`If-Match\` with the ETag you read to refuse the change (412) if someone changed the integration since. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: integrationUpdateBody,
    response: integrationObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const patch = { name: body.name, config: body.config, isActive: body.is_active };
      const updated = await updateIntegration(tenant, { id: params.uuid, patch }, { precondition: (current) => ifMatch(integrationObjectOf(tenant, current)) });
      return integrationObjectOf(tenant, updated);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/integrations/{uuid}",
    operationId: "deleteIntegration",
    tag: "Integrations",
    summary: "Delete an integration",
    description: `With its secrets and received events; its inbound URL answers 404 from then on. The domain events published from it stay in the event log. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.undefined(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await deleteIntegration(tenant, params.uuid);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/integrations/{uuid}/rotate-inbound-url",
    operationId: "rotateIntegrationInboundUrl",
    tag: "Integrations",
    summary: "Rotate an integration's inbound URL",
    description: `A new \`inbound_url\`; the old one answers 404 from now on, so update the sender. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: integrationObject,
    errors: [400, 404, 409, 422],
    handle: async ({ tenant, params }) => integrationObjectOf(tenant, await rotateInboundToken(tenant, params.uuid)),
  }),
  defineRoute({
    method: "GET",
    path: "/integrations/{uuid}/telemetry",
    operationId: "getIntegrationTelemetry",
    tag: "Integrations",
    summary: "Get what a Datadog or New Relic integration sends",
    description: `The metrics, alerts and deployments it forwards, and how far its metrics forwarding has come (its lag). 404 for an integration of another type. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: telemetryObject,
    errors: [404],
    handle: async ({ tenant, params }) => {
      const status = await getTelemetryStatus(tenant, params.uuid);
      const f = status.forwarding;
      return {
        metrics: status.metrics,
        alerts: status.alerts,
        deployments: status.deployments,
        forwarding: f
          ? {
              up_to: f.upTo.toISOString(),
              lag_seconds: f.lagSeconds,
              last_sent_date: iso(f.lastSentAt),
              last_points: f.lastPoints,
              sent_points: f.sentPoints,
              dropped_buckets: f.droppedBuckets,
              last_error: f.lastError ? { message: f.lastError.message, date: iso(f.lastError.at) } : null,
            }
          : null,
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/integrations/{uuid}/telemetry/test",
    operationId: "testIntegrationTelemetry",
    tag: "Integrations",
    summary: "Test a Datadog or New Relic integration's keys",
    description: `Tries each key its forwarding settings need against the service, with what is saved: Datadog's API key through its validate call; New Relic's license key by sending one gauge point (\`<prefix>connection_test\`, New Relic has no call that only checks a license key) and its User key by asking NerdGraph whose it is. \`ok\` is true when every check passed; each check says what the service answered. 404 for an integration of another type. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: telemetryTestObject,
    errors: [404],
    handle: async ({ tenant, params }) => testTelemetryConnection(tenant, params.uuid),
  }),
];

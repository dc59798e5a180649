import { z } from "zod";
import { acknowledgeAlert, resolveAlert } from "@/server/records/alerts/alert-status";
import {
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  alertPayloadSchema,
  fingerprintField,
  linkAlertInput,
  raiseAlertInput,
} from "@/server/records/alerts/alert.schema";
import { getAlert } from "@/server/records/alerts/get-alert";
import { linkAlert } from "@/server/records/alerts/link-alert";
import { listFullAlerts } from "@/server/records/alerts/list-alerts";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { alertView, serializeAlert } from "@/server/records/alerts/serialize-alert";
import { defineRoute } from "../route";
import { pageQuery, uuid, uuidParams } from "../schemas";

/**
 * Alerts: raised by monitors' webhooks (Datadog, New Relic) or through this API, one open alert
 * per fingerprint (a repeat counts on it), acknowledged, resolved, linked to an incident or a request.
 */
export const alertObject = alertPayloadSchema.meta({ id: "Alert", description: "An alert: what a monitor (or a script) raised, how often, and what became of it" });

const raised = raiseAlertInput.shape; // the domain's fields, with their defaults

const about = {
  title: "What is wrong, up to 300 characters",
  description: "More about it, up to 20 000 characters",
  severity: "How bad it is",
  fingerprint:
    "What makes a repeat the same alert (up to 255 characters): while an alert with this fingerprint is open, a raise counts on it. Default: a hash of the source (`api`) and the title",
  service: "The `uuid` of the service it concerns, or null",
  payload: "Whatever the sender wants kept with it (a JSON object): the last occurrence's is kept",
  links:
    "Up to 10 links to look into it — `{url, label?, kind?}`, kind one of source, trace, apm, graph, runbook, dashboard, other (default) — shown on its page; a repeat that brings links replaces them, one without keeps them",
};

const raiseBody = z
  .strictObject({
    title: raised.title.meta({ description: about.title }),
    description: raised.description.meta({ description: about.description }),
    severity: raised.severity.meta({ description: about.severity }),
    fingerprint: raised.fingerprint.meta({ description: about.fingerprint }),
    service: raised.serviceId.meta({ description: about.service }),
    payload: raised.payload.meta({ description: about.payload }),
    links: raised.links.meta({ description: about.links }),
  })
  .meta({ id: "AlertRaise" });

const linkable = linkAlertInput.shape;
const linkBody = z
  .strictObject({
    incident: linkable.incidentId.meta({ description: "The `uuid` of an incident of the dataspace to link, or null to unlink" }),
    request: linkable.requestId.meta({ description: "The `uuid` of a request of the dataspace to link (one the token may see), or null to unlink" }),
  })
  .refine((body) => body.incident !== undefined || body.request !== undefined, "Nothing to change: send incident and/or request")
  .meta({ id: "AlertLinks", description: "The links to change; a field left out keeps its link" });

const resolveByFingerprintBody = z.strictObject({ fingerprint: fingerprintField.meta({ description: "The fingerprint whose open alert to resolve" }) }).meta({ id: "AlertResolveByFingerprint" });

/** The domain's names for the API's fields. */
const fieldNames = { serviceId: "service", incidentId: "incident", requestId: "request", id: "uuid" };

const listQuery = z.object({
  status: z.array(z.enum(ALERT_STATUSES)).max(3).optional().meta({ description: "Only these statuses (repeat the parameter or separate with commas); open alerts are `triggered,acknowledged`" }),
  severity: z.array(z.enum(ALERT_SEVERITIES)).max(4).optional().meta({ description: "Only these severities" }),
  source: z.array(z.enum(ALERT_SOURCES)).max(ALERT_SOURCES.length).optional().meta({ description: "Only alerts raised by these sources" }),
  service: uuid.optional().meta({ description: "Only alerts of this service (its `uuid`)" }),
  q: z.string().trim().max(200).optional().meta({ description: "Words in the title (case-insensitive)" }),
  ...pageQuery,
});

export const alertRoutes = [
  defineRoute({
    method: "GET",
    path: "/alerts",
    operationId: "listAlerts",
    tag: "Alerts",
    summary: "List alerts",
    description: "Newest first, filtered.",
    scope: { resource: "alerts", level: "read" },
    kind: "list",
    query: listQuery,
    response: alertObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listFullAlerts(tenant, {
        status: query.status,
        severity: query.severity,
        source: query.source,
        serviceId: query.service,
        q: query.q || undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((alert) => serializeAlert(alert, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/alerts",
    operationId: "raiseAlert",
    tag: "Alerts",
    summary: "Raise an alert",
    description:
      "A new alert (201, publishes `alert.triggered`), or — when an alert with the same fingerprint is open (triggered or acknowledged) — a repeat that counts on it (200, `count` says how many times; its `last_seen_date`, `payload` and a worse `severity` are updated; nothing is published). Concurrent raises of one fingerprint make one alert.",
    scope: { resource: "alerts", level: "write" },
    kind: "object",
    status: 201,
    alsoAnswers200: "A repeat: an alert with this fingerprint was open, and the raise counted on it",
    body: raiseBody,
    response: alertObject,
    fieldNames,
    errors: [400, 413, 415, 422],
    handle: async ({ tenant, body, setStatus }) => {
      const { alert, created } = await raiseAlert(tenant, raiseAlertInput.parse({ ...body, serviceId: body.service }));
      setStatus(created ? 201 : 200);
      return serializeAlert(alert, tenant.dataspace);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/alerts/resolve",
    operationId: "resolveAlertByFingerprint",
    tag: "Alerts",
    summary: "Resolve the open alert of a fingerprint",
    description: "What a monitor's recovery does: the open alert with this fingerprint is resolved (publishes `alert.resolved`). 404 when no alert with it is open.",
    scope: { resource: "alerts", level: "write" },
    kind: "object",
    body: resolveByFingerprintBody,
    response: alertObject,
    errors: [404, 413, 415, 422],
    handle: async ({ tenant, body }) => serializeAlert(await resolveAlert(tenant, { fingerprint: body.fingerprint }), tenant.dataspace),
  }),
  defineRoute({
    method: "GET",
    path: "/alerts/{uuid}",
    operationId: "getAlert",
    tag: "Alerts",
    summary: "Get an alert",
    description: "With the payload of its last occurrence. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.",
    scope: { resource: "alerts", level: "read" },
    kind: "object",
    params: uuidParams,
    response: alertObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeAlert(await getAlert(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/alerts/{uuid}",
    operationId: "linkAlert",
    tag: "Alerts",
    summary: "Link an alert to an incident or a request",
    description: "Sets (a `uuid`) or clears (null) the alert's links. Send `If-Match` with the ETag you read to refuse the change (412) if the alert changed since.",
    scope: { resource: "alerts", level: "write" },
    kind: "object",
    params: uuidParams,
    body: linkBody,
    response: alertObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const input = linkAlertInput.parse({ id: params.uuid, incidentId: body.incident, requestId: body.request });
      const linked = await linkAlert(tenant, input, { precondition: (current) => ifMatch(serializeAlert(alertView(current, tenant), tenant.dataspace)) });
      return serializeAlert(linked, tenant.dataspace);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/alerts/{uuid}/acknowledge",
    operationId: "acknowledgeAlert",
    tag: "Alerts",
    summary: "Acknowledge an alert",
    description: "Someone is on it: a triggered alert becomes acknowledged, by the token's maker (publishes `alert.acknowledged`). An acknowledged one stays as it is; a resolved one is a conflict (409).",
    scope: { resource: "alerts", level: "write" },
    kind: "object",
    params: uuidParams,
    response: alertObject,
    errors: [404, 409],
    handle: async ({ tenant, params }) => serializeAlert(await acknowledgeAlert(tenant, { id: params.uuid }), tenant.dataspace),
  }),
  defineRoute({
    method: "POST",
    path: "/alerts/{uuid}/resolve",
    operationId: "resolveAlert",
    tag: "Alerts",
    summary: "Resolve an alert",
    description: "The alert is over (publishes `alert.resolved`); its fingerprint is free, so the next raise of it is a new alert. A resolved one stays as it is.",
    scope: { resource: "alerts", level: "write" },
    kind: "object",
    params: uuidParams,
    response: alertObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeAlert(await resolveAlert(tenant, { id: params.uuid }), tenant.dataspace),
  }),
];

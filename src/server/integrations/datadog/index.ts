import type { IntegrationProvider, MappedEvent } from "../provider";
import { GENERIC_SIGNATURE_HEADER, verifyGenericSecret } from "../shared/generic-secret";
import { compact, str } from "../shared/read";
import { datadogAlertSignal } from "./alerts";
import { datadogConfigSchema, type DatadogConfig } from "./config";
import { datadogConfigHelp } from "./config-help";
import { datadogTelemetry } from "./outbound/sink";
import { DATADOG_PAYLOAD_TEMPLATE, validateDatadogPayload } from "./payloads";

function mapDatadogAlert(payload: unknown): MappedEvent {
  const summary = {
    title: str(payload, "title"),
    transition: str(payload, "alert_transition"),
    status: str(payload, "alert_status"),
    alertId: str(payload, "alert_id"),
    url: str(payload, "link"),
    priority: str(payload, "priority"),
    host: str(payload, "hostname"),
    eventType: str(payload, "event_type"),
  };
  return { type: "datadog.alert", summary: compact(summary) };
}

export const datadog = {
  type: "DATADOG",
  label: "Datadog",
  configSchema: datadogConfigSchema,
  configHelp: datadogConfigHelp,
  secretFields: ["apiKey", "webhookSecret"],
  telemetry: datadogTelemetry,
  inbound: {
    // Datadog signs nothing; it can send fixed custom headers, so a Bearer token (or a relay's HMAC).
    verify: (request, secrets) => verifyGenericSecret(request, secrets.webhookSecret),
    // No event header: the template's event_type (`query_alert_monitor`, …) or just `alert`;
    // `$ID` is the id of the notification's event, one per notification.
    envelope: (_request, payload) => ({ eventType: str(payload, "event_type") || "alert", deliveryId: str(payload, "id") ?? null }),
    validate: validateDatadogPayload,
    map: ({ payload }) => mapDatadogAlert(payload),
    alert: ({ payload }) => datadogAlertSignal(payload),
    setupInstructions: (url) => [
      "In Datadog, open Integrations → Webhooks (install it if needed) → Variables → New, name it SWITCHBOARD_SECRET, paste the webhookSecret of this integration and check \"Hide from view\".",
      "Webhooks → New: give it a name, e.g. switchboard.",
      `URL: ${url}`,
      `Payload: ${DATADOG_PAYLOAD_TEMPLATE}`,
      'Custom Headers: {"Authorization": "Bearer $SWITCHBOARD_SECRET"} — Datadog cannot sign bodies, so it sends the secret as a bearer token; leave "Encode as form" unchecked.',
      `(A relay that signs instead may send ${GENERIC_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body with webhookSecret>.)`,
      "Mention @webhook-switchboard in the message of each monitor that should notify; each notification arrives as a datadog.alert event.",
      "Alerts: Triggered, Re-Triggered, Renotify, Warn and No Data notifications raise an alert (its fingerprint is $AGGREG_KEY, so repeats count on the open alert), Recovered resolves it; $ALERT_PRIORITY P1–P5 sets the severity and a service:<name> tag names the service.",
    ],
  },
} satisfies IntegrationProvider<DatadogConfig>;

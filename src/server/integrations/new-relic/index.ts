import type { IntegrationProvider, MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { GENERIC_SIGNATURE_HEADER, verifyGenericSecret } from "../shared/generic-secret";
import { at, compact, str } from "../shared/read";
import { newRelicAlertSignal } from "./alerts";
import { newRelicConfigSchema, type NewRelicConfig } from "./config";
import { newRelicConfigHelp } from "./config-help";
import { newRelicTelemetry } from "./outbound/sink";
import { validateNewRelicPayload } from "./payloads";

function mapNewRelicIssue(payload: unknown): MappedEvent {
  const entities = at(payload, "impactedEntities");
  const summary = {
    title: str(payload, "title"),
    state: str(payload, "state"),
    priority: str(payload, "priority"),
    url: str(payload, "issueUrl"),
    issueId: str(payload, "id"),
    trigger: str(payload, "trigger"),
    entities: Array.isArray(entities) ? entities.slice(0, 20) : undefined,
  };
  return { type: "new_relic.incident", summary: compact(summary) };
}

export const newRelic = {
  type: "NEW_RELIC",
  label: "New Relic",
  configSchema: newRelicConfigSchema,
  configHelp: newRelicConfigHelp,
  secretFields: ["apiKey", "webhookSecret", "userApiKey"],
  telemetry: newRelicTelemetry,
  inbound: {
    // New Relic signs nothing; its webhook destinations can send a bearer token.
    verify: (request, secrets) => verifyGenericSecret(request, secrets.webhookSecret),
    // One issue notifies on every state change (created, activated, acknowledged, closed): the
    // delivery is the issue in one state at one time.
    envelope(_request, payload) {
      const state = str(payload, "state");
      const id = str(payload, "id");
      const updatedAt = str(payload, "updatedAt");
      return {
        eventType: eventType("issue", state),
        deliveryId: id && state ? [id, state.toLowerCase(), updatedAt].filter(Boolean).join(":") : null,
      };
    },
    validate: validateNewRelicPayload,
    map: ({ payload }) => mapNewRelicIssue(payload),
    alert: ({ payload }) => newRelicAlertSignal(payload),
    setupInstructions: (url) => [
      "In New Relic, open Alerts → Destinations → Add a destination → Webhook.",
      `Endpoint URL: ${url}`,
      "Authorization: Bearer token, with the webhookSecret of this integration as the token (New Relic cannot sign bodies).",
      `(A relay that signs instead may send ${GENERIC_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body with webhookSecret>.)`,
      "Alerts → Workflows → your workflow → Notify → Webhook, pick that destination and keep the default payload template (it has id, state, title, priority, issueUrl).",
      "Each issue state change (created, activated, acknowledged, closed) arrives as a new_relic.incident event.",
      "Alerts: an activated issue raises an alert (the issue id is its fingerprint, so further notifications of it count on the open alert), acknowledged acknowledges it, closed resolves it; the priority (CRITICAL, HIGH, MEDIUM, LOW) sets the severity and an impacted entity named like a service names the service.",
    ],
  },
} satisfies IntegrationProvider<NewRelicConfig>;

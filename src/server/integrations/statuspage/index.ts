import type { IntegrationProvider, MappedEvent, StoredConfig } from "../provider";
import { verifyGenericSecret } from "../shared/generic-secret";
import { at, clip, compact, isObject, str } from "../shared/read";
import { statuspageConfigSchema, type StatuspageConfig } from "./config";
import { statuspageConfigHelp } from "./config-help";
import { validateStatuspagePayload } from "./payloads";

function kind(payload: unknown): "incident.update" | "component.update" | "" {
  if (isObject(at(payload, "incident"))) return "incident.update";
  if (isObject(at(payload, "component_update"))) return "component.update";
  return "";
}

/** Each incident update (newest first in `incident_updates`) and each component change has its own id. */
function deliveryIdOf(type: "incident.update" | "component.update", payload: unknown): string | null {
  if (type === "component.update") {
    const id = str(payload, "component_update.id");
    return id ? `component_update:${id}` : null;
  }
  const update = str(payload, "incident.incident_updates.0.id");
  if (update) return `incident_update:${update}`;
  const incident = str(payload, "incident.id");
  return incident ? `incident:${incident}@${str(payload, "incident.updated_at") ?? ""}` : null;
}

function mapStatuspageEvent(type: string, payload: unknown): MappedEvent {
  if (type === "component.update") {
    const summary = {
      page: str(payload, "page.id"),
      component: str(payload, "component.name") ?? str(payload, "component_update.component_id"),
      from: str(payload, "component_update.old_status"),
      to: str(payload, "component_update.new_status"),
    };
    return { type: "statuspage.component.update", summary: compact(summary) };
  }
  const update = str(payload, "incident.incident_updates.0.body");
  const summary = {
    page: str(payload, "page.id"),
    title: str(payload, "incident.name"),
    status: str(payload, "incident.status"),
    impact: str(payload, "incident.impact"),
    url: str(payload, "incident.shortlink"),
    update: clip(update),
  };
  return { type: "statuspage.incident.update", summary: compact(summary) };
}

export const statuspage = {
  type: "STATUSPAGE",
  label: "Atlassian Statuspage",
  configSchema: statuspageConfigSchema,
  configHelp: statuspageConfigHelp,
  secretFields: ["apiKey", "webhookSecret"],
  inbound: {
    // Statuspage neither signs nor sends custom headers: the secret rides in the URL's query.
    verify: (request, secrets) => verifyGenericSecret(request, secrets.webhookSecret, { allowQuery: true }),
    envelope(_request, payload) {
      const type = kind(payload);
      return { eventType: type, deliveryId: type ? deliveryIdOf(type, payload) : null };
    },
    validate(eventType: string, payload: unknown, config?: StoredConfig) {
      const check = validateStatuspagePayload(eventType, payload);
      // A subscriber URL is per page; a notification about another page was sent to the wrong integration.
      const pageId = str(payload, "page.id");
      if (check.ok && typeof config?.pageId === "string" && pageId !== undefined && pageId !== config.pageId) {
        return { ok: false, errors: [`/page/id: this notification is for page "${pageId}", but this integration is for page "${config.pageId}"`] };
      }
      return check;
    },
    map: ({ eventType, payload }) => mapStatuspageEvent(eventType, payload),
    setupInstructions: (url) => [
      "In Statuspage, open Notifications → Webhook (reactivate webhook notifications if they are off) → ⚙ → Add subscriber.",
      `Endpoint URL: ${url}?secret=<webhookSecret> — Statuspage can neither sign nor send headers, so the webhookSecret of this integration goes in the URL (URL-encode it if it has characters other than letters and digits).`,
      "Email: an address Statuspage writes to if the endpoint keeps failing.",
      "Incident updates arrive as statuspage.incident.update events, component status changes as statuspage.component.update.",
    ],
  },
} satisfies IntegrationProvider<StatuspageConfig>;

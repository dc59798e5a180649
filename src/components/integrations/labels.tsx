import type { inferRouterOutputs } from "@trpc/server";
import { Badge, type Tone } from "@/components/ui/badge";
import type { WebhookEventStatus } from "@/generated/prisma/enums";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["integration"];
export type Integration = Outputs["get"];
export type IntegrationTypeInfo = Outputs["types"][number];
export type InboundEventSummary = Outputs["events"]["items"][number];
export type InboundEventDetail = Outputs["event"];

// Mirrors WEBHOOK_EVENT_STATUSES in src/server/inbound/webhook-event.schema.ts (kept here so
// client bundles do not pull in the server's zod schemas).
export const EVENT_STATUSES: WebhookEventStatus[] = ["RECEIVED", "PROCESSING", "PROCESSED", "FAILED"];

/** Recent events' page size, shared by the page's prefetch and the client's query (same query key). */
export const EVENTS_PAGE_SIZE = 50;

/** The events list's input for a status tab ("" is All, the one the page prefetches). */
export function eventsInput(slug: string, integrationId: string, status: WebhookEventStatus | "") {
  return { dataspace: slug, integrationId, limit: EVENTS_PAGE_SIZE, ...(status ? { status } : {}) };
}

export const EVENT_STATUS_LABELS: Record<WebhookEventStatus, string> = {
  RECEIVED: "Received",
  PROCESSING: "Processing",
  PROCESSED: "Processed",
  FAILED: "Failed",
};

const EVENT_TONES: Record<WebhookEventStatus, Tone> = { RECEIVED: "sky", PROCESSING: "indigo", PROCESSED: "emerald", FAILED: "red" };

export function EventStatusBadge({ status }: { status: WebhookEventStatus }) {
  return <Badge tone={EVENT_TONES[status]}>{EVENT_STATUS_LABELS[status]}</Badge>;
}

/** Still moving: the page keeps looking while any shown event is. */
export const isPendingEvent = (status: WebhookEventStatus) => status === "RECEIVED" || status === "PROCESSING";

export function ActiveBadge({ isActive }: { isActive: boolean }) {
  return <Badge tone={isActive ? "emerald" : "slate"}>{isActive ? "Active" : "Inactive"}</Badge>;
}

/** The type's label from the registry (`integration.types`), or the raw type while it loads. */
export function typeLabel(types: IntegrationTypeInfo[] | undefined, type: string): string {
  return types?.find((t) => t.type === type)?.label ?? type;
}

/** `repository: octo-org/octo-app · webhookSecret: ***`: the (already masked) config on one line. */
export function configSummary(config: Record<string, unknown>): string {
  const parts = Object.entries(config).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? parts.join(" · ") : "No settings";
}

export const integrationsPath = (slug: string) => `/d/${slug}/integrations`;
export const integrationPath = (slug: string, id: string) => `/d/${slug}/integrations/${id}`;

import type { inferRouterOutputs } from "@trpc/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatTimestamp } from "@/components/runs/time";
import type { WebhookDeliveryStatus } from "@/generated/prisma/enums";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["webhook"];
export type WebhookEndpoint = Outputs["get"];
export type DeliverySummary = Outputs["deliveries"]["items"][number];
export type DeliveryDetail = Outputs["delivery"];
export type ReplayProgress = Outputs["replay"];

// Mirrors DELIVERY_STATUSES in src/server/webhooks/deliveries/delivery.schema.ts (kept here so
// client bundles do not pull in the server's zod schemas).
export const DELIVERY_STATUSES: WebhookDeliveryStatus[] = ["PENDING", "SUCCEEDED", "FAILED", "HELD"];

/** The deliveries table's page size, shared by the page's prefetch and the client's query (same query key). */
export const DELIVERIES_PAGE_SIZE = 50;

/** The deliveries list's input for a status tab ("" is All, the one the page prefetches). */
export function deliveriesInput(slug: string, endpointId: string, status: WebhookDeliveryStatus | "") {
  return { dataspace: slug, endpointId, limit: DELIVERIES_PAGE_SIZE, ...(status ? { status } : {}) };
}

/** How many deliveries a webhook holds while it is off, paused or disabled (MAX_HELD_DELIVERIES in src/server/webhooks/deliveries/fan-out.ts). */
export const HELD_LIMIT = "10 000";

/** What an attempt keeps of a response body (MAX_RESPONSE_BYTES in src/server/webhooks/target-config.ts). */
export const RESPONSE_BODY_LIMIT = "16 KB";

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  PENDING: "Pending",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  HELD: "Held",
};

const DELIVERY_TONES: Record<WebhookDeliveryStatus, Tone> = { PENDING: "indigo", SUCCEEDED: "emerald", FAILED: "red", HELD: "amber" };

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return <Badge tone={DELIVERY_TONES[status]}>{DELIVERY_STATUS_LABELS[status]}</Badge>;
}

type Health = Pick<WebhookEndpoint, "isActive" | "state" | "pausedUntil">;

/**
 * The endpoint's state in a word or two. The circuit breaker's verdict (paused, disabled) comes
 * first, because it is what needs attention; "Off" is the admin's own switch.
 */
export function endpointStateLabel(endpoint: Health): string {
  if (endpoint.state === "DISABLED") return "Disabled";
  if (endpoint.state === "PAUSED") return endpoint.pausedUntil ? `Paused until ${formatTimestamp(endpoint.pausedUntil)}` : "Paused";
  return endpoint.isActive ? "Active" : "Off";
}

export function EndpointStateBadge({ endpoint }: { endpoint: Health }) {
  const tone: Tone = endpoint.state === "DISABLED" ? "red" : endpoint.state === "PAUSED" ? "amber" : endpoint.isActive ? "emerald" : "slate";
  return (
    <Badge tone={tone}>
      <span suppressHydrationWarning>{endpointStateLabel(endpoint)}</span>
    </Badge>
  );
}

/** Paused or disabled by the circuit breaker: admins must be told. */
export const needsAttention = (endpoint: Pick<WebhookEndpoint, "state">) => endpoint.state !== "ACTIVE";

export const webhooksPath = (slug: string) => `/d/${slug}/webhooks`;
export const webhookPath = (slug: string, id: string) => `/d/${slug}/webhooks/${id}`;
export const deliveryPath = (slug: string, endpointId: string, deliveryId: string) => `/d/${slug}/webhooks/${endpointId}/deliveries/${deliveryId}`;

export function EventTypeList({ types }: { types: string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {types.map((t) => (
        <Badge key={t} tone="indigo" className="font-mono">{t}</Badge>
      ))}
    </span>
  );
}

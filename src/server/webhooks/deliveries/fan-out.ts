import type { Prisma } from "@/generated/prisma/client";
import { filterMatches, matchesEventPattern, renderPayload } from "@/server/webhooks/rules";
import { MAX_PAYLOAD_BYTES } from "@/server/webhooks/target-config";

export type OutboxEvent = { id: string; type: string; data: unknown; dataspaceId: string; createdAt: Date };

type Endpoint = Prisma.WebhookEndpointGetPayload<object>;

/**
 * Fan-out: one delivery per (event, matching endpoint), written in the outbox relay's own
 * transaction, so an event is marked relayed exactly when its deliveries exist. This runs across
 * dataspaces (it is the relay, not a tenant), which is why matching is by the event's own
 * dataspace id and the composite foreign key (endpoint, dataspace) makes a delivery to another
 * dataspace's endpoint impossible to store. Idempotent on (endpoint, event).
 *
 * The body is rendered once, here: every attempt sends (and signs) the same bytes.
 */
export async function planWebhookDeliveries(tx: Prisma.TransactionClient, events: readonly OutboxEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const dataspaceIds = [...new Set(events.map((event) => event.dataspaceId))];
  const endpoints = await tx.webhookEndpoint.findMany({ where: { dataspaceId: { in: dataspaceIds }, isActive: true } });
  if (endpoints.length === 0) return 0;
  const byDataspace = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) byDataspace.set(endpoint.dataspaceId, [...(byDataspace.get(endpoint.dataspaceId) ?? []), endpoint]);

  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const event of events) {
    for (const endpoint of byDataspace.get(event.dataspaceId) ?? []) {
      if (!matchesEventPattern(endpoint.eventTypes, event.type)) continue;
      const variables = { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: event.data };
      if (!filterMatches(endpoint.filter, variables)) continue;
      rows.push(deliveryRow(endpoint, event));
    }
  }
  if (rows.length === 0) return 0;
  const { count } = await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/** The dataspaces among `ids` that have at least one active webhook endpoint. */
export async function subscribedDataspaces(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<Set<string>> {
  const rows = await tx.webhookEndpoint.findMany({
    where: { dataspaceId: { in: [...new Set(ids)] }, isActive: true },
    select: { dataspaceId: true },
    distinct: ["dataspaceId"],
  });
  return new Set(rows.map((row) => row.dataspaceId));
}

export function deliveryRow(endpoint: Endpoint, event: OutboxEvent, options: { isTest?: boolean } = {}): Prisma.WebhookDeliveryCreateManyInput {
  const body = renderBody(endpoint, event);
  const base = { dataspaceId: endpoint.dataspaceId, endpointId: endpoint.id, eventId: options.isTest ? null : event.id, eventType: event.type, isTest: options.isTest ?? false };
  const size = Buffer.byteLength(body);
  if (size > MAX_PAYLOAD_BYTES) {
    const message = `The payload is ${size} bytes, over the ${MAX_PAYLOAD_BYTES / 1024} KB limit; it was not sent`;
    return { ...base, body: body.slice(0, 1024), status: "FAILED", queuedAt: null, lastError: message, completedAt: new Date() };
  }
  // A paused or disabled endpoint still gets its deliveries, held until it resumes.
  const held = endpoint.state !== "ACTIVE";
  return { ...base, body, status: held ? "HELD" : "PENDING", queuedAt: held ? null : new Date() };
}

function renderBody(endpoint: Endpoint, event: OutboxEvent): string {
  return renderPayload({
    template: endpoint.payloadTemplate === "CUSTOM" && endpoint.customTemplate ? { kind: "CUSTOM", source: endpoint.customTemplate } : { kind: "DEJACODE" },
    hook: { uuid: endpoint.id, event: event.type, target: endpoint.url },
    event: { id: event.id, type: event.type, createdAt: event.createdAt, data: event.data },
    extraPayload: (endpoint.extraPayload ?? null) as Record<string, unknown> | null,
  });
}

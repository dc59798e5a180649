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
export async function planWebhookDeliveries(tx: Prisma.TransactionClient, events: readonly OutboxEvent[], byDataspace: EndpointsByDataspace): Promise<number> {
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

export type EndpointsByDataspace = ReadonlyMap<string, Endpoint[]>;

/**
 * The active endpoints of these dataspaces, by dataspace: read once per relay batch, both to know
 * which events need their payload at all and to fan them out.
 */
export async function activeEndpoints(tx: Prisma.TransactionClient, dataspaceIds: readonly string[]): Promise<EndpointsByDataspace> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { dataspaceId: { in: [...new Set(dataspaceIds)] }, isActive: true } });
  const byDataspace = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) byDataspace.set(endpoint.dataspaceId, [...(byDataspace.get(endpoint.dataspaceId) ?? []), endpoint]);
  return byDataspace;
}

export function deliveryRow(endpoint: Endpoint, event: OutboxEvent, options: { isTest?: boolean } = {}): Prisma.WebhookDeliveryCreateManyInput {
  const body = renderBody(endpoint, event);
  const base = { dataspaceId: endpoint.dataspaceId, endpointId: endpoint.id, eventId: options.isTest ? null : event.id, eventType: event.type, isTest: options.isTest ?? false };
  const size = Buffer.byteLength(body);
  if (size > MAX_PAYLOAD_BYTES) {
    const message = `The payload is ${size} bytes, over the ${MAX_PAYLOAD_BYTES / 1024} KB limit; it was not sent`;
    return { ...base, body: body.slice(0, 1024), status: "FAILED", queuedAt: null, lastError: message, completedAt: new Date() };
  }
  // A paused or disabled endpoint still gets its deliveries, held until it resumes; a test
  // delivery goes out whatever the state (it is how you check a receiver is fixed).
  const held = !options.isTest && endpoint.state !== "ACTIVE";
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

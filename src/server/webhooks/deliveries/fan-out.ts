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
 * An endpoint switched off, paused or disabled gets its deliveries too, held until it is on and
 * active again, up to MAX_HELD_DELIVERIES each (see heldRoom).
 *
 * The body is rendered once, here: every attempt sends (and signs) the same bytes.
 */
export async function planWebhookDeliveries(tx: Prisma.TransactionClient, events: readonly OutboxEvent[], byDataspace: EndpointsByDataspace): Promise<number> {
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  const heldFor = new Map<Endpoint, Prisma.WebhookDeliveryCreateManyInput[]>();
  for (const event of events) {
    for (const endpoint of byDataspace.get(event.dataspaceId) ?? []) {
      if (!matchesEventPattern(endpoint.eventTypes, event.type)) continue;
      const variables = { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: event.data };
      if (!filterMatches(endpoint.filter, variables)) continue;
      const row = deliveryRow(endpoint, event);
      if (row.status === "HELD") heldFor.set(endpoint, [...(heldFor.get(endpoint) ?? []), row]);
      else rows.push(row);
    }
  }
  if (heldFor.size) rows.push(...(await keepToHeldLimit(tx, heldFor)));
  if (rows.length === 0) return 0;
  const { count } = await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/**
 * The most deliveries an endpoint holds while it is off, paused or disabled: enough for a long
 * maintenance window of a busy dataspace, bounded so a forgotten switch cannot grow the table
 * without end. Past it, new deliveries are recorded as failed with the reason (a replay of
 * failed deliveries sends them once the endpoint is back).
 */
export const MAX_HELD_DELIVERIES = 10_000;

const isStopped = (endpoint: Endpoint) => !endpoint.isActive || endpoint.state !== "ACTIVE";

/**
 * New held deliveries, those past an endpoint's MAX_HELD_DELIVERIES turned into failed ones that
 * say why. Counted only for endpoints that hold something new (the hot path never gets here).
 */
async function keepToHeldLimit(tx: Prisma.TransactionClient, heldFor: Map<Endpoint, Prisma.WebhookDeliveryCreateManyInput[]>) {
  const endpoints = [...heldFor.keys()];
  const counts = await tx.webhookDelivery.groupBy({ by: ["endpointId"], where: { endpointId: { in: endpoints.map((e) => e.id) }, status: "HELD" }, _count: { _all: true } });
  return endpoints.flatMap((endpoint) => {
    const room = MAX_HELD_DELIVERIES - (counts.find((c) => c.endpointId === endpoint.id)?._count._all ?? 0);
    return heldFor.get(endpoint)!.map((row, i) => (i < room ? row : { ...row, status: "FAILED" as const, completedAt: new Date(), lastError: heldBacklogFull(endpoint) }));
  });
}

function heldBacklogFull(endpoint: Endpoint): string {
  const why = !endpoint.isActive ? "switched off" : endpoint.state === "PAUSED" ? "paused" : "disabled";
  return `Not sent: the webhook is ${why} and already holds ${MAX_HELD_DELIVERIES} deliveries, the most it keeps; replay failed deliveries once it is back to send this one`;
}

export type EndpointsByDataspace = ReadonlyMap<string, Endpoint[]>;

/**
 * Every endpoint of these dataspaces, switched on or off, by dataspace (an endpoint that is off
 * holds what it would have been sent): read once per relay batch, both to know which events need
 * their payload at all and to fan them out.
 */
export async function subscribedEndpoints(tx: Prisma.TransactionClient, dataspaceIds: readonly string[]): Promise<EndpointsByDataspace> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { dataspaceId: { in: [...new Set(dataspaceIds)] } } });
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
  // An endpoint switched off, paused or disabled still gets its deliveries, held until it is on
  // and active again; a test delivery goes out whatever the state (it is how you check a
  // receiver is fixed).
  const held = !options.isTest && isStopped(endpoint);
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

/**
 * An inbound family event (`github.*`, …) stores its envelope in `data` and points at the
 * WebhookEvent whose raw body is the provider's payload (`payloadFromId`) rather than keeping a
 * second copy of tens of KB. Every reader of event data goes through here, so the event reads
 * back exactly as published: the envelope with `payload` last.
 */
export function withPayload(data: unknown, payloadText: string | null | undefined): unknown {
  if (payloadText === null || payloadText === undefined) return data;
  return { ...(data as Record<string, unknown>), payload: JSON.parse(payloadText) as unknown };
}

/** The SQL that reads an event's data with its payload put back, for statements over `"Event" e`. */
export const EVENT_PAYLOAD_JOIN = `LEFT JOIN "WebhookEvent" payload_source ON payload_source.id = e."payloadFromId" AND payload_source."dataspaceId" = e."dataspaceId"`;

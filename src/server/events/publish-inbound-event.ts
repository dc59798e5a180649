import { randomUUID } from "node:crypto";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { jsonbSafeJson } from "@/server/inbound/jsonb-safe";
import { familyOf, inboundEventSchema, type InboundEventData } from "./families";
import { relayNeeded } from "./relay-needed";

const envelopeSchema = inboundEventSchema.omit({ payload: true });

export type InboundEventToPublish = {
  type: string;
  envelope: Omit<InboundEventData, "payload">;
} & (
  | { /** The WebhookEvent whose raw body is the JSON payload (see event-payload.ts). */ payloadFromId: string }
  | { /** A payload decoded from another form of body (Slack's form posts): stored in the event. */ payload: unknown }
);

/**
 * Writes events of a family (`github.pull_request.opened`, …) into the outbox, in the caller's
 * transaction, like `publishEvent` does for catalog types — a whole processed group in one
 * statement. A JSON payload is not copied: the event points at the WebhookEvent that holds it as
 * verified, and readers put it back (`withPayload`); only a payload decoded from another form of
 * body is stored in the event. The insert names the dataspace
 * itself (the scoped client does not rewrite raw SQL; row-level security holds it to the
 * transaction's dataspace), and the composite foreign key keeps the
 * WebhookEvent in that dataspace. A type outside every family, or an envelope that breaks its
 * schema, is a bug in the provider's mapping: refused, and nothing of the group is stored.
 * Summaries and decoded payloads hold senders' text, so they go into `jsonb` by the one rule for
 * that (src/server/inbound/jsonb-safe.ts).
 */
export async function publishInboundEvents(tx: ScopedTx, dataspaceId: string, events: InboundEventToPublish[]): Promise<{ ids: string[] }> {
  if (events.length === 0) return { ids: [] };
  for (const { type } of events) {
    const family = familyOf(type);
    if (!family) throw new AppError("UNPROCESSABLE", `"${type}" is not in any event family (github.*, gitlab.*, inbound.*, …)`);
    // custom.* types are published by users against their registered schema (publishCustomEvent), never by a mapping.
    if (family === "custom.*") throw new AppError("UNPROCESSABLE", `"${type}" is a custom event type: inbound events cannot publish it`);
  }
  const needed = await relayNeeded(tx, dataspaceId);
  const rows = events.map((event, n) => {
    const envelope = envelopeSchema.parse(event.envelope);
    const relayed = !needed(event.type);
    return "payloadFromId" in event
      ? { n, id: randomUUID(), type: event.type, data: envelope, payloadFromId: event.payloadFromId, relayed }
      : { n, id: randomUUID(), type: event.type, data: { ...envelope, payload: event.payload }, payloadFromId: null, relayed };
  });
  await tx.$executeRaw`
    INSERT INTO "Event" (id, "dataspaceId", type, data, "payloadFromId", "relayedAt")
    SELECT e.id, ${dataspaceId}::uuid, e.type, e.data, e."payloadFromId", CASE WHEN e.relayed THEN now() END
    FROM jsonb_to_recordset(${jsonbSafeJson(rows)}::jsonb) AS e(n int, id uuid, type text, data jsonb, "payloadFromId" uuid, relayed boolean)
    ORDER BY e.n`;
  return { ids: rows.map((row) => row.id) };
}

/** One event of a family; see publishInboundEvents. */
export async function publishInboundEvent(tx: ScopedTx, dataspaceId: string, event: InboundEventToPublish): Promise<{ id: string }> {
  const { ids } = await publishInboundEvents(tx, dataspaceId, [event]);
  return { id: ids[0] };
}

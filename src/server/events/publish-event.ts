import type { ScopedTx } from "@/server/db/scoped";
import { eventCatalog, type EventData, type EventType } from "./catalog";
import { jsonbSafeJson } from "@/server/inbound/jsonb-safe";
import { uuidv7 } from "@/server/db/uuid";
import { familyOf } from "./families";
import { relayNeeded } from "./relay-needed";

/**
 * A `custom.*` type a dataspace registered, with the check of its JSON Schema (it throws on data
 * that does not match). `publishCustomEvent` (events/custom) looks the type up and hands it here.
 */
export type RegisteredCustomType = { name: string; check: (data: unknown) => void };

/**
 * Writes a domain event into the outbox. Call it with the transaction that makes the change,
 * so the event exists if and only if the change committed. The durable runtime relays outbox
 * rows afterwards (those that anything can receive, see relay-needed.ts); nothing is sent from here.
 */
export async function publishEvent<T extends EventType>(
  tx: ScopedTx,
  dataspaceId: string,
  type: T,
  data: EventData<T>,
  options?: { actorId?: string | null },
): Promise<{ id: string; seq: bigint }>;
export async function publishEvent(
  tx: ScopedTx,
  dataspaceId: string,
  type: RegisteredCustomType,
  data: unknown,
  options?: { actorId?: string | null },
): Promise<{ id: string; seq: bigint }>;
export async function publishEvent(
  tx: ScopedTx,
  dataspaceId: string,
  type: EventType | RegisteredCustomType,
  data: unknown,
  options: { actorId?: string | null } = {},
): Promise<{ id: string; seq: bigint }> {
  // A payload that does not match its published schema is a bug (or, for a custom type, the
  // publisher's mistake); refuse to write it.
  let name: string;
  let parsed: unknown;
  if (typeof type === "string") {
    name = type;
    parsed = eventCatalog[type].schema.parse(data);
  } else {
    if (familyOf(type.name) !== "custom.*") throw new Error(`publishEvent: "${type.name}" is not a custom.* type`);
    type.check(data);
    name = type.name;
    parsed = data;
  }
  const needed = await relayNeeded(tx, dataspaceId);
  const event = await tx.event.create({
    data: { type: name, data: parsed as object, actorId: options.actorId ?? null, dataspaceId, relayedAt: needed(name) ? null : new Date() },
    select: { id: true, seq: true },
  });
  return event;
}

/**
 * Writes catalog events into the outbox in one statement, in the caller's transaction and in the
 * order given (a group's alerts from one batch of inbound deliveries): what `publishEvent` does
 * for one, without a round trip per event. Each payload is checked against its schema first; one
 * that does not match refuses the whole batch.
 */
export async function publishEvents(
  tx: ScopedTx,
  dataspaceId: string,
  events: { type: EventType; data: unknown; actorId?: string | null }[],
): Promise<{ ids: string[] }> {
  if (events.length === 0) return { ids: [] };
  const needed = await relayNeeded(tx, dataspaceId);
  const rows = events.map((event, n) => ({
    n,
    id: uuidv7(),
    type: event.type,
    data: eventCatalog[event.type].schema.parse(event.data),
    actorId: event.actorId ?? null,
    relayed: !needed(event.type),
  }));
  await tx.$executeRaw`
    INSERT INTO "Event" (id, "dataspaceId", type, data, "actorId", "relayedAt")
    SELECT e.id, ${dataspaceId}::uuid, e.type, e.data, e."actorId", CASE WHEN e.relayed THEN now() END
    FROM jsonb_to_recordset(${jsonbSafeJson(rows)}::jsonb) AS e(n int, id uuid, type text, data jsonb, "actorId" uuid, relayed boolean)
    ORDER BY e.n`;
  return { ids: rows.map((row) => row.id) };
}

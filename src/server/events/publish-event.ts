import type { ScopedTx } from "@/server/db/scoped";
import { eventCatalog, type EventData, type EventType } from "./catalog";
import { familyOf } from "./families";

/**
 * A `custom.*` type a dataspace registered, with the check of its JSON Schema (it throws on data
 * that does not match). `publishCustomEvent` (events/custom) looks the type up and hands it here.
 */
export type RegisteredCustomType = { name: string; check: (data: unknown) => void };

/**
 * Writes a domain event into the outbox. Call it with the transaction that makes the change,
 * so the event exists if and only if the change committed. The durable runtime relays outbox
 * rows afterwards; nothing is sent from here.
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
  const event = await tx.event.create({
    data: { type: name, data: parsed as object, actorId: options.actorId ?? null, dataspaceId },
    select: { id: true, seq: true },
  });
  return event;
}

/**
 * Several catalog events in one statement, in the order given (their `seq` follows it), each
 * checked against its schema like `publishEvent` does: for processing that records many changes
 * at once (a group of inbound deliveries).
 */
export async function publishEvents(
  tx: ScopedTx,
  dataspaceId: string,
  events: { [T in EventType]: { type: T; data: EventData<T>; actorId?: string | null } }[EventType][],
): Promise<void> {
  if (events.length === 0) return;
  await tx.event.createMany({
    data: events.map((event) => ({
      type: event.type,
      data: eventCatalog[event.type].schema.parse(event.data) as object,
      actorId: event.actorId ?? null,
      dataspaceId,
    })),
  });
}

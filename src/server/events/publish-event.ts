import type { ScopedTx } from "@/server/db/scoped";
import { eventCatalog, type EventData, type EventType } from "./catalog";

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
  options: { actorId?: string | null } = {},
): Promise<{ id: string; seq: bigint }> {
  // A payload that does not match its published schema is a bug; refuse to write it.
  const parsed = eventCatalog[type].schema.parse(data);
  const event = await tx.event.create({
    data: { type, data: parsed as object, actorId: options.actorId ?? null, dataspaceId },
    select: { id: true, seq: true },
  });
  return event;
}

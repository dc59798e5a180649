import type { ScopedTx } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { familyOf, inboundEventSchema, type InboundEventData } from "./families";

/**
 * Writes an event of a family (`github.pull_request.opened`, …) into the outbox, in the caller's
 * transaction, like `publishEvent` does for catalog types. A type outside every family, or data
 * that breaks the family's envelope, is a bug in the provider's mapping: refused, not stored.
 */
export async function publishInboundEvent(tx: ScopedTx, dataspaceId: string, type: string, data: InboundEventData): Promise<{ id: string }> {
  if (!familyOf(type)) throw new AppError("UNPROCESSABLE", `"${type}" is not in any event family (github.*, gitlab.*, inbound.*, …)`);
  const parsed = inboundEventSchema.parse(data);
  return tx.event.create({ data: { type, data: parsed as object, dataspaceId }, select: { id: true } });
}

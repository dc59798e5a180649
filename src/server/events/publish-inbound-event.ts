import { randomUUID } from "node:crypto";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { familyOf, inboundEventSchema, type InboundEventData } from "./families";

const envelopeSchema = inboundEventSchema.omit({ payload: true });

/**
 * Writes an event of a family (`github.pull_request.opened`, …) into the outbox, in the caller's
 * transaction, like `publishEvent` does for catalog types. The provider's payload goes in as the
 * verified JSON text it arrived as (`rawPayload`), spliced into the envelope rather than parsed and
 * serialized again: payloads run to tens of KB and this is the inbound hot path. The insert names
 * the dataspace itself (raw SQL passes the scoped client untouched), as the scoped client would.
 * A type outside every family, or an envelope that breaks its schema, is a bug in the provider's
 * mapping: refused, not stored.
 */
export async function publishInboundEvent(
  tx: ScopedTx,
  dataspaceId: string,
  type: string,
  data: Omit<InboundEventData, "payload"> & { rawPayload: string },
): Promise<{ id: string }> {
  if (!familyOf(type)) throw new AppError("UNPROCESSABLE", `"${type}" is not in any event family (github.*, gitlab.*, inbound.*, …)`);
  const { rawPayload, ...envelope } = data;
  const head = JSON.stringify(envelopeSchema.parse(envelope));
  const text = `${head.slice(0, -1)},"payload":${rawPayload}}`;
  const id = randomUUID();
  await tx.$executeRaw`INSERT INTO "Event" (id, "dataspaceId", type, data) VALUES (${id}::uuid, ${dataspaceId}::uuid, ${type}, ${text}::jsonb)`;
  return { id };
}

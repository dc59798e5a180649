import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import type { StoredEvent } from "../list-events";
import { publishEvent } from "../publish-event";
import { transactionWithEvents } from "../transaction-with-events";
import { CUSTOM_EVENT_TYPE_NAME, MAX_CUSTOM_EVENT_BYTES, type PublishCustomEventInput } from "./custom-event-type.schema";
import { dataCheckFor } from "./event-schema";

const unprocessable = (field: string, message: string) => new AppError("UNPROCESSABLE", `${field}: ${message}`, { fieldErrors: { [field]: [message] } });

/**
 * Publishes an event of a custom type the dataspace registered, after checking `data` against the
 * type's JSON Schema (422 naming each failing field by JSON pointer). It goes through the outbox
 * like every event, so webhooks subscribed to `custom.*`, a part of it or the type itself get it,
 * and so does any runtime function triggered by it. Members publish; the actor is recorded.
 */
export async function publishCustomEvent(ctx: TenantContext, input: PublishCustomEventInput): Promise<StoredEvent> {
  requireRole(ctx.actor, "MEMBER");
  if (!CUSTOM_EVENT_TYPE_NAME.test(input.type)) {
    throw unprocessable("type", `"${input.type}" is not a custom event type: those are named custom.<name> and registered first; built-in types are published by Switchboard itself`);
  }
  const size = Buffer.byteLength(JSON.stringify(input.data));
  if (size > MAX_CUSTOM_EVENT_BYTES) throw unprocessable("data", `At most ${MAX_CUSTOM_EVENT_BYTES / 1024} KB as JSON (this is ${Math.ceil(size / 1024)} KB)`);

  return transactionWithEvents(ctx.db, async (tx) => {
    const type = await tx.customEventType.findFirst({ where: { name: input.type }, select: { id: true, name: true, schema: true, updatedAt: true } });
    if (!type) throw unprocessable("type", `${input.type} is not registered in this dataspace; register it (with its JSON Schema) first`);
    const { id } = await publishEvent(tx, ctx.dataspace.id, { name: type.name, check: dataCheckFor(type) }, input.data, { actorId: ctx.actor.userId });
    return tx.event.findUniqueOrThrow({ where: { id }, select: { id: true, seq: true, type: true, data: true, actorId: true, createdAt: true } });
  });
}

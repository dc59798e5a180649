import type { Prisma } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/dataspaces/tenant-context";

/**
 * Puts deliveries back in the dispatcher's queue: each gets a new dispatch number (so a run of
 * an older dispatch stops without sending) and is handed to the runtime by the outbox relay.
 * Manual retry, bulk replay, the end of a pause and re-enabling an endpoint all come through here.
 * It may run inside a transaction, so waking the relay is the caller's, after commit.
 */
export async function requeueDeliveries(
  tdb: TenantDb,
  where: Prisma.WebhookDeliveryWhereInput,
  extra: { replayId?: string; at?: Date } = {},
): Promise<number> {
  const { count } = await tdb.webhookDelivery.updateMany({
    where,
    data: {
      status: "PENDING",
      dispatch: { increment: 1 },
      queuedAt: extra.at ?? new Date(),
      nextAttemptAt: null,
      completedAt: null,
      ...(extra.replayId ? { replayId: extra.replayId } : {}),
    },
  });
  return count;
}

/** Held deliveries of an endpoint, oldest first, back to the queue. */
export function releaseHeldDeliveries(tdb: TenantDb, endpointId: string): Promise<number> {
  return requeueDeliveries(tdb, { endpointId, status: "HELD" });
}

/**
 * Deliveries of an endpoint that is paused, disabled or off, put with its held ones (a replay
 * started meanwhile): a new dispatch, so any run of an older one stops, and released with the rest.
 */
export async function holdDeliveries(tdb: TenantDb, where: Prisma.WebhookDeliveryWhereInput, replayId: string): Promise<number> {
  const { count } = await tdb.webhookDelivery.updateMany({
    where,
    data: { status: "HELD", dispatch: { increment: 1 }, queuedAt: null, nextAttemptAt: null, completedAt: null, replayId },
  });
  return count;
}

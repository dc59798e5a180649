import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { scopedDb } from "@/server/db/scoped";
import { signalOutbox } from "@/server/events/outbox-signal";
import { endEndpointPause } from "./endpoint-health";
import { deliveryRow } from "./fan-out";
import { deliverySummary } from "./read-deliveries";
import { releaseHeldDeliveries, requeueDeliveries } from "./release-deliveries";

/** Sends one finished delivery again (same body, same webhook-id), as a fresh series of attempts. */
export async function retryWebhookDelivery(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const delivery = await ctx.db.webhookDelivery.findFirst({ where: { id }, select: { id: true, status: true, body: true } });
  if (!delivery) throw notFound("Delivery");
  if (delivery.status === "PENDING") throw new AppError("CONFLICT", "This delivery is still being attempted; retry it once it has finished");
  await requeueDeliveries(ctx.db, { id, status: delivery.status }, {});
  // Read back before waking the relay: the answer shows it queued again, not half-sent.
  const requeued = await ctx.db.webhookDelivery.findFirstOrThrow({ where: { id }, select: deliverySummary });
  signalOutbox();
  return requeued;
}

/**
 * Replays every failed delivery of an endpoint created since `since`, as one tracked replay:
 * progress is how many of them have finished since.
 */
export async function replayFailedDeliveries(ctx: TenantContext, input: { endpointId: string; since: Date }) {
  requireRole(ctx.actor, "ADMIN");
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: input.endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook");
  const where = { endpointId: endpoint.id, status: "FAILED" as const, createdAt: { gte: input.since } };
  const replay = await ctx.db.$transaction(async (tx) => {
    const total = await tx.webhookDelivery.count({ where });
    if (total === 0) return null;
    const created = await tx.webhookReplay.create({
      data: { dataspaceId: ctx.dataspace.id, endpointId: endpoint.id, since: input.since, total, createdById: ctx.actor.userId },
    });
    await requeueDeliveries(tx, where, { replayId: created.id });
    return created;
  });
  if (!replay) {
    const message = "No failed deliveries to replay since that time";
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { since: [message] } });
  }
  signalOutbox();
  return getReplayProgress(ctx, replay.id);
}

export async function getReplayProgress(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const replay = await ctx.db.webhookReplay.findFirst({ where: { id } });
  if (!replay) throw notFound("Replay");
  const counts = await ctx.db.webhookDelivery.groupBy({ by: ["status"], where: { replayId: id }, _count: { _all: true } });
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const succeeded = count("SUCCEEDED");
  const failed = count("FAILED");
  return { id: replay.id, endpointId: replay.endpointId, since: replay.since, createdAt: replay.createdAt, total: replay.total, succeeded, failed, done: succeeded + failed };
}

/** The latest replay of an endpoint, for the progress bar after a reload. */
export async function latestReplay(ctx: TenantContext, endpointId: string) {
  requireRole(ctx.actor, "ADMIN");
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook");
  const replay = await ctx.db.webhookReplay.findFirst({ where: { endpointId }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return replay ? getReplayProgress(ctx, replay.id) : null;
}

/** "Send test event": a `webhook.test` delivery to this endpoint only, through the normal path. */
export async function sendTestWebhook(ctx: TenantContext, endpointId: string) {
  requireRole(ctx.actor, "ADMIN");
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: endpointId } });
  if (!endpoint) throw notFound("Webhook");
  const now = new Date();
  const event = {
    id: crypto.randomUUID(),
    type: "webhook.test",
    dataspaceId: ctx.dataspace.id,
    createdAt: now,
    data: { message: "This is a test event from Switchboard", dataspace: ctx.dataspace.name, sent_by: ctx.actor.userId, sent_at: now.toISOString() },
  };
  const row = deliveryRow(endpoint, event, { isTest: true });
  const delivery = await ctx.db.webhookDelivery.create({ data: { ...row, dataspaceId: ctx.dataspace.id }, select: deliverySummary });
  signalOutbox();
  return delivery;
}

/** Called by the runtime when a pause ends: the endpoint resumes and its held deliveries go out. */
export async function resumePausedEndpoint(input: { dataspaceId: string; endpointId: string }, now = new Date()) {
  const tdb = scopedDb(input.dataspaceId);
  const resumed = await tdb.$transaction((tx) => endEndpointPause(tx, input.endpointId, now));
  const released = resumed ? await releaseHeldDeliveries(tdb, input.endpointId) : 0;
  if (released) signalOutbox();
  return { resumed, released };
}

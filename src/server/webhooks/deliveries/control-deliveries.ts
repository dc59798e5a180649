import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { scopedDb } from "@/server/db/scoped";
import { signalOutbox } from "@/server/events/outbox-signal";
import { endEndpointPause } from "./endpoint-health";
import { deliveryRow } from "./fan-out";
import { deliverySummary } from "./read-deliveries";
import { holdDeliveries, releaseHeldDeliveries, requeueDeliveries } from "./release-deliveries";

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
 * progress is how many of them have finished since. Replayed while the endpoint is paused,
 * disabled or switched off, they are held with the rest and go out when it is back; the
 * progress says what it waits for.
 */
export async function replayFailedDeliveries(ctx: TenantContext, input: { endpointId: string; since: Date }) {
  requireRole(ctx.actor, "ADMIN");
  const replay = await ctx.db.$transaction(async (tx) => {
    // The endpoint row locked: a resume or a switch-on waits for this commit, then releases what is held here.
    await tx.$executeRaw`SELECT 1 FROM "WebhookEndpoint" WHERE id = ${input.endpointId}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: input.endpointId }, select: { id: true, isActive: true, state: true } });
    if (!endpoint) throw notFound("Webhook");
    const where = { endpointId: endpoint.id, status: "FAILED" as const, createdAt: { gte: input.since } };
    const stopped = !endpoint.isActive || endpoint.state !== "ACTIVE";
    const total = await tx.webhookDelivery.count({ where });
    if (total === 0) return null;
    const created = await tx.webhookReplay.create({
      data: { dataspaceId: ctx.dataspace.id, endpointId: endpoint.id, since: input.since, total, createdById: ctx.actor.userId },
    });
    if (stopped) await holdDeliveries(tx, where, created.id);
    else await requeueDeliveries(tx, where, { replayId: created.id });
    return created;
  });
  if (!replay) {
    const message = "No failed deliveries to replay since that time";
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { since: [message] } });
  }
  signalOutbox();
  return getReplayProgress(ctx, replay.id);
}

/** What a replay (or anything held) waits for before its deliveries go out; null when nothing stops it. */
export type ReplayWait = { reason: "paused"; until: Date | null } | { reason: "disabled" | "switched_off"; until: null };

function waitOf(endpoint: { isActive: boolean; state: string; pausedUntil: Date | null }): ReplayWait | null {
  if (!endpoint.isActive) return { reason: "switched_off", until: null };
  if (endpoint.state === "PAUSED") return { reason: "paused", until: endpoint.pausedUntil };
  if (endpoint.state === "DISABLED") return { reason: "disabled", until: null };
  return null;
}

export async function getReplayProgress(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const replay = await ctx.db.webhookReplay.findFirst({ where: { id }, include: { endpoint: { select: { isActive: true, state: true, pausedUntil: true } } } });
  if (!replay) throw notFound("Replay");
  const counts = await ctx.db.webhookDelivery.groupBy({ by: ["status"], where: { replayId: id }, _count: { _all: true } });
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const succeeded = count("SUCCEEDED");
  const failed = count("FAILED");
  const held = count("HELD");
  const done = succeeded + failed;
  // Waiting only while something of it is still to go and the endpoint holds it back.
  const waiting = done < replay.total ? waitOf(replay.endpoint) : null;
  return { id: replay.id, endpointId: replay.endpointId, since: replay.since, createdAt: replay.createdAt, total: replay.total, succeeded, failed, held, done, waiting };
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

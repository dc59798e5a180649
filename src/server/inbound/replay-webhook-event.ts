import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { signalOutbox } from "@/server/events/outbox-signal";
import { AppError, notFound } from "@/server/errors";
import { appendEventLog } from "./event-log";
import { webhookEventSummary } from "./read-webhook-events";

/**
 * Processes a stored inbound event again, whatever became of it (PROCESSED publishes its domain
 * event again; FAILED gets a fresh set of retries): back to RECEIVED under a new dispatch, so a
 * run of the old one still in flight stops, and queued for the dispatcher. Not while it is being
 * processed. Admins only.
 */
export async function replayWebhookEvent(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.webhookEvent.findFirst({ where: { id }, select: { id: true, status: true, dispatch: true, log: true } });
  if (!row) throw notFound("Inbound event");
  if (row.status === "PROCESSING") throw new AppError("CONFLICT", "This event is being processed; replay it once it is processed or failed");
  const actor = await ctx.db.user.findFirst({ where: { id: ctx.actor.userId }, select: { name: true, email: true } });
  const now = new Date();
  const { count } = await ctx.db.webhookEvent.updateMany({
    // Guarded by what was read: a concurrent replay or a run finishing in between wins, this one retries nothing.
    where: { id: row.id, status: row.status, dispatch: row.dispatch },
    data: {
      status: "RECEIVED",
      dispatch: { increment: 1 },
      queuedAt: now,
      error: null,
      processedAt: null,
      domainEventType: null,
      log: appendEventLog(row.log, `Replayed by ${actor?.name ?? actor?.email ?? "a former member"}`, now),
    },
  });
  if (count === 0) throw new AppError("CONFLICT", "This event changed while you replayed it; reload and try again");
  signalOutbox();
  return ctx.db.webhookEvent.findFirstOrThrow({ where: { id: row.id }, select: webhookEventSummary });
}

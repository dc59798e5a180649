import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError, notFound } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { ResolveAlertInput } from "./alert.schema";
import { findAlert } from "./get-alert";
import { alertInclude, alertView, serializeAlert, type AlertView } from "./serialize-alert";

/** Takes the alert's row lock, so concurrent changes of one alert take turns and each sees the last. */
async function lockAlert(tx: ScopedTx, ctx: TenantContext, id: string) {
  await tx.$executeRaw`SELECT 1 FROM "Alert" WHERE id = ${id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
  return findAlert(ctx, id, tx);
}

/**
 * Someone is on it: triggered → acknowledged, with who and when; publishes `alert.acknowledged`.
 * Acknowledging an acknowledged alert changes nothing; a resolved one is a conflict.
 */
export async function acknowledgeAlert(ctx: TenantContext, input: { id: string }): Promise<AlertView> {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const before = await lockAlert(tx, ctx, input.id);
    if (before.status === "resolved") throw new AppError("CONFLICT", "This alert is resolved: there is nothing to acknowledge");
    if (before.status === "acknowledged") return alertView(before, ctx);
    const after = await tx.alert.update({
      where: { id: before.id },
      data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedById: ctx.actor.userId },
      include: alertInclude,
    });
    await publishEvent(tx, ctx.dataspace.id, "alert.acknowledged", serializeAlert(alertView(after, "everything"), ctx.dataspace), { actorId: ctx.actor.userId });
    return alertView(after, ctx);
  });
}

/**
 * The alert is over: → resolved, and its fingerprint is free (the next raise of it is a new
 * alert); publishes `alert.resolved`. By id, or by fingerprint (the open alert of it: what a
 * monitor's recovery names). Resolving a resolved alert changes nothing.
 */
export async function resolveAlert(ctx: TenantContext, input: ResolveAlertInput): Promise<AlertView> {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    let id: string;
    if ("id" in input) id = input.id;
    else {
      const open = await tx.alert.findFirst({ where: { openFingerprint: input.fingerprint }, select: { id: true } });
      if (!open) throw notFound(`Open alert with this fingerprint`);
      id = open.id;
    }
    const before = await lockAlert(tx, ctx, id);
    // Resolved meanwhile by someone else: by fingerprint, that alert is no longer the open one.
    if (before.status === "resolved") {
      if (!("id" in input)) throw notFound("Open alert with this fingerprint");
      return alertView(before, ctx);
    }
    const at = new Date();
    const after = await tx.alert.update({
      where: { id: before.id },
      data: { status: "resolved", resolvedAt: at, openFingerprint: null },
      include: alertInclude,
    });
    await publishEvent(tx, ctx.dataspace.id, "alert.resolved", serializeAlert(alertView(after, "everything"), ctx.dataspace), { actorId: ctx.actor.userId });
    return alertView(after, ctx);
  });
}

import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { lockMaintenance } from "./get-maintenance";
import type { endMaintenanceInput } from "./maintenance.schema";
import { finishWindow } from "./window-transitions";

/**
 * Completes a window in progress now, ahead of its scheduled end (by hand): its services go back
 * to what their open incidents give them, or operational; publishes `maintenance.completed`. The
 * run waiting for the scheduled end then finds it completed and does nothing.
 */
export async function completeMaintenanceNow(ctx: TenantContext, input: z.output<typeof endMaintenanceInput>) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const window = await lockMaintenance(tx, ctx.dataspace.id, input.id);
    if (!window) throw notFound("Maintenance window");
    if (window.status === "scheduled") throw new AppError("CONFLICT", "This maintenance window has not started yet; cancel it instead");
    if (window.status === "completed") throw new AppError("CONFLICT", "This maintenance window is already completed");
    return finishWindow(tx, ctx.dataspace, window, new Date(), { message: input.message ?? "Maintenance completed ahead of schedule", actorId: ctx.actor.userId });
  });
}

/**
 * Cancels a window that has not started. It is kept, with its timeline, as completed without
 * ever having started (`started_date` null), and publishes `maintenance.completed` with
 * `cancelled: true`: no status of its own, so every reader of the lifecycle (webhooks, a status
 * page) sees it end the one way windows end. The run waiting for its start does nothing.
 */
export async function cancelMaintenance(ctx: TenantContext, input: z.output<typeof endMaintenanceInput>) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const window = await lockMaintenance(tx, ctx.dataspace.id, input.id);
    if (!window) throw notFound("Maintenance window");
    if (window.status === "in_progress") throw new AppError("CONFLICT", "This maintenance window has already started; complete it instead");
    if (window.status === "completed") throw new AppError("CONFLICT", "This maintenance window is already completed");
    return finishWindow(tx, ctx.dataspace, window, new Date(), { message: input.message ?? "Maintenance cancelled", actorId: ctx.actor.userId });
  });
}

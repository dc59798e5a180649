import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getService } from "./get-service";
import type { setServiceStatusInput } from "./service.schema";
import { setServiceStatus } from "./service-status";

/**
 * Sets a service's status by hand (members and up): `service.status_changed` with cause
 * `manual`, once, and nothing when the status is already that. An open incident or a window in
 * progress moves it again at their next change (docs/operations.md, "Services").
 */
export async function changeServiceStatus(ctx: TenantContext, input: z.output<typeof setServiceStatusInput>) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const service = await getService(ctx, input.id, tx);
    const changed = await setServiceStatus(tx, ctx.dataspace, service.id, input.status, { type: "manual", uuid: null }, ctx.actor.userId);
    return changed ? getService(ctx, service.id, tx) : service;
  });
}

import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { visibleRequestsWhere } from "@/server/records/requests/visibility";
import type { LinkAlertInput } from "./alert.schema";
import { findAlert } from "./get-alert";
import { alertInclude, alertView, type AlertView, type AlertWithRelations } from "./serialize-alert";

export type LinkAlertOptions = {
  /** Sees the alert as it is before the change, inside the change's transaction with the row locked (the REST API's If-Match). */
  precondition?: (current: AlertWithRelations) => void;
};

/**
 * Links an alert to an incident and/or a request of its dataspace (null unlinks). A request must
 * be one the actor may see (a private request of someone else's is "not found", as everywhere).
 */
export async function linkAlert(ctx: TenantContext, input: LinkAlertInput, options: LinkAlertOptions = {}): Promise<AlertView> {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Alert" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const before = await findAlert(ctx, input.id, tx);
    options.precondition?.(before);
    if (input.incidentId) {
      const incident = await tx.incident.findFirst({ where: { id: input.incidentId }, select: { id: true } });
      if (!incident) throw badRequest("Some fields are invalid", { incidentId: ["There is no such incident in this dataspace"] });
    }
    if (input.requestId) {
      const request = await tx.request.findFirst({ where: { id: input.requestId, ...visibleRequestsWhere(ctx) }, select: { id: true } });
      if (!request) throw badRequest("Some fields are invalid", { requestId: ["There is no such request in this dataspace"] });
    }
    const after = await tx.alert.update({
      where: { id: before.id },
      data: {
        ...(input.incidentId !== undefined ? { incidentId: input.incidentId } : {}),
        ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
      },
      include: alertInclude,
    });
    return alertView(after, ctx);
  });
}

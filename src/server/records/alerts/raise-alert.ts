import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { raiseAlertInput } from "./alert.schema";
import { alertLinks } from "./alert-links";
import { defaultFingerprint, upsertOpenAlerts } from "./alert-store";
import { findAlert } from "./get-alert";
import { alertView, serializeAlert, type AlertView } from "./serialize-alert";

export type RaisedAlert = { alert: AlertView; created: boolean };

/**
 * Raises an alert from the API (source `api`). If an alert with the same fingerprint is open
 * (triggered or acknowledged), the raise counts on it — count + 1, last seen, the payload, the
 * worse severity — instead of making a new one; `created` says which. Concurrent raises of one
 * fingerprint make one alert (the unique index on the open fingerprint decides, in the
 * database). Publishes `alert.triggered` for a new alert only, not for repeats.
 */
export async function raiseAlert(ctx: TenantContext, input: z.output<typeof raiseAlertInput>): Promise<RaisedAlert> {
  requireRole(ctx.actor, "MEMBER");
  if (input.serviceId) {
    const service = await ctx.db.service.findFirst({ where: { id: input.serviceId }, select: { id: true } });
    if (!service) throw badRequest("Some fields are invalid", { serviceId: ["There is no such service in this dataspace"] });
  }
  const source = "api";
  const fingerprint = input.fingerprint ?? defaultFingerprint(source, input.title);
  // Raises of one fingerprint take turns on its row: under a burst, a raise may wait for a
  // connection longer than Prisma's default 2 s while the ones ahead of it commit.
  return transactionWithEvents(
    ctx.db,
    async (tx) => {
      const at = new Date();
      const raised = await upsertOpenAlerts(
        tx,
        ctx.dataspace.id,
        [{ source, sourceIntegrationId: null, title: input.title, description: input.description, severity: input.severity, fingerprint, serviceId: input.serviceId, payload: input.payload, links: alertLinks(input.links), firstAt: at, lastAt: at, repeats: 1 }],
        at,
      );
      const { row, created } = raised.get(fingerprint)!;
      const alert = await findAlert(ctx, row.id, tx);
      if (created) {
        await publishEvent(tx, ctx.dataspace.id, "alert.triggered", serializeAlert(alertView(alert, "everything"), ctx.dataspace), { actorId: ctx.actor.userId });
      }
      return { alert: alertView(alert, ctx), created };
    },
    { maxWait: 15_000 },
  );
}

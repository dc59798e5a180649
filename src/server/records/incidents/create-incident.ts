import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { recomputeServiceStatuses } from "../services/service-status";
import { assertAlertsOfDataspace, assertLinkableRequest, assertServicesOfDataspace } from "./affected-services";
import type { createIncidentInput } from "./incident.schema";
import { getIncident } from "./get-incident";
import { serializeIncident, type IncidentWithRelations } from "./serialize-incident";

/** How far ahead of this server's clock a start time may be (another machine's clock). */
const CLOCK_SKEW_MS = 60_000;

/**
 * Declares an incident: its first timeline entry (the message, with the initial status), its
 * affected services with their impact, an optional link to a request and to alerts. Publishes
 * `incident.created`, then moves the services to the status the incident gives them
 * (`service.status_changed` for each that moved), all in one transaction.
 *
 * Input: `createIncidentInput.parse({ title, severity?, status?, message, services?, requestId?,
 * startedAt?, alertIds? })` — the alerts part's "Create incident from alert" passes `alertIds`.
 */
export async function createIncident(ctx: TenantContext, input: z.output<typeof createIncidentInput>): Promise<IncidentWithRelations> {
  requireRole(ctx.actor, "MEMBER");
  const now = new Date();
  if (input.startedAt && input.startedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badRequest("Some fields are invalid", { startedAt: ["An incident cannot start in the future"] });
  }
  return transactionWithEvents(ctx.db, async (tx) => {
    await assertLinkableRequest(ctx, tx, input.requestId);
    await assertServicesOfDataspace(tx, input.services);
    await assertAlertsOfDataspace(tx, input.alertIds);
    const dataspaceId = ctx.dataspace.id;
    const created = await tx.incident.create({
      data: {
        dataspaceId,
        title: input.title,
        severity: input.severity,
        status: input.status,
        startedAt: input.startedAt && input.startedAt < now ? input.startedAt : now,
        requestId: input.requestId,
        createdById: ctx.actor.userId,
      },
      select: { id: true },
    });
    await tx.incidentUpdate.create({
      data: { dataspaceId, incidentId: created.id, message: input.message, status: input.status, authorId: ctx.actor.userId },
    });
    if (input.services.length > 0) {
      await tx.incidentService.createMany({
        data: input.services.map((s) => ({ dataspaceId, incidentId: created.id, serviceId: s.serviceId, impact: s.impact })),
      });
    }
    if (input.alertIds.length > 0) {
      await tx.alert.updateMany({ where: { id: { in: input.alertIds } }, data: { incidentId: created.id } });
    }
    const incident = await getIncident(ctx, created.id, tx);
    await publishEvent(tx, dataspaceId, "incident.created", serializeIncident(incident, ctx.dataspace), { actorId: ctx.actor.userId });
    await recomputeServiceStatuses(
      tx,
      ctx.dataspace,
      input.services.map((s) => s.serviceId),
      { type: "incident", uuid: incident.id },
      ctx.actor.userId,
    );
    return incident;
  });
}

import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { recomputeServiceStatuses } from "../services/service-status";
import { assertServicesOfDataspace, lockIncident } from "./affected-services";
import { getIncident } from "./get-incident";
import type { updateIncidentInput } from "./incident.schema";
import { incidentChanges, serializeIncident, type IncidentWithRelations } from "./serialize-incident";

export type UpdateIncidentOptions = {
  /**
   * Sees the incident as it is before the change, inside the change's transaction with the row
   * locked, and throws to refuse it: the REST API's `If-Match`.
   */
  precondition?: (current: IncidentWithRelations) => void;
};

/**
 * Edits an incident's title, severity and affected services (`services` is the whole new set:
 * services left out stop being affected, new ones are added, an impact can change). Its status
 * moves only through timeline updates (`addIncidentUpdate`). Publishes `incident.updated` with
 * what changed, and when the services changed moves every service it held or holds to the
 * status its open incidents and maintenances give it.
 */
export async function updateIncident(
  ctx: TenantContext,
  input: z.output<typeof updateIncidentInput>,
  options: UpdateIncidentOptions = {},
): Promise<IncidentWithRelations> {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    await lockIncident(tx, ctx.dataspace.id, input.id);
    const before = await getIncident(ctx, input.id, tx);
    options.precondition?.(before);
    const { title, severity, services } = input.patch;
    if (services) await assertServicesOfDataspace(tx, services);

    const impactBefore = new Map(before.services.map((s) => [s.service.id, s.impact]));
    const impactAfter = new Map(services?.map((s) => [s.serviceId, s.impact]) ?? impactBefore);
    const removed = [...impactBefore.keys()].filter((id) => !impactAfter.has(id));
    const added = [...impactAfter].filter(([id]) => !impactBefore.has(id));
    const changed = [...impactAfter].filter(([id, impact]) => impactBefore.has(id) && impactBefore.get(id) !== impact);
    const servicesChanged = removed.length + added.length + changed.length > 0;
    const fieldsChanged = (title !== undefined && title !== before.title) || (severity !== undefined && severity !== before.severity);
    if (!servicesChanged && !fieldsChanged) return before;

    if (removed.length > 0) await tx.incidentService.deleteMany({ where: { incidentId: before.id, serviceId: { in: removed } } });
    if (added.length > 0) {
      await tx.incidentService.createMany({
        data: added.map(([serviceId, impact]) => ({ dataspaceId: ctx.dataspace.id, incidentId: before.id, serviceId, impact })),
      });
    }
    for (const [serviceId, impact] of changed) {
      await tx.incidentService.updateMany({ where: { incidentId: before.id, serviceId }, data: { impact } });
    }
    // Touches updatedAt even when only the services changed.
    await tx.incident.update({ where: { id: before.id }, data: { title, severity, updatedAt: new Date() } });

    const after = await getIncident(ctx, before.id, tx);
    const current = serializeIncident(after, ctx.dataspace);
    const changes = incidentChanges(serializeIncident(before, ctx.dataspace), current);
    await publishEvent(tx, ctx.dataspace.id, "incident.updated", { ...current, changes, update: null }, { actorId: ctx.actor.userId });
    if (servicesChanged) {
      await recomputeServiceStatuses(
        tx,
        ctx.dataspace,
        [...impactBefore.keys(), ...impactAfter.keys()],
        { type: "incident", uuid: before.id },
        ctx.actor.userId,
      );
    }
    return after;
  });
}

import type { z } from "zod";
import type { ScopedTx } from "@/server/db/scoped";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { recomputeServiceStatuses } from "../services/service-status";
import { lockIncident } from "./affected-services";
import { getIncident } from "./get-incident";
import { MAX_INCIDENT_UPDATES, type addIncidentUpdateInput, type resolveIncidentInput } from "./incident.schema";
import { incidentChanges, serializeIncident, serializeIncidentUpdate, type IncidentWithRelations } from "./serialize-incident";

/**
 * Posts an update to an incident's timeline: a message and the status it sets.
 * - Moving to `resolved` sets `resolvedAt` and publishes `incident.resolved`; the incident's
 *   services return to operational unless another open incident (or a maintenance in progress)
 *   still holds them.
 * - Any other status on a resolved incident **reopens** it: `resolvedAt` is cleared, the
 *   services take the incident's impact again, and `incident.updated` says so
 *   (`changes.status`, `changes.resolved_date`).
 * - Otherwise `incident.updated`, with `changes.status` when the status moved (a message that
 *   keeps the status publishes an empty `changes` and the new entry in `update`).
 * An update to an already resolved incident with `resolved` again is a note after the fact; it
 * keeps the original resolution time.
 */
export async function addIncidentUpdate(ctx: TenantContext, input: z.output<typeof addIncidentUpdateInput>): Promise<IncidentWithRelations> {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    await lockIncident(tx, ctx.dataspace.id, input.incidentId);
    const before = await getIncident(ctx, input.incidentId, tx);
    return postUpdate(ctx, tx, before, input.message, input.status);
  });
}

/** Resolves an open incident (an update with status `resolved`); refuses one already resolved, so a second click changes nothing. */
export async function resolveIncident(ctx: TenantContext, input: z.output<typeof resolveIncidentInput>): Promise<IncidentWithRelations> {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    await lockIncident(tx, ctx.dataspace.id, input.id);
    const before = await getIncident(ctx, input.id, tx);
    if (before.status === "resolved") throw new AppError("CONFLICT", "This incident is already resolved");
    return postUpdate(ctx, tx, before, input.message, "resolved");
  });
}

async function postUpdate(
  ctx: TenantContext,
  tx: ScopedTx,
  before: IncidentWithRelations,
  message: string,
  status: IncidentWithRelations["status"],
): Promise<IncidentWithRelations> {
  if (before.updates.length >= MAX_INCIDENT_UPDATES) {
    throw new AppError("CONFLICT", `This incident's timeline is full (${MAX_INCIDENT_UPDATES} updates): declare a follow-up incident`);
  }
  const update = await tx.incidentUpdate.create({
    data: { dataspaceId: ctx.dataspace.id, incidentId: before.id, message, status, authorId: ctx.actor.userId },
    select: { id: true },
  });
  const wasResolved = before.status === "resolved";
  const resolvedAt = status === "resolved" ? (wasResolved ? before.resolvedAt : new Date()) : null;
  await tx.incident.update({ where: { id: before.id }, data: { status, resolvedAt } });

  const after = await getIncident(ctx, before.id, tx);
  const current = serializeIncident(after, ctx.dataspace);
  const changes = incidentChanges(serializeIncident(before, ctx.dataspace), current);
  const posted = after.updates.find((u) => u.id === update.id);
  const type = status === "resolved" && !wasResolved ? "incident.resolved" : "incident.updated";
  await publishEvent(tx, ctx.dataspace.id, type, { ...current, changes, update: posted ? serializeIncidentUpdate(posted) : null }, {
    actorId: ctx.actor.userId,
  });
  if (wasResolved !== (status === "resolved")) {
    await recomputeServiceStatuses(
      tx,
      ctx.dataspace,
      after.services.map((s) => s.service.id),
      { type: "incident", uuid: before.id },
      ctx.actor.userId,
    );
  }
  return after;
}

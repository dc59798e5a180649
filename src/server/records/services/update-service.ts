import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getService } from "./get-service";
import type { updateServiceInput } from "./service.schema";
import { assertNameFree, assertOwnerIsMember, normalizeGroup, rethrowNameTaken } from "./service-rules";
import { setServiceStatus } from "./service-status";
import { serializeService, serviceInclude, type ServiceWithRelations } from "./serialize-service";

export type UpdateServiceOptions = {
  /**
   * Sees the service as it is before the change, inside the change's transaction with the row
   * locked, and throws to refuse it: the REST API's `If-Match`.
   */
  precondition?: (current: ServiceWithRelations) => void;
};

/**
 * Edits a service's name, description, group and owner (members and up); emits `service.updated`
 * with what changed. A `status` in the patch is a status set by hand: it goes through
 * `setServiceStatus` and emits `service.status_changed` (after `service.updated`, when both
 * changed), never a `changes.status`.
 */
export async function updateService(ctx: TenantContext, input: z.output<typeof updateServiceInput>, options: UpdateServiceOptions = {}) {
  requireRole(ctx.actor, "MEMBER");
  const { status, ...fields } = input.patch;
  try {
    return await transactionWithEvents(ctx.db, async (tx) => {
      // Concurrent edits of one service take turns, so each sees (and diffs against) the last one.
      // Raw SQL passes the scoped client untouched, so it names the dataspace itself.
      await tx.$executeRaw`SELECT 1 FROM "Service" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
      const before = await getService(ctx, input.id, tx);
      options.precondition?.(before);
      if (fields.ownerId !== undefined) await assertOwnerIsMember(tx, fields.ownerId);
      if (fields.name !== undefined && fields.name !== before.name) await assertNameFree(tx, ctx, fields.name, before.id);

      let after = before;
      const data = { ...fields, ...(fields.group !== undefined ? { group: normalizeGroup(fields.group) } : {}) };
      if (Object.keys(data).length > 0) {
        after = await tx.service.update({ where: { id: before.id }, data, include: serviceInclude });
        const previous = serializeService(before, ctx.dataspace);
        const current = serializeService(after, ctx.dataspace);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const key of Object.keys(current) as (keyof typeof current)[]) {
          if (key === "last_modified_date") continue;
          if (JSON.stringify(previous[key]) !== JSON.stringify(current[key])) changes[key] = { from: previous[key], to: current[key] };
        }
        if (Object.keys(changes).length > 0) {
          await publishEvent(tx, ctx.dataspace.id, "service.updated", { ...current, changes }, { actorId: ctx.actor.userId });
        }
      }
      if (status !== undefined && (await setServiceStatus(tx, ctx.dataspace, before.id, status, { type: "manual", uuid: null }, ctx.actor.userId))) {
        after = await getService(ctx, before.id, tx);
      }
      return after;
    });
  } catch (error) {
    rethrowNameTaken(error, fields.name ?? "");
  }
}

import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { createServiceInput } from "./service.schema";
import { assertNameFree, assertOwnerIsMember, normalizeGroup, rethrowNameTaken } from "./service-rules";
import { serializeService, serviceInclude } from "./serialize-service";

/** Creates a service (members and up); emits `service.created`. Its initial status is set, not changed: no `service.status_changed`. */
export async function createService(ctx: TenantContext, input: z.output<typeof createServiceInput>) {
  requireRole(ctx.actor, "MEMBER");
  try {
    return await transactionWithEvents(ctx.db, async (tx) => {
      await assertOwnerIsMember(tx, input.ownerId);
      await assertNameFree(tx, ctx, input.name);
      const service = await tx.service.create({
        data: {
          dataspaceId: ctx.dataspace.id,
          name: input.name,
          description: input.description,
          group: normalizeGroup(input.group),
          status: input.status,
          ownerId: input.ownerId,
        },
        include: serviceInclude,
      });
      await publishEvent(tx, ctx.dataspace.id, "service.created", serializeService(service, ctx.dataspace), { actorId: ctx.actor.userId });
      return service;
    });
  } catch (error) {
    rethrowNameTaken(error, input.name);
  }
}

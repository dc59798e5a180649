import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getRequest } from "./get-request";
import type { updateRequestInput } from "./request.schema";
import { requestInclude, serializeRequest } from "./serialize-request";
import { assertAssignable } from "./visibility";

/** Edits a request (closing is `status: "closed"`); emits `request.updated` with what changed. */
export async function updateRequest(ctx: TenantContext, input: z.output<typeof updateRequestInput>) {
  requireRole(ctx.actor, "MEMBER");
  if (input.patch.assigneeId !== undefined) await assertAssignable(ctx, input.patch.assigneeId);
  return transactionWithEvents(ctx.db, async (tx) => {
    const before = await getRequest(ctx, input.id, tx);
    const after = await tx.request.update({
      where: { id: before.id },
      data: { ...input.patch, lastModifiedById: ctx.actor.userId },
      include: requestInclude,
    });
    const previous = serializeRequest(before, ctx.dataspace);
    const current = serializeRequest(after, ctx.dataspace);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(current) as (keyof typeof current)[]) {
      if (key === "last_modified_date" || key === "last_modified_by" || key === "comments") continue;
      if (JSON.stringify(previous[key]) !== JSON.stringify(current[key])) {
        changes[key] = { from: previous[key], to: current[key] };
      }
    }
    if (Object.keys(changes).length > 0) {
      await publishEvent(tx, ctx.dataspace.id, "request.updated", { ...current, changes }, { actorId: ctx.actor.userId });
    }
    return after;
  });
}

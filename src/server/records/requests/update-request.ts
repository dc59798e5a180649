import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { ScopedTx } from "@/server/db/scoped";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getRequest } from "./get-request";
import type { updateRequestInput } from "./request.schema";
import { requestInclude, serializeRequest, type RequestWithRelations } from "./serialize-request";
import { assertAssignable } from "./visibility";

export type UpdateRequestOptions = {
  /**
   * Sees the request as it is before the change, inside the change's transaction with the row
   * locked, and throws to refuse it: the REST API's `If-Match` (no other writer can slip in
   * between the check and the change).
   */
  precondition?: (current: RequestWithRelations) => void;
};

/** Edits a request (closing is `status: "closed"`); emits `request.updated` with what changed. */
export async function updateRequest(ctx: TenantContext, input: z.output<typeof updateRequestInput>, options: UpdateRequestOptions = {}) {
  requireRole(ctx.actor, "MEMBER");
  if (input.patch.assigneeId !== undefined) await assertAssignable(ctx, input.patch.assigneeId);
  return transactionWithEvents(ctx.db, async (tx) => {
    // Concurrent edits of one request take turns, so each sees (and diffs against) the last one.
    // Raw SQL passes the scoped client untouched, so it names the dataspace itself.
    await tx.$executeRaw`SELECT 1 FROM "Request" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const before = await getRequest(ctx, input.id, tx);
    options.precondition?.(before);
    return writeRequestUpdate(tx, ctx.dataspace, before, input.patch, ctx.actor.userId);
  });
}

/**
 * The write of an edit, inside the caller's transaction with the row locked: the update and its
 * `request.updated` event with what changed (none when nothing did). `actorId` null: a change
 * that came from elsewhere (a platform's issue, through issue sync).
 */
export async function writeRequestUpdate(
  tx: ScopedTx,
  dataspace: TenantContext["dataspace"],
  before: RequestWithRelations,
  patch: Prisma.RequestUncheckedUpdateInput,
  actorId: string | null,
): Promise<RequestWithRelations> {
  const after = await tx.request.update({
    where: { id: before.id },
    data: { ...patch, lastModifiedById: actorId },
    include: requestInclude,
  });
  const previous = serializeRequest(before, dataspace);
  const current = serializeRequest(after, dataspace);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(current) as (keyof typeof current)[]) {
    if (key === "last_modified_date" || key === "last_modified_by" || key === "comments") continue;
    if (JSON.stringify(previous[key]) !== JSON.stringify(current[key])) {
      changes[key] = { from: previous[key], to: current[key] };
    }
  }
  if (Object.keys(changes).length > 0) {
    await publishEvent(tx, dataspace.id, "request.updated", { ...current, changes }, { actorId });
  }
  return after;
}

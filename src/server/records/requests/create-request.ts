import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { createRequestInput } from "./request.schema";
import { requestInclude, serializeRequest } from "./serialize-request";
import { assertAssignable } from "./visibility";

export async function createRequest(ctx: TenantContext, input: z.output<typeof createRequestInput>) {
  requireRole(ctx.actor, "MEMBER");
  await assertAssignable(ctx, input.assigneeId);
  return transactionWithEvents(ctx.db, async (tx) => {
    const request = await tx.request.create({
      data: {
        dataspaceId: ctx.dataspace.id,
        title: input.title,
        status: input.status,
        priority: input.priority,
        assigneeId: input.assigneeId,
        requesterId: ctx.actor.userId,
        notes: input.notes,
        serializedData: input.serializedData,
        productContext: input.productContext,
        isPrivate: input.isPrivate,
        ccEmails: input.ccEmails,
        lastModifiedById: ctx.actor.userId,
      },
      include: requestInclude,
    });
    const payload = serializeRequest(request, ctx.dataspace);
    await publishEvent(tx, ctx.dataspace.id, "request.added", payload, { actorId: ctx.actor.userId });
    return request;
  });
}

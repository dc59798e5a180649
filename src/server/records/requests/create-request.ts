import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { ScopedTx } from "@/server/db/scoped";
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
  return transactionWithEvents(ctx.db, (tx) =>
    writeNewRequest(
      tx,
      ctx.dataspace,
      {
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
      },
      ctx.actor.userId,
    ),
  );
}

/**
 * The write of a new request inside the caller's transaction: the row and its `request.added`
 * event. `actorId` null: made by something other than a member (an issue on a platform).
 */
export async function writeNewRequest(
  tx: ScopedTx,
  dataspace: TenantContext["dataspace"],
  data: Omit<Prisma.RequestUncheckedCreateInput, "dataspaceId" | "lastModifiedById">,
  actorId: string | null,
) {
  const request = await tx.request.create({ data: { ...data, dataspaceId: dataspace.id, lastModifiedById: actorId }, include: requestInclude });
  await publishEvent(tx, dataspace.id, "request.added", serializeRequest(request, dataspace), { actorId });
  return request;
}

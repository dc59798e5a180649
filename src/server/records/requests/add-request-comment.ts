import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getRequest } from "./get-request";
import type { addCommentInput } from "./request.schema";
import { serializeComment, serializeRequest } from "./serialize-request";

/** Adds a comment and publishes `request_comment.added`; returns the comment with its request's id, title and status. */
export async function addRequestComment(ctx: TenantContext, input: z.output<typeof addCommentInput>) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const request = await getRequest(ctx, input.requestId, tx);
    const comment = await tx.requestComment.create({
      data: { dataspaceId: ctx.dataspace.id, requestId: request.id, userId: ctx.actor.userId, text: input.text },
      select: { id: true, text: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    });
    const payload = serializeComment(comment, serializeRequest(request, ctx.dataspace), ctx.dataspace);
    await publishEvent(tx, ctx.dataspace.id, "request_comment.added", payload, { actorId: ctx.actor.userId });
    return { ...comment, request: { id: request.id, title: request.title, status: request.status } };
  });
}

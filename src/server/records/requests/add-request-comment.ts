import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { getRequest } from "./get-request";
import type { addCommentInput } from "./request.schema";
import type { ScopedTx } from "@/server/db/scoped";
import { commentFields, serializeComment, serializeRequest, type RequestWithRelations } from "./serialize-request";

/** Adds a comment and publishes `request_comment.added`; returns the comment with its request's id, title and status. */
export async function addRequestComment(ctx: TenantContext, input: z.output<typeof addCommentInput>) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    const request = await getRequest(ctx, input.requestId, tx);
    const comment = await writeRequestComment(tx, ctx.dataspace, request, { userId: ctx.actor.userId, text: input.text });
    return { ...comment, request: { id: request.id, title: request.title, status: request.status } };
  });
}

/**
 * The write of a comment, inside the caller's transaction: the row and its `request_comment.added`
 * event. A comment written on a platform (issue sync) has no member author but its `source`.
 */
export async function writeRequestComment(
  tx: ScopedTx,
  dataspace: TenantContext["dataspace"],
  request: RequestWithRelations,
  data: { userId: string; text: string } | { userId: null; text: string; source: string; externalAuthor: string; externalUrl: string | null },
) {
  const comment = await tx.requestComment.create({ data: { dataspaceId: dataspace.id, requestId: request.id, ...data }, select: commentFields });
  const payload = serializeComment(comment, serializeRequest(request, dataspace), dataspace);
  await publishEvent(tx, dataspace.id, "request_comment.added", payload, { actorId: data.userId });
  return comment;
}

import type { z } from "zod";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest, notFound } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import { getRequest } from "./get-request";
import type { listCommentsInput } from "./request.schema";
import { commentFields, type RequestWithRelations } from "./serialize-request";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const commentSelect = commentFields;

export type RequestCommentRow = {
  id: string;
  text: string;
  createdAt: Date;
  editedAt: Date | null;
  source: string | null;
  externalAuthor: string | null;
  externalUrl: string | null;
  user: { id: string; email: string; name: string | null } | null;
};

/**
 * A request's comments, oldest first (the order of a conversation), keyset-paginated on
 * (createdAt, id), with the request they belong to. Only for a request the actor may see:
 * a private request's comments are as private as the request.
 */
export async function listRequestComments(
  ctx: TenantContext,
  input: z.output<typeof listCommentsInput>,
): Promise<Page<RequestCommentRow> & { request: RequestWithRelations }> {
  const request = await getRequest(ctx, input.requestId);
  let after: { createdAt: Date; id: string } | undefined;
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, "comments:createdAt", 2);
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !UUID.test(id)) throw badRequest("Invalid cursor");
    after = { createdAt, id };
  }
  const rows = await ctx.db.requestComment.findMany({
    where: {
      requestId: request.id,
      ...(after ? { createdAt: { gte: after.createdAt }, OR: [{ createdAt: { gt: after.createdAt } }, { id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: commentSelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    request,
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor("comments:createdAt", [last.createdAt.toISOString(), last.id]) : null,
  };
}

/** One comment of a request the actor may see, or NOT_FOUND. */
export async function getRequestComment(
  ctx: TenantContext,
  requestId: string,
  commentId: string,
): Promise<{ comment: RequestCommentRow; request: RequestWithRelations }> {
  const request = await getRequest(ctx, requestId);
  const comment = await ctx.db.requestComment.findFirst({ where: { id: commentId, requestId: request.id }, select: commentSelect });
  if (!comment) throw notFound("Comment");
  return { comment, request };
}

import type { ScopedTx } from "@/server/db/scoped";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { writeRequestComment } from "@/server/records/requests/add-request-comment";
import { lockedLinkedRequest, type PullContext } from "./pull";
import { markedCommentId, type PulledChange } from "./tracker";

const MAX_COMMENT = 10_000;

/**
 * A platform comment on a linked issue: created → a request comment (its author and platform
 * shown, no member), edited → its text, deleted → removed. The sync's own comments (a marker in
 * their body) and comments already taken in (redeliveries) change nothing; a member's comment
 * copied there is never overwritten from the platform.
 */
export async function applyPulledComment(tx: ScopedTx, ctx: PullContext, change: Extract<PulledChange, { kind: "comment" }>): Promise<string> {
  const found = await lockedLinkedRequest(tx, ctx, change.issueId);
  if (!found) return `a comment on issue ${change.issueId}, which is not linked to a request`;
  const { link, request } = found;
  const ownCopyOf = markedCommentId(change.comment.body);
  const known = await tx.issueCommentLink.findFirst({
    where: { linkId: link.id, externalCommentId: change.comment.id },
    select: { commentId: true, comment: { select: { source: true } } },
  });

  if (change.action === "created") {
    if (known) return `comment ${change.comment.id} is already on the request`;
    if (ownCopyOf) {
      const comment = await tx.requestComment.findFirst({ where: { id: ownCopyOf, requestId: request.id }, select: { id: true } });
      if (comment) {
        await tx.issueCommentLink.upsert({
          where: { linkId_commentId: { linkId: link.id, commentId: comment.id } },
          create: { dataspaceId: ctx.dataspace.id, linkId: link.id, commentId: comment.id, externalCommentId: change.comment.id },
          update: {},
        });
      }
      return `comment ${change.comment.id} is the sync's own copy of a request comment`;
    }
    const comment = await writeRequestComment(tx, ctx.dataspace, request, {
      userId: null,
      text: jsonbSafeText(change.comment.body).slice(0, MAX_COMMENT) || "(empty comment)",
      source: ctx.platform,
      externalAuthor: jsonbSafeText(change.comment.author).slice(0, 200),
      externalUrl: change.comment.url,
    });
    await tx.issueCommentLink.create({ data: { dataspaceId: ctx.dataspace.id, linkId: link.id, commentId: comment.id, externalCommentId: change.comment.id } });
    return `comment by ${change.comment.author} added to the request`;
  }

  if (!known) return `comment ${change.comment.id} ${change.action}: not one the request has`;
  if (known.comment.source === null) return `comment ${change.comment.id} ${change.action} on the platform: a member's comment copied there, kept as written`;
  if (change.action === "edited") {
    await tx.requestComment.update({ where: { id: known.commentId }, data: { text: jsonbSafeText(change.comment.body).slice(0, MAX_COMMENT) || "(empty comment)", editedAt: new Date() } });
    return `comment by ${change.comment.author} edited`;
  }
  await tx.requestComment.delete({ where: { id: known.commentId } });
  return `comment by ${change.comment.author} deleted from the request`;
}

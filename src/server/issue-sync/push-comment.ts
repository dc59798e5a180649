import { scopedDb } from "@/server/db/scoped";
import { commentAuthor } from "@/server/records/requests/serialize-request";
import type { StepRunner } from "@/server/runtime/step-runner";
import { isIssueSyncApiError } from "./errors";
import { recordFailure } from "./link-state";
import { pushes } from "./settings";
import { syncIntegration, syncIntegrations, trackerOf, type SyncIntegration, type TrackerDeps } from "./targets";
import { commentMarker } from "./tracker";

export type PushCommentInput = { dataspaceId: string; requestId: string; commentId: string };
export type PushCommentOutcome = { posted: string[]; failed: { linkId: string; error: string }[] };

/**
 * A new request comment → a comment on each linked issue that does not have it yet. A comment
 * that came from a platform already has its copy there (its IssueCommentLink, written with it), so
 * it goes only to the other platforms. The hidden marker lets the platform's webhook about the
 * comment be recognized as the sync's own.
 */
export async function pushComment(input: PushCommentInput, steps: StepRunner, deps: TrackerDeps = {}): Promise<PushCommentOutcome> {
  const outcome: PushCommentOutcome = { posted: [], failed: [] };
  const pushing = (await syncIntegrations(scopedDb(input.dataspaceId))).filter((i) => pushes(i.settings) && !i.paused);
  if (pushing.length === 0) return outcome;
  const targets = await steps("plan-comment", () => planComment(input, pushing));
  for (const target of targets) {
    try {
      const posted = await steps(`comment:${target.linkId}`, () => postComment(input, target, deps));
      if (posted) outcome.posted.push(target.linkId);
    } catch (error) {
      outcome.failed.push({ linkId: target.linkId, error: (error as Error).message });
    }
  }
  return outcome;
}

type CommentTarget = { linkId: string; integrationId: string };

/** `integrations`: those that push, read by this call of the run (the plan is its first step, so they are current). */
async function planComment(input: PushCommentInput, integrations: SyncIntegration[]): Promise<CommentTarget[]> {
  const tdb = scopedDb(input.dataspaceId);
  const links = await tdb.issueLink.findMany({
    where: { requestId: input.requestId, externalId: { not: null }, integrationId: { in: integrations.map((i) => i.id) }, comments: { none: { commentId: input.commentId } } },
    select: { id: true, integrationId: true },
  });
  return links.map((link) => ({ linkId: link.id, integrationId: link.integrationId }));
}

async function postComment(input: PushCommentInput, target: CommentTarget, deps: TrackerDeps): Promise<boolean> {
  const tdb = scopedDb(input.dataspaceId);
  const [link, comment, integration] = await Promise.all([
    tdb.issueLink.findFirst({ where: { id: target.linkId }, select: { externalId: true, comments: { where: { commentId: input.commentId }, select: { id: true } } } }),
    tdb.requestComment.findFirst({ where: { id: input.commentId }, select: { id: true, text: true, source: true, externalAuthor: true, user: { select: { email: true } } } }),
    syncIntegration(tdb, target.integrationId),
  ]);
  if (!link?.externalId || link.comments.length > 0 || !comment || !integration || integration.paused) return false;
  const tracker = await trackerOf(input.dataspaceId, integration, deps);
  const ref = { dataspaceId: input.dataspaceId, integrationId: target.integrationId, linkId: target.linkId };
  if ("unavailable" in tracker) return false;
  const body = `**${commentAuthor(comment)}** wrote in Switchboard:\n\n${comment.text}\n\n${commentMarker(comment.id)}`;
  try {
    const posted = await tracker.addComment(link.externalId, body);
    await tdb.issueCommentLink.upsert({
      where: { linkId_commentId: { linkId: target.linkId, commentId: comment.id } },
      create: { dataspaceId: input.dataspaceId, linkId: target.linkId, commentId: comment.id, externalCommentId: posted.id },
      update: {},
    });
    return true;
  } catch (error) {
    if (isIssueSyncApiError(error)) await recordFailure(ref, error, !error.retryable);
    throw error;
  }
}

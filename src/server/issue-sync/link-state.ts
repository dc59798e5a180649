import type { Prisma } from "@/generated/prisma/client";
import { appUrl } from "@/env";
import { scopedDb, type ScopedDb, type ScopedTx } from "@/server/db/scoped";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { isIssueSyncApiError, type IssueSyncApiError } from "./errors";
import { nextSyncedState, readSyncedState, syncedStateOf, type SyncedState } from "./render";
import type { ExternalIssue } from "./tracker";

export type LinkRef = { dataspaceId: string; integrationId: string; linkId: string };

/**
 * The link now shows the issue as the platform answered: synced, no error; and the integration no
 * longer needs attention, when it did (`integration.refused`, as read before the call).
 */
export async function recordSynced(ref: LinkRef, integration: { refused: boolean }, issue: ExternalIssue, sent?: Partial<SyncedState>): Promise<void> {
  // What was sent, where the platform may have normalized it (trailing spaces, label case): the
  // next push compares the request with what it sent, not with how the platform stored it.
  const tdb = scopedDb(ref.dataspaceId);
  const previous = await tdb.issueLink.findFirst({ where: { id: ref.linkId }, select: { synced: true } });
  const synced = nextSyncedState(readSyncedState(previous?.synced), { ...syncedStateOf(issue), ...sent });
  await tdb.issueLink.update({
    where: { id: ref.linkId },
    data: { externalId: issue.id, externalKey: issue.key, url: issue.url, state: "SYNCED", lastError: null, lastSyncedAt: new Date(), synced: synced as Prisma.InputJsonValue },
  });
  if (integration.refused) await clearRefusals(ref);
}

/**
 * A call that failed: the link shows the platform's words. For good (`final`), the link is FAILED,
 * and its turning failed (not every failure after) publishes `issue_sync.failed`, which a
 * notification rule can take to the admins; a retryable failure keeps its state and says it is
 * waiting. A refused token or permission marks the integration as needing attention, and a second
 * refusal in a row pauses its sync.
 */
export async function recordFailure(ref: LinkRef, error: IssueSyncApiError | Error, final: boolean): Promise<void> {
  const tdb = scopedDb(ref.dataspaceId);
  const message = jsonbSafeText(error.message.slice(0, 2_000));
  const refused = isIssueSyncApiError(error) && error.refused;
  if (!final) {
    await tdb.issueLink.updateMany({ where: { id: ref.linkId }, data: { lastError: `${message} (will retry)` } });
    if (refused) await recordRefusal(tdb, ref, message);
    return;
  }
  await transactionWithEvents(tdb, async (tx) => {
    const paused = refused ? await recordRefusal(tx, ref, message) : false;
    const { count } = await tx.issueLink.updateMany({ where: { id: ref.linkId, state: { not: "FAILED" } }, data: { state: "FAILED", lastError: message } });
    if (count === 0) {
      await tx.issueLink.updateMany({ where: { id: ref.linkId }, data: { lastError: message } });
      return;
    }
    const link = await tx.issueLink.findFirstOrThrow({
      where: { id: ref.linkId },
      select: { url: true, request: { select: { id: true, title: true } }, integration: { select: { id: true, name: true, type: true } } },
    });
    const { slug } = await tx.dataspace.findFirstOrThrow({ select: { slug: true } });
    await publishEvent(tx, ref.dataspaceId, "issue_sync.failed", {
      uuid: ref.linkId,
      request: { uuid: link.request.id, title: link.request.title, absolute_url: `${appUrl()}/d/${slug}/requests/${link.request.id}` },
      integration: { uuid: link.integration.id, name: link.integration.name, type: link.integration.type.toLowerCase() },
      issue_url: link.url,
      last_error: message,
      sync_paused: paused,
      failed_at: new Date().toISOString(),
    });
  });
}

/**
 * A run that kept failing until its retries ran out (a platform down for hours): the request's
 * links still waiting on a retry fail for good, with the last words they got.
 */
export async function giveUpWaitingLinks(input: { dataspaceId: string; requestId: string }, why: string): Promise<void> {
  const tdb = scopedDb(input.dataspaceId);
  const waiting = await tdb.issueLink.findMany({ where: { requestId: input.requestId, lastError: { endsWith: " (will retry)" } }, select: { id: true, integrationId: true, lastError: true } });
  for (const link of waiting) {
    const last = link.lastError!.slice(0, -" (will retry)".length);
    await recordFailure({ dataspaceId: input.dataspaceId, integrationId: link.integrationId, linkId: link.id }, new Error(`Gave up after the retries: ${last || why}`), true);
  }
}

// Raw SQL for the sync's own bookkeeping on the integration: Prisma would bump `updatedAt`, which
// is the integration's last modification (and REST ETag) — a sync run is not an edit of it.
/** Whether the integration's sync is now paused. */
async function recordRefusal(db: ScopedDb | ScopedTx, ref: { dataspaceId: string; integrationId: string }, message: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ paused: boolean }[]>`UPDATE "Integration"
    SET "issueSyncPausedAt" = CASE WHEN "attentionMessage" LIKE 'Issue sync: %' THEN coalesce("issueSyncPausedAt", now()) ELSE "issueSyncPausedAt" END,
        "attentionMessage" = ${`Issue sync: ${message}`.slice(0, 2_000)}, "attentionAt" = now()
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid
    RETURNING "issueSyncPausedAt" IS NOT NULL AS paused`;
  return rows[0]?.paused ?? false;
}

/** A call that worked: the integration no longer needs attention for its sync (writes nothing when it did not). */
export async function clearRefusals(ref: { dataspaceId: string; integrationId: string }): Promise<void> {
  await scopedDb(ref.dataspaceId).$executeRaw`UPDATE "Integration" SET "attentionMessage" = NULL, "attentionAt" = NULL
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid AND "attentionMessage" LIKE 'Issue sync: %'`;
}

/** An admin acted (saved the config, a connection test passed): the sync runs again. */
export async function resumeSync(ref: { dataspaceId: string; integrationId: string }): Promise<void> {
  await scopedDb(ref.dataspaceId).$executeRaw`UPDATE "Integration" SET "issueSyncPausedAt" = NULL,
      "attentionMessage" = CASE WHEN "attentionMessage" LIKE 'Issue sync: %' THEN NULL ELSE "attentionMessage" END,
      "attentionAt" = CASE WHEN "attentionMessage" LIKE 'Issue sync: %' THEN NULL ELSE "attentionAt" END
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid`;
}

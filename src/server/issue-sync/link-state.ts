import type { Prisma } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
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
  const synced = nextSyncedState(readSyncedState(previous?.synced), { ...syncedStateOf(issue), ...sent, updatedAt: issue.updatedAt });
  await tdb.issueLink.update({
    where: { id: ref.linkId },
    data: { externalId: issue.id, externalKey: issue.key, url: issue.url, state: "SYNCED", lastError: null, lastSyncedAt: new Date(), synced: synced as Prisma.InputJsonValue },
  });
  if (integration.refused) await clearRefusals(ref);
}

/**
 * A call that failed: the link shows the platform's words. For good (`final`), the link is FAILED;
 * a retryable failure keeps its state and says it is waiting. A refused token or permission marks
 * the integration as needing attention, and a second refusal in a row pauses its sync.
 */
export async function recordFailure(ref: LinkRef, error: IssueSyncApiError | Error, final: boolean): Promise<void> {
  const tdb = scopedDb(ref.dataspaceId);
  const message = jsonbSafeText(error.message.slice(0, 2_000));
  await tdb.issueLink.update({
    where: { id: ref.linkId },
    data: final ? { state: "FAILED", lastError: message } : { lastError: `${message} (will retry)` },
  });
  if (isIssueSyncApiError(error) && error.refused) await recordRefusal(ref, message);
}

// Raw SQL for the sync's own bookkeeping on the integration: Prisma would bump `updatedAt`, which
// is the integration's last modification (and REST ETag) — a sync run is not an edit of it.
async function recordRefusal(ref: { dataspaceId: string; integrationId: string }, message: string): Promise<void> {
  await scopedDb(ref.dataspaceId).$executeRaw`UPDATE "Integration"
    SET "issueSyncPausedAt" = CASE WHEN "attentionMessage" LIKE 'Issue sync: %' THEN coalesce("issueSyncPausedAt", now()) ELSE "issueSyncPausedAt" END,
        "attentionMessage" = ${`Issue sync: ${message}`.slice(0, 2_000)}, "attentionAt" = now()
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid`;
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

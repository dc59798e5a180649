import { runBackfill } from "@/server/issue-sync/backfill";
import { pushComment } from "@/server/issue-sync/push-comment";
import { pushRequest } from "@/server/issue-sync/push";
import { giveUpWaitingLinks } from "@/server/issue-sync/link-state";
import { domainEvents, inngest, issueSyncBackfillRequested, issueSyncPushRequested as issueSyncPushRequestedEvent } from "../client";
import { issueSyncRequestConcurrency, issueSyncSteps } from "../issue-sync-step";

/**
 * A request created or changed → its issue on each platform that syncs it (created, or updated
 * with what differs; src/server/issue-sync/push.ts). Failures are on the links; the run ends.
 * When the retries run out, the links still waiting on one fail for good (`issue_sync.failed`).
 */
export const issueSyncPushRequest = inngest.createFunction(
  {
    id: "issue-sync-push-request",
    name: "Issue sync: push request",
    retries: 8,
    concurrency: [issueSyncRequestConcurrency],
    triggers: [domainEvents["request.added"], domainEvents["request.updated"]],
    onFailure: async ({ event, error }) => giveUpWaitingLinks({ dataspaceId: event.data.event.data.dataspaceId, requestId: event.data.event.data.payload.uuid }, error.message),
  },
  async ({ event, step }) => pushRequest({ dataspaceId: event.data.dataspaceId, requestId: event.data.payload.uuid }, issueSyncSteps(step)),
);

/** A request comment → a comment on each linked issue that does not have it (src/server/issue-sync/push-comment.ts). */
export const issueSyncPushComment = inngest.createFunction(
  {
    id: "issue-sync-push-comment",
    name: "Issue sync: push comment",
    retries: 8,
    concurrency: [issueSyncRequestConcurrency],
    triggers: [domainEvents["request_comment.added"]],
    onFailure: async ({ event, error }) => giveUpWaitingLinks({ dataspaceId: event.data.event.data.dataspaceId, requestId: event.data.event.data.payload.request.uuid }, error.message),
  },
  async ({ event, step }) =>
    pushComment({ dataspaceId: event.data.dataspaceId, requestId: event.data.payload.request.uuid, commentId: event.data.payload.uuid }, issueSyncSteps(step)),
);

/** "Create issue in …" and the bulk sync: one request pushed now, taking turns with its other pushes. */
export const issueSyncPushRequested = inngest.createFunction(
  {
    id: "issue-sync-push-requested",
    name: "Issue sync: push requested",
    retries: 8,
    concurrency: [issueSyncRequestConcurrency],
    triggers: [issueSyncPushRequestedEvent],
    onFailure: async ({ event, error }) => giveUpWaitingLinks({ dataspaceId: event.data.event.data.dataspaceId, requestId: event.data.event.data.requestId }, error.message),
  },
  async ({ event, step }) => pushRequest({ dataspaceId: event.data.dataspaceId, requestId: event.data.requestId }, issueSyncSteps(step)),
);

/** "Sync existing requests" of one integration (src/server/issue-sync/backfill.ts): one run at a time per integration. */
export const issueSyncBackfill = inngest.createFunction(
  {
    id: "issue-sync-backfill",
    name: "Issue sync: sync existing requests",
    retries: 4,
    concurrency: [{ limit: 1, key: "event.data.integrationId" }],
    triggers: [issueSyncBackfillRequested],
  },
  async ({ event, step }) => runBackfill(event.data, issueSyncSteps(step)),
);

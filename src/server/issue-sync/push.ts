import { Prisma } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { StepRunner } from "@/server/runtime/step-runner";
import { filterMatches } from "@/server/webhooks/rules/filter";
import { isIssueSyncApiError } from "./errors";
import { recordFailure, recordSynced, type LinkRef } from "./link-state";
import { changedMeanwhile, issueDraft, pushPatch, readSyncedState } from "./render";
import { dataspaceOf, filterDataOf, loadRequest, syncedRequestOf } from "./request-snapshot";
import { applyPulledChanges } from "./pull";
import { pulls, pushes } from "./settings";
import { syncIntegration, syncIntegrations, trackerOf, type SyncIntegration, type TrackerDeps } from "./targets";
import { commentMarker, requestMarker, type ExternalIssue, type IssueTracker } from "./tracker";

/**
 * Push: a request → its issue on each platform that syncs it. A request without an issue gets one
 * (when the integration syncs all requests and the request passes its filter; never a private
 * request, which only a person links by hand); one with an issue has it updated with what differs
 * from what the platform holds (render.ts), closing it with a note when the request closed.
 *
 * One runtime step per API call, each reading what it sends at that moment. A create is
 * idempotent: the link row exists before the call, and a retry after a lost answer looks for the
 * issue carrying the request's marker before making another.
 */
export type PushInput = { dataspaceId: string; requestId: string };
export type PushOutcome = { created: string[]; updated: string[]; unchanged: string[]; skipped: { integrationId: string; reason: string }[]; failed: { integrationId: string; error: string }[] };

type PlannedPush = { integrationId: string; linkId: string; create: boolean; closing: boolean };

export async function pushRequest(input: PushInput, steps: StepRunner, deps: TrackerDeps = {}): Promise<PushOutcome> {
  const outcome: PushOutcome = { created: [], updated: [], unchanged: [], skipped: [], failed: [] };
  // Most dataspaces sync no issues: their runs end here, without a step to store.
  const pushing = (await syncIntegrations(scopedDb(input.dataspaceId))).filter((integration) => pushes(integration.settings));
  if (pushing.length === 0) return outcome;
  const plan = await steps("plan", () => planPush(input, pushing));
  outcome.skipped.push(...plan.skipped);
  for (const item of plan.pushes) {
    const ref: LinkRef = { dataspaceId: input.dataspaceId, integrationId: item.integrationId, linkId: item.linkId };
    try {
      if (item.create) {
        const created = await steps(`create:${item.integrationId}`, () => createIssue(input, ref, deps));
        (created ? outcome.created : outcome.unchanged).push(item.integrationId);
      } else {
        await steps(`read:${item.integrationId}`, () => catchUp(input, ref, deps));
        if (item.closing) await steps(`close-note:${item.integrationId}`, () => postCloseNote(input, ref, deps));
        const changed = await steps(`update:${item.integrationId}`, () => updateIssue(input, ref, deps));
        (changed ? outcome.updated : outcome.unchanged).push(item.integrationId);
      }
    } catch (error) {
      outcome.failed.push({ integrationId: item.integrationId, error: (error as Error).message });
    }
  }
  return outcome;
}

/** `integrations`: those that push, read by this call of the run (the plan is its first step, so they are current). */
async function planPush(input: PushInput, integrations: SyncIntegration[]): Promise<{ pushes: PlannedPush[]; skipped: { integrationId: string; reason: string }[] }> {
  // One snapshot, as in stepContext: a pull commits the request and its link together.
  const { request, dataspace, links } = await scopedDb(input.dataspaceId).$transaction(
    async (tx) => ({
      request: await loadRequest(input.dataspaceId, input.requestId, tx),
      dataspace: await dataspaceOf(tx, input.dataspaceId),
      links: await tx.issueLink.findMany({ where: { requestId: input.requestId }, select: { id: true, integrationId: true, externalId: true, synced: true } }),
    }),
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  if (!request) return { pushes: [], skipped: [] };
  const planned: PlannedPush[] = [];
  const skipped: { integrationId: string; reason: string }[] = [];
  for (const integration of integrations) {
    if (integration.paused) {
      skipped.push({ integrationId: integration.id, reason: "sync paused: the platform refused the credentials" });
      continue;
    }
    let link = links.find((l) => l.integrationId === integration.id);
    if (!link) {
      const why = whyNotSynced(integration, request, dataspace);
      if (why) {
        skipped.push({ integrationId: integration.id, reason: why });
        continue;
      }
      link = await ensureLink(input.dataspaceId, integration.id, request.id, { knownMissing: true });
    }
    const synced = readSyncedState(link.synced);
    const closing = Boolean(link.externalId && synced && synced.state === "open" && request.status === "closed");
    planned.push({ integrationId: integration.id, linkId: link.id, create: !link.externalId, closing });
  }
  return { pushes: planned, skipped };
}

/** Why a request without an issue gets none from this integration, or null when it gets one. */
function whyNotSynced(integration: SyncIntegration, request: NonNullable<Awaited<ReturnType<typeof loadRequest>>>, dataspace: { slug: string; name: string }): string | null {
  if (integration.settings.requests === "linked") return "the integration syncs only requests linked by hand";
  if (request.isPrivate) return "private requests are synced only when linked by hand";
  const data = filterDataOf(request, dataspace);
  const event = { id: request.id, type: "request.added", timestamp: request.createdAt.toISOString() };
  if (integration.settings.filter && !filterMatches(integration.settings.filter, { event, data })) return "the request does not pass the integration's filter";
  return null;
}

/**
 * The request's link with the integration, made PENDING when there is none (one per request: a
 * unique index). `knownMissing`: the caller has just looked, so it goes straight to the insert.
 */
export async function ensureLink(dataspaceId: string, integrationId: string, requestId: string, options: { knownMissing?: boolean } = {}) {
  const tdb = scopedDb(dataspaceId);
  const select = { id: true, integrationId: true, externalId: true, synced: true } as const;
  const existing = options.knownMissing ? null : await tdb.issueLink.findFirst({ where: { integrationId, requestId }, select });
  if (existing) return existing;
  try {
    return await tdb.issueLink.create({ data: { dataspaceId, integrationId, requestId }, select });
  } catch (error) {
    // Made meanwhile by another run: use that one.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return tdb.issueLink.findFirstOrThrow({ where: { integrationId, requestId }, select });
  }
}

/**
 * What a step reads before its call, as of one moment: the link, its integration, and (when it
 * sends it) the request. One snapshot, because a pull commits the request and the link together:
 * a link read after it beside a request read before it would make the push undo the pull.
 */
async function stepContext(input: PushInput, ref: LinkRef, withRequest: boolean) {
  const tdb = scopedDb(input.dataspaceId);
  const read = await tdb.$transaction(
    async (tx) => ({
      link: await tx.issueLink.findFirst({ where: { id: ref.linkId }, select: { externalId: true, synced: true } }),
      integration: await syncIntegration(tx, ref.integrationId),
      request: withRequest ? await loadRequest(input.dataspaceId, input.requestId, tx) : null,
      dataspace: withRequest ? await dataspaceOf(tx, input.dataspaceId) : null,
    }),
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return { tdb, ...read };
}

/** Runs a call against the platform, recording on the link how it went. */
async function withTracker<T>(
  input: PushInput,
  ref: LinkRef,
  integration: SyncIntegration | null,
  deps: TrackerDeps,
  work: (tracker: IssueTracker, integration: SyncIntegration) => Promise<T>,
): Promise<T | null> {
  if (!integration || integration.paused) return null;
  const tracker = await trackerOf(input.dataspaceId, integration, deps);
  if ("unavailable" in tracker) {
    await recordFailure(ref, new Error(`Issue sync cannot run: ${tracker.unavailable}`), true);
    return null;
  }
  try {
    return await work(tracker, integration);
  } catch (error) {
    if (isIssueSyncApiError(error)) await recordFailure(ref, error, !error.retryable);
    throw error;
  }
}

type CreateAttempt = { createAttemptedAt?: string };

/** Creates the issue (or finds the one a lost answer created); false when the link had it already. */
async function createIssue(input: PushInput, ref: LinkRef, deps: TrackerDeps): Promise<boolean> {
  const { tdb, link, integration, request, dataspace } = await stepContext(input, ref, true);
  if (!link || link.externalId || !request || !dataspace) return false;
  const result = await withTracker(input, ref, integration, deps, async (tracker, integration) => {
    const draft = issueDraft(syncedRequestOf(request, dataspace), integration.settings);
    // A previous attempt may have created it and lost the answer: look for it first.
    const attempted = Boolean((link.synced as CreateAttempt | null)?.createAttemptedAt);
    if (!attempted) await tdb.issueLink.update({ where: { id: ref.linkId }, data: { synced: { createAttemptedAt: new Date().toISOString() } as Prisma.InputJsonValue } });
    const found = attempted ? await tracker.findIssueByMarker(requestMarker(request.id)) : null;
    const issue = found ?? (await tracker.createIssue(draft));
    await recordSynced(ref, integration, issue, found ? {} : { body: draft.body });
    return issue;
  });
  return result !== null;
}

/**
 * Reads the issue before changing it: when the platform changed it since the last sync and its
 * webhook has not been applied yet (still queued, or webhooks not set up), that change is taken
 * in first, per field by last update time (pull.ts) — so a push never overwrites a newer edit
 * made on the platform. A push-only integration skips this: the request is the source of truth.
 */
async function catchUp(input: PushInput, ref: LinkRef, deps: TrackerDeps): Promise<boolean> {
  const { tdb, link, integration } = await stepContext(input, ref, false);
  const synced = readSyncedState(link?.synced);
  if (!link?.externalId || !synced || !integration || !pulls(integration.settings)) return false;
  const result = await withTracker(input, ref, integration, deps, async (tracker, integration) => {
    const issue = await tracker.getIssue(link.externalId!);
    if (!issue.updatedAt || !synced.updatedAt || Date.parse(issue.updatedAt) <= Date.parse(synced.updatedAt)) return false;
    await takeIn(input, ref, integration, issue);
    return true;
  });
  return result === true;
}

/** A change made on the platform that its webhook has not brought (yet), applied as that webhook would be. */
async function takeIn(input: PushInput, ref: LinkRef, integration: SyncIntegration, issue: ExternalIssue): Promise<void> {
  const tdb = scopedDb(input.dataspaceId);
  const dataspace = await dataspaceOf(tdb, input.dataspaceId);
  const change = { kind: "issue" as const, action: "edited" as const, issue, actor: `someone on ${integration.platform.platform}` };
  await transactionWithEvents(tdb, (tx) =>
    applyPulledChanges(tx, dataspace, [{ key: ref.linkId, integrationId: integration.id, platform: integration.platform.platform, settings: integration.settings, change }]),
  );
}

/** "Closed in Switchboard": the note posted before the issue is closed, while the request is still closed. */
async function postCloseNote(input: PushInput, ref: LinkRef, deps: TrackerDeps): Promise<boolean> {
  const { link, integration, request } = await stepContext(input, ref, true);
  // The link must still show the issue open: one a person closed on the platform (pulled meanwhile) gets no note.
  if (!link?.externalId || request?.status !== "closed" || readSyncedState(link.synced)?.state !== "open") return false;
  const by = request.lastModifiedBy?.email;
  // Marked as the sync's own (with the link's id): its webhook must not come back as a request comment.
  const note = `Closed in Switchboard${by ? ` by ${by}` : ""}.\n\n${commentMarker(ref.linkId)}`;
  const result = await withTracker(input, ref, integration, deps, (tracker) => tracker.addComment(link.externalId!, note));
  return result !== null;
}

/** Sends what differs; false when nothing did. */
async function updateIssue(input: PushInput, ref: LinkRef, deps: TrackerDeps): Promise<boolean> {
  const { tdb, link, integration, request, dataspace } = await stepContext(input, ref, true);
  const synced = readSyncedState(link?.synced);
  if (!link?.externalId || !request || !dataspace || !synced || !integration || integration.paused) return false;
  const patch = pushPatch(syncedRequestOf(request, dataspace), integration.settings, synced);
  if (Object.keys(patch).length === 0) {
    // Nothing to send: the link is in sync as of now (what the bulk sync counts).
    await tdb.issueLink.update({ where: { id: ref.linkId }, data: { lastSyncedAt: new Date(), state: "SYNCED", lastError: null } });
    return false;
  }
  const result = await withTracker(input, ref, integration, deps, async (tracker, integration) => {
    const issue = await tracker.updateIssue(link.externalId!, patch);
    // A person's edit of a field this push did not send, made between the read and the update, is
    // in the answer: recorded as not yet synced, then taken in — never adopted as the sync's own.
    const meanwhile = changedMeanwhile(issue, synced, patch);
    await recordSynced(ref, integration, issue, { ...(patch.body === undefined ? {} : { body: patch.body }), ...meanwhile });
    if (meanwhile) await takeIn(input, ref, integration, issue);
    return true;
  });
  return result === true;
}

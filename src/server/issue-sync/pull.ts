import type { Prisma } from "@/generated/prisma/client";
import type { RequestPriority, RequestStatus } from "@/generated/prisma/enums";
import type { ScopedTx } from "@/server/db/scoped";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { requestInclude, type RequestWithRelations } from "@/server/records/requests/serialize-request";
import { writeRequestUpdate } from "@/server/records/requests/update-request";
import { createRequestFromIssue } from "./pull-create";
import { applyPulledComment } from "./pull-comments";
import { applyPulledPullRequest } from "./pull-requests";
import { echoedFields, fieldFingerprints, nextSyncedState, notesOf, priorityFromLabels, readSyncedState, syncedStateOf, withoutEchoes, type SyncedField } from "./render";
import { syncedRequestOf } from "./request-snapshot";
import type { IssueSyncSettings } from "./settings";
import type { ExternalIssue, PulledChange } from "./tracker";

/**
 * Pull: what a platform's webhook says happened, applied to the linked request inside the
 * transaction that processes the delivery (src/server/inbound/process-webhook-events.ts) — so it
 * is applied once, in the order deliveries arrived, or not at all.
 *
 * Per field (title, description, status, priority), a change made on the platform is applied
 * unless the request changed that field too since the last sync and more recently than the
 * platform did (last update wins; docs/issue-sync.md). The link then holds what the platform
 * holds, so the push that the request's own `request.updated` triggers finds nothing to send
 * back: a change never loops.
 */
export type PullItem = { key: string; integrationId: string; platform: string; settings: IssueSyncSettings; change: PulledChange };
export type PullContext = { dataspace: { id: string; slug: string; name: string }; integrationId: string; platform: string; settings: IssueSyncSettings };

/** Applies each item in turn; answers what each did, for the delivery's log. */
export async function applyPulledChanges(tx: ScopedTx, dataspace: PullContext["dataspace"], items: PullItem[]): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  for (const item of items) {
    const ctx: PullContext = { dataspace, integrationId: item.integrationId, platform: item.platform, settings: item.settings };
    const change = item.change;
    const said =
      change.kind === "issue"
        ? await applyPulledIssue(tx, ctx, change)
        : change.kind === "comment"
          ? await applyPulledComment(tx, ctx, change)
          : await applyPulledPullRequest(tx, ctx, change);
    results.set(item.key, `Issue sync: ${said}`);
  }
  return results;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const stateFingerprintsEqual = (a: Parameters<typeof fieldFingerprints>[0], b: Parameters<typeof fieldFingerprints>[0]) =>
  JSON.stringify(fieldFingerprints(a)) === JSON.stringify(fieldFingerprints(b));

/** The request linked to an issue, locked for the change (concurrent edits of it take turns). */
export async function lockedLinkedRequest(tx: ScopedTx, ctx: PullContext, issueId: string) {
  const link = await tx.issueLink.findFirst({ where: { integrationId: ctx.integrationId, externalId: issueId }, select: { id: true, requestId: true, synced: true } });
  if (!link) return null;
  await tx.$executeRaw`SELECT 1 FROM "Request" WHERE id = ${link.requestId}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
  const request = await tx.request.findFirst({ where: { id: link.requestId }, include: requestInclude });
  return request ? { link, request } : null;
}

async function applyPulledIssue(tx: ScopedTx, ctx: PullContext, change: Extract<PulledChange, { kind: "issue" }>): Promise<string> {
  const { issue } = change;
  const found = await lockedLinkedRequest(tx, ctx, issue.id);
  if (!found) {
    const label = ctx.settings.createFromLabel?.toLowerCase();
    const wanted = label && (change.action === "opened" || change.action === "labeled") && issue.labels.some((l) => l.toLowerCase() === label);
    return wanted ? createRequestFromIssue(tx, ctx, issue) : `${issue.key} is not linked to a request`;
  }
  const { link, request } = found;
  if (change.action === "deleted") {
    await tx.issueLink.update({ where: { id: link.id }, data: { state: "FAILED", lastError: `${issue.key} was deleted on ${ctx.platform} by ${change.actor}` } });
    return `${issue.key} was deleted; the link says so`;
  }
  const synced = readSyncedState(link.synced);
  // Whole seconds: platforms' webhooks carry them, while API answers (what the link may hold) can have milliseconds.
  if (synced?.updatedAt && issue.updatedAt && seconds(issue.updatedAt) < seconds(synced.updatedAt)) {
    return `${issue.key} as of ${issue.updatedAt} is older than what the link holds: ignored`;
  }
  // Fields showing a value the sync itself set before (a late echo, or an intermediate state of
  // one of its edits) are taken as the link holds them.
  const echoes = synced ? echoedFields(synced, issue) : new Set<SyncedField>();
  const platform = synced && echoes.size > 0 ? withoutEchoes(issue, synced, echoes) : issue;
  if (synced && echoes.size > 0 && stateFingerprintsEqual(platform, synced)) return `${issue.key} shows ${[...echoes].join(", ")} as the sync itself set before: a late echo, ignored`;
  const patch = synced ? pulledPatch(request, ctx, platform, synced) : {};
  const fields = Object.keys(patch);
  if (fields.length > 0) await writeRequestUpdate(tx, ctx.dataspace, request, patch, null);
  await tx.issueLink.update({
    where: { id: link.id },
    data: { synced: nextSyncedState(synced, syncedStateOf(platform)) as Prisma.InputJsonValue, state: "SYNCED", lastError: null, lastSyncedAt: new Date(), url: issue.url, externalKey: issue.key },
  });
  return fields.length > 0 ? `${issue.key} ${change.action} by ${change.actor}: request ${fields.join(", ")} updated` : `${issue.key} ${change.action}: the request already shows it`;
}

/**
 * The request fields the platform changed (since the link's last sync) and wins: the request did
 * not change that field since, or changed it before the platform did.
 */
function pulledPatch(request: RequestWithRelations, ctx: PullContext, issue: ExternalIssue, synced: NonNullable<ReturnType<typeof readSyncedState>>) {
  const local = syncedRequestOf(request, ctx.dataspace);
  const platformIsNewer = !issue.updatedAt || Date.parse(issue.updatedAt) >= request.updatedAt.getTime();
  const wins = (localChanged: boolean) => !localChanged || platformIsNewer;
  const patch: { title?: string; notes?: string; status?: RequestStatus; priority?: RequestPriority } = {};

  const title = jsonbSafeText(issue.title.trim()).slice(0, 300);
  if (issue.title !== synced.title && title && title !== local.title && wins(local.title !== synced.title)) patch.title = title;

  const notes = jsonbSafeText(notesOf(issue.body)).slice(0, 100_000);
  if (notes !== notesOf(synced.body) && notes !== local.notes.trim() && wins(local.notes.trim() !== notesOf(synced.body))) patch.notes = notes;

  if (issue.state !== synced.state) {
    const status: RequestStatus = issue.state === "closed" ? "closed" : request.status === "closed" ? "open" : request.status;
    const localState = request.status === "closed" ? "closed" : "open";
    if (status !== request.status && wins(localState !== synced.state)) patch.status = status;
  }

  const priority = priorityFromLabels(issue.labels, ctx.settings);
  const syncedPriority = priorityFromLabels(synced.labels, ctx.settings);
  if (priority && priority !== syncedPriority && priority !== request.priority) {
    const localChanged = syncedPriority !== null && request.priority !== syncedPriority;
    if (wins(localChanged)) patch.priority = priority;
  }
  return patch;
}

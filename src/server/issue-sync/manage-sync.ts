import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { runtimePort } from "@/server/runtime/port";
import { isIssueSyncApiError } from "./errors";
import { resumeSync } from "./link-state";
import { BACKFILL_REQUESTED, type BackfillRequested } from "./requests";
import { readIssueSyncSettings } from "./settings";
import { syncIntegration, trackerOf, type SyncIntegration, type TrackerDeps } from "./targets";

async function integrationOf(ctx: TenantContext, id: string): Promise<SyncIntegration> {
  requireRole(ctx.actor, "ADMIN");
  const integration = await syncIntegration(ctx.db, id);
  if (integration) return integration;
  const row = await ctx.db.integration.findFirst({ where: { id }, select: { config: true, isActive: true } });
  if (!row) throw notFound("Integration");
  if (!row.isActive) throw new AppError("BAD_REQUEST", "This integration is inactive: activate it first");
  throw new AppError("BAD_REQUEST", readIssueSyncSettings(row.config) === null ? "This integration does not sync issues: add issueSync to its config" : "This platform has no issue sync");
}

export type IssueSyncConnectionTest =
  | { ok: true; account: string; target: string; canWrite: boolean; problems: string[] }
  | { ok: false; error: string; retryable: boolean };

/**
 * "Test connection": who the token is on the platform, the target and what the token may do
 * there, or what is wrong in words a person can act on (bad token, missing scope, no such
 * repository or project). A pass resumes a paused sync.
 */
export async function testIssueSyncConnection(ctx: TenantContext, input: { id: string }, deps: TrackerDeps = {}): Promise<IssueSyncConnectionTest> {
  const integration = await integrationOf(ctx, input.id);
  const tracker = await trackerOf(ctx.dataspace.id, integration, deps);
  if ("unavailable" in tracker) return { ok: false, error: `Nothing to test: ${tracker.unavailable}.`, retryable: false };
  try {
    const report = await tracker.testConnection();
    if (report.canWrite) await resumeSync({ dataspaceId: ctx.dataspace.id, integrationId: integration.id });
    return { ok: true, ...report };
  } catch (error) {
    if (!isIssueSyncApiError(error)) throw error;
    return { ok: false, error: error.message, retryable: error.retryable };
  }
}

/** The bulk sync's progress, as stored on the integration. `total` is null until the requests are counted. */
export type BackfillProgress = { startedAt: string; total: number | null; done: number; failed: number; finishedAt: string | null };

export function readBackfill(value: unknown): BackfillProgress | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<BackfillProgress>;
  return typeof v.startedAt === "string" && (typeof v.total === "number" || v.total === null)
    ? { startedAt: v.startedAt, total: v.total, done: v.done ?? 0, failed: v.failed ?? 0, finishedAt: v.finishedAt ?? null }
    : null;
}

/**
 * "Sync existing requests": every request the integration syncs (its scope and filter) gets its
 * issue created or brought up to date, by the runtime, in the background. One at a time per
 * integration: a second click while one runs is told so.
 */
export async function startBackfill(ctx: TenantContext, input: { id: string }): Promise<BackfillProgress> {
  const integration = await integrationOf(ctx, input.id);
  if (integration.paused) throw new AppError("CONFLICT", "Issue sync is paused after its credentials were refused: run Test connection first");
  if (integration.settings.direction === "pull") throw new AppError("BAD_REQUEST", "This integration only pulls from its platform: there is nothing to push");
  const row = await ctx.db.integration.findFirstOrThrow({ where: { id: integration.id }, select: { issueSyncBackfill: true } });
  const running = readBackfill(row.issueSyncBackfill);
  if (running && !running.finishedAt && Date.now() - Date.parse(running.startedAt) < 6 * 3_600_000) throw new AppError("CONFLICT", "A sync of existing requests is already running");
  const progress: BackfillProgress = { startedAt: new Date().toISOString(), total: null, done: 0, failed: 0, finishedAt: null };
  // Raw SQL: the sync's bookkeeping is not an edit of the integration (updatedAt, ETag).
  await ctx.db.$executeRaw`UPDATE "Integration" SET "issueSyncBackfill" = ${JSON.stringify(progress)}::jsonb WHERE id = ${integration.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid`;
  const data: BackfillRequested = { dataspaceId: ctx.dataspace.id, integrationId: integration.id, startedAt: progress.startedAt };
  await runtimePort().send([{ name: BACKFILL_REQUESTED, data }]);
  return progress;
}

/**
 * How far the bulk sync got: its requests whose link was synced, or failed, since it started
 * (counted from the links, as each push lands). Done when they add up to its total.
 */
export async function backfillProgress(ctx: TenantContext, input: { id: string }): Promise<BackfillProgress | null> {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.integration.findFirst({ where: { id: input.id }, select: { issueSyncBackfill: true } });
  if (!row) throw notFound("Integration");
  const stored = readBackfill(row.issueSyncBackfill);
  if (!stored || stored.finishedAt || stored.total === null) return stored;
  const total = stored.total;
  const since = new Date(stored.startedAt);
  const [done, failed] = await Promise.all([
    ctx.db.issueLink.count({ where: { integrationId: input.id, state: "SYNCED", lastSyncedAt: { gte: since } } }),
    ctx.db.issueLink.count({ where: { integrationId: input.id, state: "FAILED", updatedAt: { gte: since } } }),
  ]);
  const finished = done + failed >= total;
  const progress = { ...stored, done: Math.min(done, total), failed, finishedAt: finished ? new Date().toISOString() : null };
  if (finished) {
    await ctx.db.$executeRaw`UPDATE "Integration" SET "issueSyncBackfill" = ${JSON.stringify(progress)}::jsonb
      WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid AND "issueSyncBackfill"->>'startedAt' = ${stored.startedAt}`;
  }
  return progress;
}


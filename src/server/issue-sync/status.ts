import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { providerFor } from "@/server/integrations/registry";
import { backfillProgress, type BackfillProgress } from "./manage-sync";
import { readIssueSyncSettings, type IssueSyncSettings } from "./settings";
import { syncIntegration, trackerOf } from "./targets";

/** Attention set by the sync itself (link-state.ts), not by another outbound side of the integration. */
const ATTENTION_PREFIX = "Issue sync: ";

/** An integration's issue sync as its page and the API show it. */
export type IssueSyncStatus = {
  /** The integration's platform has issue sync (GitHub, GitLab, Jira, Forgejo/Gitea, SourceHut). */
  supported: boolean;
  /** Its config has an `issueSync` object (on or off). */
  configured: boolean;
  /** It syncs: supported, configured, enabled and the integration active. */
  enabled: boolean;
  /** Why it does not, in words, when configured but not enabled. */
  disabledReason: string | null;
  /** The settings with their defaults, when it has valid ones turned on. */
  settings: IssueSyncSettings | null;
  /** Where it syncs ("octo/app on GitHub"), or why it cannot run (no token). */
  target: string | null;
  unavailable: string | null;
  /** Paused after repeated refusals of its credentials, since then; null when running. */
  pausedAt: Date | null;
  /** The platform's words about the last refusal, while it stands. */
  attention: { message: string; since: Date | null } | null;
  /** Its links by state, and the pull requests it linked. */
  links: { pending: number; synced: number; failed: number };
  pullRequests: number;
  /** The last "Sync existing requests", as far as it got. */
  backfill: BackfillProgress | null;
};

/**
 * The issue-sync summary of one integration (admins only, as the integration's page): its
 * settings and target, whether it is paused and what the platform said, its links by state and
 * the progress of the last bulk sync. Reads only; the target is named without calling the platform.
 */
export async function issueSyncStatus(ctx: TenantContext, input: { id: string }): Promise<IssueSyncStatus> {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.integration.findFirst({
    where: { id: input.id },
    select: { id: true, type: true, isActive: true, config: true, issueSyncPausedAt: true, attentionMessage: true, attentionAt: true },
  });
  if (!row) throw notFound("Integration");
  const supported = providerFor(row.type).issueSync !== undefined;
  const config = row.config && typeof row.config === "object" ? (row.config as Record<string, unknown>) : {};
  const configured = config.issueSync !== undefined && config.issueSync !== null;
  const settings = supported ? readIssueSyncSettings(config) : null;

  const [integration, counts, pullRequests, backfill] = await Promise.all([
    syncIntegration(ctx.db, row.id),
    ctx.db.issueLink.groupBy({ by: ["state"], where: { integrationId: row.id }, _count: { _all: true } }),
    ctx.db.pullRequestLink.count({ where: { integrationId: row.id } }),
    backfillProgress(ctx, { id: row.id }),
  ]);
  const tracker = integration ? await trackerOf(ctx.dataspace.id, integration) : null;
  const count = (state: "PENDING" | "SYNCED" | "FAILED") => counts.find((c) => c.state === state)?._count._all ?? 0;
  const attention = row.attentionMessage?.startsWith(ATTENTION_PREFIX) ? { message: row.attentionMessage.slice(ATTENTION_PREFIX.length), since: row.attentionAt } : null;

  return {
    supported,
    configured,
    enabled: integration !== null,
    disabledReason: integration ? null : disabledReason({ supported, configured, isActive: row.isActive, settings }),
    settings,
    target: tracker && "target" in tracker ? tracker.target : null,
    unavailable: tracker && "unavailable" in tracker ? tracker.unavailable : null,
    pausedAt: row.issueSyncPausedAt,
    attention,
    links: { pending: count("PENDING"), synced: count("SYNCED"), failed: count("FAILED") },
    pullRequests,
    backfill,
  };
}

function disabledReason(s: { supported: boolean; configured: boolean; isActive: boolean; settings: IssueSyncSettings | null }): string {
  if (!s.supported) return "This platform has no issue sync";
  if (!s.configured) return "This integration does not sync issues: add issueSync to its config";
  if (!s.isActive) return "This integration is inactive: activate it to sync issues";
  return s.settings === null ? "Issue sync is turned off (issueSync.enabled is false)" : "Issue sync is off";
}

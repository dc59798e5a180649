import type { IntegrationType } from "@/generated/prisma/enums";
import { scopedDb } from "@/server/db/scoped";
import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { providerFor } from "@/server/integrations/registry";
import { readIssueSyncSettings, type IssueSyncSettings } from "./settings";
import type { IssueSyncPlatform, IssueTracker } from "./tracker";

/** An integration with issue sync turned on, as the sync sees it. */
export type SyncIntegration = {
  id: string;
  name: string;
  type: IntegrationType;
  platform: IssueSyncPlatform;
  settings: IssueSyncSettings;
  /** Paused after repeated refusals of its credentials: nothing is pushed until an admin acts. */
  paused: boolean;
};

/** For tests and the benchmark: the tracker of an integration other than the platform's default (e.g. with its own fetch). */
export type TrackerDeps = { trackerFor?: (integration: SyncIntegration, config: Record<string, unknown>, secrets: Record<string, string>) => IssueTracker | null };

const select = { id: true, type: true, name: true, isActive: true, config: true, issueSyncPausedAt: true } as const;
type Row = { id: string; type: IntegrationType; name: string; isActive: boolean; config: unknown; issueSyncPausedAt: Date | null };

function syncIntegrationOf(row: Row): SyncIntegration | null {
  if (!row.isActive) return null;
  const platform = providerFor(row.type).issueSync;
  const settings = platform ? readIssueSyncSettings(row.config) : null;
  if (!platform || !settings) return null;
  return { id: row.id, name: row.name, type: row.type, platform, settings, paused: row.issueSyncPausedAt !== null };
}

/** The dataspace's active integrations that sync issues, oldest first. */
export async function syncIntegrations(tdb: TenantDb): Promise<SyncIntegration[]> {
  const rows = await tdb.integration.findMany({
    where: { isActive: true, type: { in: ["GITHUB", "GITLAB", "JIRA", "FORGEJO", "SOURCEHUT"] } },
    select,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.flatMap((row) => syncIntegrationOf(row) ?? []);
}

export async function syncIntegration(tdb: TenantDb, integrationId: string): Promise<SyncIntegration | null> {
  const row = await tdb.integration.findFirst({ where: { id: integrationId }, select });
  return row ? syncIntegrationOf(row) : null;
}

/**
 * The tracker of an integration, with its secrets decrypted for this call only (never returned
 * from a runtime step, whose output is stored), or why there is none.
 */
export async function trackerOf(dataspaceId: string, integration: SyncIntegration, deps: TrackerDeps = {}): Promise<IssueTracker | { unavailable: string }> {
  const tdb = scopedDb(dataspaceId);
  const row = await tdb.integration.findFirst({ where: { id: integration.id }, select: { config: true } });
  if (!row) return { unavailable: "the integration no longer exists" };
  const config = (row.config ?? {}) as Record<string, unknown>;
  const secrets = await loadIntegrationSecrets(tdb, integration.id);
  return deps.trackerFor?.(integration, config, secrets) ?? integration.platform.tracker(config, secrets);
}

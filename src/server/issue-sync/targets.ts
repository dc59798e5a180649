import { createHash } from "node:crypto";
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
  /** The dashboard tells the admins that the platform refused the sync (cleared by the next call that works). */
  refused: boolean;
  config: Record<string, unknown>;
};

/** For tests and the benchmark: the tracker of an integration other than the platform's default (e.g. with its own fetch). */
export type TrackerDeps = { trackerFor?: (integration: SyncIntegration, config: Record<string, unknown>, secrets: Record<string, string>) => IssueTracker | null };

const select = { id: true, type: true, name: true, isActive: true, config: true, issueSyncPausedAt: true, attentionMessage: true } as const;
type Row = { id: string; type: IntegrationType; name: string; isActive: boolean; config: unknown; issueSyncPausedAt: Date | null; attentionMessage: string | null };

function syncIntegrationOf(row: Row): SyncIntegration | null {
  if (!row.isActive) return null;
  const platform = providerFor(row.type).issueSync;
  const settings = platform ? readIssueSyncSettings(row.config) : null;
  if (!platform || !settings) return null;
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    platform,
    settings,
    paused: row.issueSyncPausedAt !== null,
    refused: row.attentionMessage?.startsWith("Issue sync: ") ?? false,
    config: (row.config ?? {}) as Record<string, unknown>,
  };
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
 * The tracker of an integration as it was read, with its secrets decrypted for this call only
 * (never returned from a runtime step, whose output is stored), or why there is none. A client
 * is made once per integration, config and secrets: a push is a few calls, and a new client each
 * time was a measurable part of one (bench:sync).
 */
export async function trackerOf(dataspaceId: string, integration: SyncIntegration, deps: TrackerDeps = {}): Promise<IssueTracker | { unavailable: string }> {
  const secrets = await loadIntegrationSecrets(scopedDb(dataspaceId), integration.id);
  if (deps.trackerFor) return deps.trackerFor(integration, integration.config, secrets) ?? integration.platform.tracker(integration.config, secrets);
  const fingerprint = createHash("sha256").update(JSON.stringify([integration.type, integration.config, secrets])).digest("base64");
  const cached = trackers.get(integration.id);
  if (cached?.fingerprint === fingerprint) return cached.tracker;
  const tracker = integration.platform.tracker(integration.config, secrets);
  if (trackers.size >= MAX_CACHED_TRACKERS) trackers.delete(trackers.keys().next().value!);
  trackers.set(integration.id, { fingerprint, tracker });
  return tracker;
}

const MAX_CACHED_TRACKERS = 500;
const trackers = new Map<string, { fingerprint: string; tracker: IssueTracker | { unavailable: string } }>();

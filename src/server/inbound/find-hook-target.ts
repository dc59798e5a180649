import type { IntegrationType } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { scopedDb, type ScopedDb } from "@/server/db/scoped";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import type { StoredConfig } from "@/server/integrations/provider";

/** What the receiver needs of the integration an inbound URL belongs to. */
export type HookTarget = {
  integration: { id: string; dataspaceId: string; type: IntegrationType; name: string };
  /** As stored: secret fields are references, their values are in `secrets`. */
  config: StoredConfig;
  secrets: Readonly<Record<string, string>>;
  /** The integration's dataspace: everything after the lookup goes through it. */
  tdb: ScopedDb;
  loadedAt: number;
};

// The lookup is the receiver's hot path, so it is cached in-process for a few seconds: a
// deactivated integration or a rotated token or secret takes effect within TTL_MS on every
// instance (sooner where `evictHookTarget` ran). Unknown and inactive tokens are cached as
// misses too, so repeated probes of one token cost one query per TTL. Entries are promises: a
// burst on a cold token makes one query, not one per request.
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

// `integrationId` is filled in once the lookup resolves (also for an inactive integration), so an
// eviction by integration finds the entry synchronously.
type Entry = { at: number; target: Promise<HookTarget | null>; integrationId?: string };
// On globalThis: the receiver runs in server.ts's module graph, the management mutations that
// evict in Next's bundle, and both must see one cache.
const shared = globalThis as { __switchboardHookTargets?: Map<string, Entry> };
const cache = (shared.__switchboardHookTargets ??= new Map<string, Entry>());

/** The active integration whose inbound token hashes to `tokenHash`, or null (unknown or inactive alike). */
export function findHookTarget(tokenHash: string, options: { maxAgeMs?: number } = {}): Promise<HookTarget | null> {
  const now = Date.now();
  const cached = cache.get(tokenHash);
  if (cached && now - cached.at < Math.min(TTL_MS, options.maxAgeMs ?? TTL_MS)) return cached.target;
  const entry: Entry = { at: now, target: Promise.resolve(null) };
  entry.target = load(tokenHash, entry);
  cache.delete(tokenHash);
  // Map order is insertion order: the first key is the oldest entry.
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(tokenHash, entry);
  // A failed lookup (database down) is not remembered.
  entry.target.catch(() => cache.get(tokenHash) === entry && cache.delete(tokenHash));
  return entry.target;
}

async function load(tokenHash: string, entry: Entry): Promise<HookTarget | null> {
  // Cross-tenant by nature (the token is all we know); the one unscoped query of the receiver.
  const row = await db.integration.findUnique({
    where: { inboundTokenHash: tokenHash },
    select: { id: true, dataspaceId: true, type: true, name: true, isActive: true, config: true },
  });
  entry.integrationId = row?.id;
  if (!row || !row.isActive) return null;
  const tdb = scopedDb(row.dataspaceId);
  const secrets = await loadIntegrationSecrets(tdb, row.id);
  const { isActive: _, config, ...integration } = row;
  return { integration, config: (config ?? {}) as StoredConfig, secrets, tdb, loadedAt: Date.now() };
}

/** Drops cached lookups of an integration in this process (after an update, rotation or deletion). */
export function evictHookTarget(integrationId: string): void {
  for (const [hash, entry] of cache) if (entry.integrationId === integrationId) cache.delete(hash);
}

/** Every cached lookup, in this process. */
export function clearHookTargets(): void {
  cache.clear();
}

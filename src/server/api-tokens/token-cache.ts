/**
 * The lookup of a token by its hash runs on every API request, so it is cached in-process for a
 * few seconds: a revocation, a role change or a removal of the creator takes effect at once in the
 * process that made it (`evictApiToken`, called by revokeApiToken, changeMemberRole and
 * removeMember) and within TTL_MS on every other instance (no cross-instance signal yet). Unknown and revoked
 * tokens are cached as misses too, so repeated probes cost one query per TTL. Entries are
 * promises: a burst on a cold token makes one query, not one per request.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry<T> = { at: number; value: Promise<T>; tokenId?: string };

// On globalThis: the REST API may be served from server.ts's module graph and revocations come
// from Next's bundle; both must see one cache.
const shared = globalThis as { __switchboardApiTokens?: Map<string, Entry<unknown>> };
const cache = (shared.__switchboardApiTokens ??= new Map<string, Entry<unknown>>());

/**
 * The cached value for `tokenHash`, loading it when missing or older than TTL_MS. `load` reports
 * the token id it found through `found`, so an eviction by id finds the entry.
 */
export function cachedByTokenHash<T>(tokenHash: string, load: (found: (tokenId: string) => void) => Promise<T>): Promise<T> {
  const now = Date.now();
  const cached = cache.get(tokenHash) as Entry<T> | undefined;
  if (cached && now - cached.at >= 0 && now - cached.at < TTL_MS) return cached.value;
  const entry: Entry<T> = { at: now, value: undefined as unknown as Promise<T> };
  entry.value = load((tokenId) => (entry.tokenId = tokenId));
  cache.delete(tokenHash);
  // Map order is insertion order: the first key is the oldest entry.
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(tokenHash, entry);
  // A failed lookup (database down) is not remembered.
  entry.value.catch(() => cache.get(tokenHash) === entry && cache.delete(tokenHash));
  return entry.value;
}

/** Drops the cached lookup of a token in this process (after a revocation). */
export function evictApiToken(tokenId: string): void {
  for (const [hash, entry] of cache) if (entry.tokenId === tokenId) cache.delete(hash);
}

/** Every cached lookup, in this process. */
export function clearApiTokenCache(): void {
  cache.clear();
}

import type { Role } from "@/generated/prisma/enums";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { scopedDb, type ScopedDb } from "@/server/db/scoped";
import { tokenRole } from "./scopes";
import { cachedByTokenHash } from "./token-cache";
import { hashApiToken, looksLikeApiToken } from "./token-string";

/** Who an API request acts as: the token's dataspace and creator, with the token's scopes. */
export type ApiPrincipal = { tokenId: string; tenant: TenantContext; scopes: string[] };

/** What the cache keeps of a live token; `lastUsedAt` moves forward as this process records uses. */
type TokenRecord = {
  tokenId: string;
  dataspace: TenantContext["dataspace"];
  creatorId: string;
  creatorRole: Role | null; // null once the creator left the dataspace
  scopes: string[];
  expiresAt: number | null;
  lastUsedAt: number;
  tdb: ScopedDb;
};

// Last use is a hint for admins ("is this token still used?"), not an audit log: one write a
// minute per token keeps the hot path read-only.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The principal of a bearer token (the token, or a whole `Bearer <token>` header value), or null
 * for a malformed, unknown, revoked or expired token, or one whose creator is no longer a member.
 * The token acts as its creator, with the lower of their current role and what its scopes allow.
 */
export async function authenticateApiToken(bearer: string): Promise<ApiPrincipal | null> {
  const token = bearer.trim().replace(/^Bearer\s+/i, "");
  if (!looksLikeApiToken(token)) return null;
  const tokenHash = hashApiToken(token);
  const record = await cachedByTokenHash(tokenHash, (found) => load(tokenHash, found));
  if (!record || record.creatorRole === null) return null;
  const now = Date.now();
  if (record.expiresAt !== null && record.expiresAt <= now) return null;
  const role = tokenRole(record.creatorRole, record.scopes);
  if (!role) return null;
  await recordUse(record, now);
  return {
    tokenId: record.tokenId,
    tenant: { db: record.tdb, dataspace: { ...record.dataspace }, actor: { userId: record.creatorId, role } },
    scopes: [...record.scopes],
  };
}

async function load(tokenHash: string, found: (tokenId: string) => void): Promise<TokenRecord | null> {
  // Cross-tenant by nature (the token is all we know): the one unscoped read of authentication.
  const row = await db.apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      scopes: true,
      createdById: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      dataspace: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!row) return null;
  found(row.id);
  if (row.revokedAt) return null;
  const tdb = scopedDb(row.dataspace.id);
  const membership = await tdb.membership.findFirst({ where: { userId: row.createdById }, select: { role: true, createdAt: true } });
  // A token made during an earlier membership stays dead when its creator is invited back (tokens
  // are revoked on removal, src/server/dataspaces/members.ts; this also covers older removals).
  const member = membership && membership.createdAt <= row.createdAt ? membership : null;
  return {
    tokenId: row.id,
    dataspace: row.dataspace,
    creatorId: row.createdById,
    creatorRole: member?.role ?? null,
    scopes: row.scopes,
    expiresAt: row.expiresAt?.getTime() ?? null,
    lastUsedAt: row.lastUsedAt?.getTime() ?? 0,
    tdb,
  };
}

async function recordUse(record: TokenRecord, now: number): Promise<void> {
  if (now - record.lastUsedAt < TOUCH_INTERVAL_MS) return;
  record.lastUsedAt = now; // claimed before the write: concurrent requests do not all write
  try {
    // Conditional, so instances sharing the token still write about once a minute between them.
    await record.tdb.apiToken.updateMany({
      where: { id: record.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_INTERVAL_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  } catch (error) {
    // A missed "last used" must not fail the request it describes.
    console.error("Could not record an API token's last use", error);
  }
}

import { db } from "@/server/db/client";
import { hasClearCredential, openHeaders, sealHeaders } from "./header-secrets";

/**
 * Encrypts the credential headers that endpoints saved before header encryption still hold in
 * clear (a migration cannot: SQL has no key). Instance-wide, run by server.ts at start after the
 * migrations; each row is rewritten only if it is unchanged since it was read, so a concurrent
 * save wins. Returns how many endpoints it sealed.
 */
export async function sealLegacyHeaderSecrets(): Promise<number> {
  const rows = await db.webhookEndpoint.findMany({ select: { id: true, extraHeaders: true, updatedAt: true } });
  let sealed = 0;
  for (const row of rows) {
    if (!hasClearCredential(row.extraHeaders)) continue;
    const { count } = await db.webhookEndpoint.updateMany({
      where: { id: row.id, updatedAt: row.updatedAt },
      // The same updatedAt: sealing changes how a value is stored, not the endpoint (its ETag stays).
      data: { extraHeaders: sealHeaders(openHeaders(row.extraHeaders)), updatedAt: row.updatedAt },
    });
    sealed += count;
  }
  return sealed;
}

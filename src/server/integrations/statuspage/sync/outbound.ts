import { scopedDb } from "@/server/db/scoped";
import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { createStatuspageClient, type StatuspageClient } from "../api/client";
import { isStatuspageApiError } from "../api/errors";
import { readStatuspageSettings, type StatuspageOutboundSettings } from "../config";
import type { OutboundDeps } from "./steps";

/**
 * A Statuspage integration as the outbound sync sees it: its settings, its API key (in clear, for
 * this call only — never returned from a runtime step, whose output is stored) and a client.
 */
export type Outbound = {
  integrationId: string;
  dataspaceId: string;
  name: string;
  settings: StatuspageOutboundSettings;
  client: StatuspageClient;
};

export type IntegrationRef = { dataspaceId: string; integrationId: string };

/** Why an integration has no outbound side right now; the sync skips it, saying so. */
export type NoOutbound = { skipped: string };

export async function loadOutbound(dataspaceId: string, integrationId: string, deps: OutboundDeps = {}): Promise<Outbound | NoOutbound> {
  const tdb = scopedDb(dataspaceId);
  const row = await tdb.integration.findFirst({ where: { id: integrationId }, select: { id: true, type: true, name: true, isActive: true, config: true } });
  if (!row || row.type !== "STATUSPAGE") return { skipped: "the integration no longer exists" };
  if (!row.isActive) return { skipped: "the integration is inactive" };
  const settings = readStatuspageSettings(row.config);
  if (!settings) return { skipped: "the integration's config is not a Statuspage config" };
  const { apiKey } = await loadIntegrationSecrets(tdb, row.id);
  if (!apiKey) return { skipped: "no apiKey is configured: this integration only receives Statuspage's notifications" };
  const client = deps.clientFor?.(apiKey) ?? createStatuspageClient({ apiKey });
  return { integrationId: row.id, dataspaceId, name: row.name, settings, client };
}

export const isSkipped = (value: Outbound | NoOutbound): value is NoOutbound => "skipped" in value;

/**
 * Runs one API call of an integration and keeps its "needs attention" mark true to what happened:
 * a refused key, a missing role or an unknown page/component sets it with Statuspage's message
 * (the call then fails for good: retrying cannot fix it); a call that works clears it.
 */
export async function withAttention<T>(ref: IntegrationRef, call: () => Promise<T>): Promise<T> {
  const tdb = scopedDb(ref.dataspaceId);
  try {
    const result = await call();
    await clearAttention(tdb, ref);
    return result;
  } catch (error) {
    if (isStatuspageApiError(error) && error.needsAttention) await markAttention(tdb, ref, error.message);
    throw error;
  }
}

// Raw SQL for the sync's own bookkeeping: Prisma would bump `updatedAt`, which is the
// integration's last modification (and REST ETag) — a sync run is not an edit of it.
export async function markAttention(tdb: TenantDb, ref: IntegrationRef, message: string): Promise<void> {
  await tdb.$executeRaw`UPDATE "Integration" SET "attentionMessage" = ${message.slice(0, 2000)}, "attentionAt" = now()
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid`;
}

/** Clears the mark; writes nothing when there is none (the common case). */
export async function clearAttention(tdb: TenantDb, ref: IntegrationRef): Promise<void> {
  await tdb.$executeRaw`UPDATE "Integration" SET "attentionMessage" = NULL, "attentionAt" = NULL
    WHERE id = ${ref.integrationId}::uuid AND "dataspaceId" = ${ref.dataspaceId}::uuid AND "attentionMessage" IS NOT NULL`;
}

import { z } from "zod";
import { db } from "@/server/db/client";
import type { IntegrationRef } from "./target";

const FIRST_RUN_MS = 10 * 60_000;

/**
 * The cron tick's question, across every dataspace (hence the owner's client, listed in
 * test/architecture.test.ts): which active Datadog and New Relic integrations with an API key
 * forward metrics, claimed in the same statement (`claimedAt` = now) so that concurrent or
 * repeated ticks request one run each per minute at most. A forwarding seen for the first time
 * gets its state here, starting with the recent minutes.
 *
 * The 30-second tolerance: ticks come every minute, a little after it, and one firing a few
 * milliseconds earlier in its minute than the last must still claim.
 */
export async function claimDueForwardings(now: Date = new Date()): Promise<IntegrationRef[]> {
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - FIRST_RUN_MS);
  const rows = await db.$queryRaw<{ integrationId: string; dataspaceId: string }[]>`
    INSERT INTO "TelemetryForwarding" ("integrationId", "dataspaceId", "upTo", "claimedAt", "updatedAt")
    SELECT i.id, i."dataspaceId", ${start}, ${now}, ${now}
    FROM "Integration" i
    WHERE i.type IN ('DATADOG', 'NEW_RELIC') AND i."isActive" AND i.config ? 'apiKey'
      AND (i.config->'forwardMetrics' = '"all"'::jsonb
        OR (jsonb_typeof(i.config->'forwardMetrics') = 'array' AND jsonb_array_length(i.config->'forwardMetrics') > 0))
    ON CONFLICT ("integrationId") DO UPDATE SET "claimedAt" = EXCLUDED."claimedAt"
      WHERE "TelemetryForwarding"."claimedAt" IS NULL OR "TelemetryForwarding"."claimedAt" <= EXCLUDED."claimedAt" - interval '30 seconds'
    RETURNING "integrationId", "dataspaceId"`;
  return rows.map((row) => ({ dataspaceId: row.dataspaceId, integrationId: row.integrationId }));
}

/** The runtime event asking for one integration's forwarding run: from the cron tick, or "Forward now". */
export const FORWARD_REQUESTED = "telemetry/forward.requested";
export const forwardRequestedData = z.object({ dataspaceId: z.string().uuid(), integrationId: z.string().uuid() });

import { db } from "@/server/db/client";
import type { ReconcileRequest } from "./reconcile";

/**
 * The cron tick's question, across every dataspace (hence the owner's client, listed in
 * test/architecture.test.ts): which active Statuspage integrations with an API key are due a
 * reconcile — none yet, or the last one started at least their `reconcileIntervalMinutes` ago —
 * and claims them in the same statement (`reconcileStartedAt` = now), so concurrent or repeated
 * ticks claim each once. An integration that missed many intervals (the app was down) is due
 * once: one run, not one per missed interval.
 *
 * Ticks come every minute, a little after it; the 30-second tolerance keeps a 5-minute interval
 * at 5 minutes instead of slipping to 6 when this tick fired a few milliseconds earlier in its
 * minute than the one that claimed last.
 */
export async function claimDueReconciles(now: Date = new Date()): Promise<ReconcileRequest[]> {
  const rows = await db.$queryRaw<{ id: string; dataspaceId: string }[]>`
    UPDATE "Integration" SET "reconcileStartedAt" = ${now}
    WHERE type = 'STATUSPAGE' AND "isActive" AND config ? 'apiKey'
      AND ("reconcileStartedAt" IS NULL
        OR "reconcileStartedAt" <= ${now}::timestamptz + interval '30 seconds' - make_interval(mins =>
             CASE WHEN config->>'reconcileIntervalMinutes' ~ '^[0-9]{1,4}$' THEN (config->>'reconcileIntervalMinutes')::int ELSE 5 END))
    RETURNING id, "dataspaceId"`;
  return rows.map((row) => ({ dataspaceId: row.dataspaceId, integrationId: row.id }));
}

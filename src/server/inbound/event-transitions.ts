import type { IntegrationType } from "@/generated/prisma/enums";
import type { ScopedDb, ScopedTx } from "@/server/db/scoped";
import type { StoredConfig } from "@/server/integrations/provider";

/**
 * The set-based state changes of processing, one statement for a whole group: each appends to
 * its rows' logs in SQL (`log || …`), which Prisma's updates cannot, and each row's guard
 * (dispatch, attempts, status) is checked per row. Each names its rows by primary key
 * (`id = ANY(…)`) besides the joined guard list: without it the planner went through the
 * (integration, status) index — every unfinished row of the integration — and a claim of 70
 * events took 12 ms instead of a fraction of one (pg_stat_statements, under load). Raw SQL is not rewritten by the scoped client's
 * extension, so every statement names its dataspace itself (and row-level security, which the
 * scoped client's transactions enter, would hide another dataspace's rows anyway).
 */
export type Claim = { id: string; dispatch: number };
export type ClaimedEvent = {
  id: string;
  attempts: number;
  eventType: string;
  providerDeliveryId: string | null;
  receivedAt: Date;
  body: string;
  contentType: string | null;
  integration: { id: string; name: string; type: IntegrationType; config: StoredConfig };
};
export type Finished = { id: string; attempts: number; type: string | null; message: string };

/**
 * RECEIVED/PROCESSING → PROCESSING for the rows still on the dispatch that names them, attempts
 * + 1, logged; returns what processing needs of each (the body, its integration) in the same
 * statement. A second run of the same dispatch (the runtime delivers at least once) claims the
 * rows again, so the first run's `finishEvents` no longer matches their attempts: the event is
 * still published once.
 */
export async function claimEvents(tdb: ScopedDb, dataspaceId: string, claims: Claim[], at: Date): Promise<ClaimedEvent[]> {
  if (claims.length === 0) return [];
  const rows = await tdb.$queryRaw<(Omit<ClaimedEvent, "integration"> & { integrationId: string; integrationName: string; integrationType: IntegrationType; integrationConfig: StoredConfig | null })[]>`
    WITH claimed AS (
      UPDATE "WebhookEvent" AS w
      SET status = 'PROCESSING', attempts = w.attempts + 1,
          log = w.log || jsonb_build_array(jsonb_build_object('at', ${at.toISOString()}::text, 'message', 'Processing (attempt ' || (w.attempts + 1) || ')'))
      FROM jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) AS c(id uuid, dispatch int)
      WHERE w.id = ANY(${claims.map((c) => c.id)}::uuid[]) AND w.id = c.id AND w."dataspaceId" = ${dataspaceId}::uuid AND w.dispatch = c.dispatch
        AND w.status IN ('RECEIVED', 'PROCESSING')
      RETURNING w.id, w.attempts, w."eventType", w."providerDeliveryId", w."receivedAt", w.body, w.headers->>'content-type' AS "contentType", w."integrationId"
    )
    SELECT claimed.*, i.name AS "integrationName", i.type::text AS "integrationType", i.config AS "integrationConfig"
    FROM claimed JOIN "Integration" AS i ON i.id = claimed."integrationId" AND i."dataspaceId" = ${dataspaceId}::uuid`;
  return rows.map(({ integrationId, integrationName, integrationType, integrationConfig, ...row }) => ({
    ...row,
    integration: { id: integrationId, name: integrationName, type: integrationType, config: integrationConfig ?? {} },
  }));
}

/** PROCESSING → PROCESSED for rows this run owns; returns how many moved (fewer: another run got there). */
export function finishEvents(tx: ScopedTx, dataspaceId: string, rows: Finished[], at: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "WebhookEvent" AS w
    SET status = 'PROCESSED', "processedAt" = ${at}, "domainEventType" = f.type, error = NULL,
        log = w.log || jsonb_build_array(jsonb_build_object('at', ${at.toISOString()}::text, 'message', f.message))
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS f(id uuid, attempts int, type text, message text)
    WHERE w.id = ANY(${rows.map((row) => row.id)}::uuid[]) AND w.id = f.id AND w."dataspaceId" = ${dataspaceId}::uuid AND w.attempts = f.attempts AND w.status = 'PROCESSING'`;
}

/**
 * One row's failed attempt: the error stored and logged. `final` ends it FAILED (an error a retry
 * cannot fix); otherwise it stays PROCESSING for the runtime's retry.
 */
export function recordEventError(tdb: ScopedDb, dataspaceId: string, row: { id: string; attempts: number }, error: string, at: Date, final: boolean) {
  const message = `Attempt ${row.attempts} failed: ${error}${final ? " (not retried)" : ""}`;
  return tdb.$executeRaw`
    UPDATE "WebhookEvent"
    SET error = ${error}, status = ${final ? "FAILED" : "PROCESSING"}::"WebhookEventStatus",
        log = log || jsonb_build_array(jsonb_build_object('at', ${at.toISOString()}::text, 'message', ${message}::text))
    WHERE id = ${row.id}::uuid AND "dataspaceId" = ${dataspaceId}::uuid AND attempts = ${row.attempts} AND status = 'PROCESSING'`;
}

/** The runtime gave up on a group: its events not yet done end FAILED, each with its own last error if it had one. */
export function failEvents(tdb: ScopedDb, dataspaceId: string, refs: { id: string; dispatch: number }[], error: string, at: Date) {
  return tdb.$executeRaw`
    UPDATE "WebhookEvent" AS w
    SET status = 'FAILED', error = COALESCE(w.error, ${error}),
        log = w.log || jsonb_build_array(jsonb_build_object('at', ${at.toISOString()}::text, 'message', 'Failed: ' || COALESCE(w.error, ${error}::text)))
    FROM jsonb_to_recordset(${JSON.stringify(refs)}::jsonb) AS r(id uuid, dispatch int)
    WHERE w.id = ANY(${refs.map((ref) => ref.id)}::uuid[]) AND w.id = r.id AND w."dataspaceId" = ${dataspaceId}::uuid AND w.dispatch = r.dispatch AND w.status IN ('RECEIVED', 'PROCESSING')`;
}

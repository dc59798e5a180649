import { Prisma } from "@/generated/prisma/client";
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
  /** The number of the attempt being made. */
  attempts: number;
  dispatch: number;
  eventType: string;
  providerDeliveryId: string | null;
  receivedAt: Date;
  body: string;
  contentType: string | null;
  integration: { id: string; name: string; type: IntegrationType; config: StoredConfig };
};
export type Finished = { id: string; attempts: number; dispatch: number; type: string | null; message: string };

/**
 * The rows of `claims` still on the dispatch that names them and not finished, with what
 * processing needs of each (the body, its integration), in one statement that writes nothing:
 * handing a row to the runtime already made it PROCESSING (dispatch-webhook-events.ts), and
 * `attempts` is the number of the attempt about to be made. The attempt is counted and logged
 * ("Processing (attempt n)") by the one write that ends it — `finishEvents` or
 * `recordEventError` — guarded by the attempts and dispatch read here: of two runs of one
 * dispatch (the runtime delivers at least once), or a run overtaken by a replay, only the first
 * to finish writes, so an event is published once per successful processing. One write per
 * attempt instead of a claim and a finish: each rewrites the row, its body and every index on it.
 */
export async function readEvents(tdb: ScopedDb, dataspaceId: string, claims: Claim[]): Promise<ClaimedEvent[]> {
  if (claims.length === 0) return [];
  const rows = await tdb.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS}
    FROM "WebhookEvent" AS w
    JOIN jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) AS c(id uuid, dispatch int) ON w.id = c.id AND w.dispatch = c.dispatch
    JOIN "Integration" AS i ON i.id = w."integrationId" AND i."dataspaceId" = ${dataspaceId}::uuid
    WHERE w.id = ANY(${claims.map((c) => c.id)}::uuid[]) AND w."dataspaceId" = ${dataspaceId}::uuid AND w.status IN ('RECEIVED', 'PROCESSING')`;
  return rows.map(withIntegration);
}

/** What processing reads of an event (`w`) and its integration (`i`): an `EventRow`, the attempt about to be made counted in. */
const EVENT_COLUMNS = Prisma.raw(
  `w.id, w.attempts + 1 AS attempts, w.dispatch, w."eventType", w."providerDeliveryId", w."receivedAt", w.body, w.headers->>'content-type' AS "contentType",
   w."integrationId", i.name AS "integrationName", i.type::text AS "integrationType", i.config AS "integrationConfig"`,
);

type EventRow = Omit<ClaimedEvent, "integration"> & { integrationId: string; integrationName: string; integrationType: IntegrationType; integrationConfig: StoredConfig | null };

const withIntegration = ({ integrationId, integrationName, integrationType, integrationConfig, ...row }: EventRow): ClaimedEvent => ({
  ...row,
  integration: { id: integrationId, name: integrationName, type: integrationType, config: integrationConfig ?? {} },
});

/**
 * Events of these integrations already handed to the runtime in later groups (PROCESSING, never
 * attempted since: no error), oldest first, besides `taken`: a run processes them with its own
 * group, so a backlog is worked off in large groups — a run costs far more than a row — and the
 * runs that carry them find them done. Read like `readEvents`, and guarded the same way.
 */
export async function readHandedOver(tdb: ScopedDb, dataspaceId: string, integrationIds: string[], taken: string[], limit: number): Promise<ClaimedEvent[]> {
  if (integrationIds.length === 0 || limit <= 0) return [];
  const rows = await tdb.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS}
    FROM "WebhookEvent" AS w
    JOIN "Integration" AS i ON i.id = w."integrationId" AND i."dataspaceId" = ${dataspaceId}::uuid
    WHERE w."integrationId" = ANY(${integrationIds}::uuid[]) AND w."dataspaceId" = ${dataspaceId}::uuid AND w.status = 'PROCESSING'
      AND w.error IS NULL AND w."queuedAt" IS NULL AND w.id <> ALL(${taken}::uuid[])
    ORDER BY w.id LIMIT ${limit}`;
  return rows.map(withIntegration);
}

/** The log lines of attempt `f.attempts`: that it started, and how it ended. */
const ATTEMPT_LOG = Prisma.raw(
  `jsonb_build_array(jsonb_build_object('at', f.at, 'message', 'Processing (attempt ' || f.attempts || ')'), jsonb_build_object('at', f.at, 'message', f.message))`,
);

/** → PROCESSED for rows no other run or replay got to first; returns how many moved (fewer: one did). */
export function finishEvents(tx: ScopedTx, dataspaceId: string, rows: Finished[], at: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "WebhookEvent" AS w
    SET status = 'PROCESSED', attempts = f.attempts, "processedAt" = ${at}, "domainEventType" = f.type, error = NULL, log = w.log || ${ATTEMPT_LOG}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, attempts int, dispatch int, type text, message text)
    CROSS JOIN LATERAL (SELECT r.id, r.attempts, r.dispatch, r.type, r.message, ${at.toISOString()}::text AS at) AS f
    WHERE w.id = ANY(${rows.map((row) => row.id)}::uuid[]) AND w.id = f.id AND w."dataspaceId" = ${dataspaceId}::uuid
      AND w.attempts = f.attempts - 1 AND w.dispatch = f.dispatch AND w.status IN ('RECEIVED', 'PROCESSING')`;
}

/**
 * One row's failed attempt: counted, the error stored and logged. `final` ends it FAILED (an
 * error a retry cannot fix); otherwise it stays PROCESSING for the runtime's retry.
 */
export function recordEventError(tdb: ScopedDb, dataspaceId: string, row: { id: string; attempts: number; dispatch: number }, error: string, at: Date, final: boolean) {
  const message = `Attempt ${row.attempts} failed: ${error}${final ? " (not retried)" : ""}`;
  return tdb.$executeRaw`
    UPDATE "WebhookEvent" AS w
    SET error = ${error}, status = ${final ? "FAILED" : "PROCESSING"}::"WebhookEventStatus", attempts = f.attempts, log = w.log || ${ATTEMPT_LOG}
    FROM (SELECT ${row.attempts}::int AS attempts, ${at.toISOString()}::text AS at, ${message}::text AS message) AS f
    WHERE w.id = ${row.id}::uuid AND w."dataspaceId" = ${dataspaceId}::uuid AND w.attempts = f.attempts - 1 AND w.dispatch = ${row.dispatch}
      AND w.status IN ('RECEIVED', 'PROCESSING')`;
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

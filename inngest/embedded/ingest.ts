import { randomUUID } from "node:crypto";
import type { PoolClient } from "pg";
import { matches } from "./expressions";
import { concurrencyKeys, idempotencyKey, throttleKey } from "./flow-control";
import type { Registry } from "./registry";
import { continueIfIdle, createRuns, lockRun, storeSteps, type NewRun } from "./run-state";
import { asJson } from "./store";

/**
 * Accepting events, in the caller's transaction: deduplicate by id (24 h, as Inngest), log,
 * start the runs they trigger, and resume runs waiting for them. Once this commits, the events
 * are the executor's responsibility; the event API answers only after that.
 */
export type IncomingEvent = { id?: string; name: string; data?: Record<string, unknown>; ts?: number; v?: string; user?: unknown };
export type AcceptedEvent = { id: string; name: string; data: Record<string, unknown>; ts: number; v?: string };

const DEDUPE_TTL = "24 hours";

/** Claims dedupe keys; returns those that were free (first use, or expired). */
export async function claimKeys(c: PoolClient, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await c.query<{ key: string }>(
    `INSERT INTO runtime_dedupe (key, expires_at) SELECT DISTINCT unnest($1::text[]), now() + interval '${DEDUPE_TTL}'
     ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE runtime_dedupe.expires_at < now()
     RETURNING key`,
    [keys],
  );
  return new Set(rows.map((row) => row.key));
}

export type IngestResult = { ids: string[]; runIds: string[]; resumedRunIds: string[] };

export async function ingestEvents(c: PoolClient, registry: Registry, incoming: IncomingEvent[]): Promise<IngestResult> {
  const now = Date.now();
  const events = incoming.map((e) => ({ eventId: e.id ?? null, event: { id: e.id ?? randomUUID(), name: e.name, data: e.data ?? {}, ts: e.ts ?? now, ...(e.v ? { v: e.v } : {}) } }));
  const fresh = await claimKeys(c, events.filter((e) => e.eventId).map((e) => `event:${e.eventId}`));
  const seen = new Set<string>();
  const accepted = events.filter((e) => {
    if (!e.eventId) return true;
    const key = `event:${e.eventId}`;
    if (!fresh.has(key) || seen.has(key)) return false; // a duplicate, in this batch or within 24 h
    seen.add(key);
    return true;
  });
  if (accepted.length === 0) return { ids: events.map((e) => e.event.id), runIds: [], resumedRunIds: [] };

  const logged = accepted.map((e) => ({ rowId: randomUUID(), ...e }));
  await c.query(
    `INSERT INTO runtime_event (id, event_id, name, data, ts)
     SELECT x."rowId", x."eventId", x.event->>'name', x.event->'data', (x.event->>'ts')::bigint
     FROM jsonb_to_recordset($1::jsonb) AS x("rowId" uuid, "eventId" text, event jsonb)`,
    [asJson(logged)],
  );

  const runs: (NewRun & { idempotency: string | null })[] = [];
  for (const { rowId, event } of logged) {
    for (const def of registry.match(event)) {
      runs.push({
        functionId: def.id,
        eventId: rowId,
        event,
        concurrencyKeys: concurrencyKeys(def, event),
        throttleKey: throttleKey(def, event),
        idempotency: idempotencyKey(def, event),
      });
    }
  }
  const free = await claimKeys(c, runs.flatMap((run) => (run.idempotency ? [run.idempotency] : [])));
  const startable = runs.filter((run) => !run.idempotency || free.delete(run.idempotency));
  const runIds = await createRuns(c, startable);
  const resumedRunIds = await resumeWaits(c, logged.map((l) => l.event));
  return { ids: events.map((e) => e.event.id), runIds, resumedRunIds };
}

/** Resumes runs whose step.waitForEvent matches one of these events (the first match wins). */
async function resumeWaits(c: PoolClient, events: AcceptedEvent[]): Promise<string[]> {
  const names = [...new Set(events.map((e) => e.name))];
  const { rows } = await c.query<{ id: string; run_id: string; step_id: string; name: string; event_name: string; expression: string | null; event: unknown }>(
    `SELECT w.id, w.run_id, w.step_id, w.name, w.event_name, w.expression, r.event FROM runtime_wait w JOIN runtime_run r ON r.id = w.run_id
     WHERE w.event_name = ANY($1::text[]) ORDER BY w.run_id, w.id`,
    [names],
  );
  const resumed: string[] = [];
  for (const wait of rows) {
    const hit = events.find((e) => e.name === wait.event_name && matchesWait(wait, e));
    if (!hit) continue;
    if (!(await lockRun(c, wait.run_id))) continue;
    // Deleting the wait is what makes the match happen once, against its timeout too.
    const { rowCount } = await c.query("DELETE FROM runtime_wait WHERE id = $1", [wait.id]);
    if (!rowCount) continue;
    await c.query("DELETE FROM runtime_job WHERE run_id = $1 AND step_id = $2 AND kind = 'WAIT_TIMEOUT'", [wait.run_id, wait.step_id]);
    await storeSteps(c, wait.run_id, [{ stepId: wait.step_id, name: wait.name, op: "WaitForEvent", output: { type: "data", data: hit } }]);
    await continueIfIdle(c, wait.run_id);
    resumed.push(wait.run_id);
  }
  return resumed;
}

function matchesWait(wait: { expression: string | null; event: unknown }, incoming: AcceptedEvent): boolean {
  return !wait.expression || matches(wait.expression, { event: wait.event, async: incoming });
}

import { randomUUID } from "node:crypto";
import type { PoolClient } from "pg";
import type { StepMemo } from "./protocol";
import { asJson } from "./store";

/**
 * State transitions of runs and steps, each called inside the caller's transaction. The rules:
 * a stored step is final (ON CONFLICT DO NOTHING); a run with no pending job (planned step,
 * sleep, wait, invoke) gets one "discover" call to find its next step.
 */
export type NewRun = {
  id?: string;
  functionId: string;
  eventId: string;
  event: unknown;
  concurrencyKeys: string[];
  throttleKey: string | null;
  parentRunId?: string | null;
  parentStepId?: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The run's tenant, for the Runs page: the trigger event's `data.dataspaceId`; for an onFailure
 * run, that of the failed run's event. Anything that is not a uuid is no tenant (the executor
 * accepts any event).
 */
export function dataspaceOf(event: unknown): string | null {
  const data = (event as { name?: string; data?: { dataspaceId?: unknown; event?: { data?: { dataspaceId?: unknown } } } } | null)?.data;
  const id = data?.dataspaceId ?? ((event as { name?: string } | null)?.name === "inngest/function.failed" ? data?.event?.data?.dataspaceId : undefined);
  return typeof id === "string" && UUID.test(id) ? id : null;
}

export async function createRuns(c: PoolClient, runs: NewRun[]): Promise<string[]> {
  if (runs.length === 0) return [];
  const rows = runs.map((run) => ({
    ...run,
    id: run.id ?? randomUUID(),
    parentRunId: run.parentRunId ?? null,
    parentStepId: run.parentStepId ?? null,
    dataspaceId: dataspaceOf(run.event),
  }));
  await c.query(
    `INSERT INTO runtime_run (id, function_id, event_id, event, dataspace_id, concurrency_keys, throttle_key, parent_run_id, parent_step_id)
     SELECT x.id, x."functionId", x."eventId", x.event,
            -- An invoked run belongs to its parent's tenant, whatever its payload says.
            CASE WHEN x."parentRunId" IS NULL THEN x."dataspaceId" ELSE (SELECT p.dataspace_id FROM runtime_run p WHERE p.id = x."parentRunId") END,
            ARRAY(SELECT jsonb_array_elements_text(x."concurrencyKeys")), x."throttleKey", x."parentRunId", x."parentStepId"
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "functionId" text, "eventId" uuid, event jsonb, "dataspaceId" uuid, "concurrencyKeys" jsonb, "throttleKey" text, "parentRunId" uuid, "parentStepId" text)`,
    [asJson(rows)],
  );
  await c.query(
    `INSERT INTO runtime_job (run_id, kind, step_id) SELECT unnest($1::uuid[]), 'CALL', 'step'`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => row.id);
}

export type StoredStep = { stepId: string; name: string; op: string; output: StepMemo; attempts?: number; startedAt?: Date | null };

export async function storeSteps(c: PoolClient, runId: string, steps: StoredStep[]): Promise<void> {
  if (steps.length === 0) return;
  await c.query(
    `INSERT INTO runtime_step (run_id, step_id, name, op, output, attempts, started_at)
     SELECT $1, x."stepId", x.name, x.op, x.output, coalesce(x.attempts, 1), x."startedAt"
     FROM jsonb_to_recordset($2::jsonb) AS x("stepId" text, name text, op text, output jsonb, attempts int, "startedAt" timestamptz)
     ON CONFLICT (run_id, step_id) DO NOTHING`,
    [runId, asJson(steps)],
  );
}

/** Locks the run for this transaction; null when it no longer runs (finished or cancelled). */
export async function lockRun(c: PoolClient, runId: string): Promise<{ status: string; functionId: string } | null> {
  const { rows } = await c.query<{ status: string; function_id: string }>("SELECT status, function_id FROM runtime_run WHERE id = $1 FOR UPDATE", [runId]);
  const row = rows[0];
  return row && (row.status === "QUEUED" || row.status === "RUNNING") ? { status: row.status, functionId: row.function_id } : null;
}

/** Queues the next discovery call when nothing else is pending for the run. */
export async function continueIfIdle(c: PoolClient, runId: string): Promise<boolean> {
  const { rowCount } = await c.query(
    `INSERT INTO runtime_job (run_id, kind, step_id)
     SELECT $1, 'CALL', 'step' WHERE NOT EXISTS (SELECT 1 FROM runtime_job WHERE run_id = $1)`,
    [runId],
  );
  return (rowCount ?? 0) > 0;
}

export type Ending = { status: "COMPLETED"; output: unknown } | { status: "FAILED" | "CANCELLED"; error: unknown };

/**
 * Ends a run, drops its pending work and, for a run started by step.invoke, hands its result to
 * the parent's step. `startedAt` is when the ending call began: a run that ends in its first call
 * started then, not at the commit (its duration would read 0 ms). Returns the parent's id when that parent now has work due.
 */
export async function endRun(c: PoolClient, runId: string, ending: Ending, startedAt: Date | null = null): Promise<{ parentRunId: string | null }> {
  const output = ending.status === "COMPLETED" ? ending.output : null;
  const error = ending.status === "COMPLETED" ? null : ending.error;
  const { rows } = await c.query<{ parent_run_id: string | null; parent_step_id: string | null }>(
    `UPDATE runtime_run SET status = $2, output = $3::jsonb, error = $4::jsonb, ended_at = now(), started_at = coalesce(started_at, $5, now())
     WHERE id = $1 RETURNING parent_run_id, parent_step_id`,
    [runId, ending.status, JSON.stringify(output ?? null), JSON.stringify(error), startedAt],
  );
  await c.query("DELETE FROM runtime_job WHERE run_id = $1", [runId]);
  await c.query("DELETE FROM runtime_wait WHERE run_id = $1", [runId]);
  const parent = rows[0];
  if (!parent?.parent_run_id || !parent.parent_step_id) return { parentRunId: null };
  if (!(await lockRun(c, parent.parent_run_id))) return { parentRunId: null };
  // The parent's timeout job is the marker that it still waits; gone means it timed out already.
  const { rows: marker } = await c.query<{ data: { name?: string } | null }>(
    "DELETE FROM runtime_job WHERE run_id = $1 AND step_id = $2 AND kind = 'INVOKE_TIMEOUT' RETURNING data",
    [parent.parent_run_id, parent.parent_step_id],
  );
  if (marker.length === 0) return { parentRunId: null };
  const memo: StepMemo = ending.status === "COMPLETED" ? { type: "data", data: output } : { type: "error", error };
  const name = marker[0].data?.name ?? parent.parent_step_id;
  await storeSteps(c, parent.parent_run_id, [{ stepId: parent.parent_step_id, name, op: "InvokeFunction", output: memo }]);
  await continueIfIdle(c, parent.parent_run_id);
  return { parentRunId: parent.parent_run_id };
}

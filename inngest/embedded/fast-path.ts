import type { Pool } from "pg";
import { batcherFor, type Batcher } from "./batcher";
import type { StepMemo } from "./protocol";

/**
 * The common case in one statement: a run that is not in parallel mode answered with exactly
 * one finished step. Such a run has exactly one pending job (this one), so no other transaction
 * can race it for "is anything else pending?", and the run-row lock guards against a cancel.
 * Store the step, replace this job by the next discovery call (already claimed, so this process
 * runs it directly) — one round trip instead of a transaction of seven.
 */
const STEP_DONE = `
  WITH run AS (
    SELECT id FROM runtime_run WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') FOR UPDATE
  ), gone AS (
    DELETE FROM runtime_job WHERE id = $2
  ), step AS (
    INSERT INTO runtime_step (run_id, step_id, name, op, output, attempts, started_at)
    SELECT id, $3, $4, 'StepRun', $5::jsonb, $6, $7 FROM run
    ON CONFLICT (run_id, step_id) DO NOTHING
  ), touched AS (
    UPDATE runtime_run r SET status = 'RUNNING', started_at = coalesce(r.started_at, $7)
    FROM run WHERE r.id = run.id AND (r.status <> 'RUNNING' OR r.started_at IS NULL)
  )
  INSERT INTO runtime_job (run_id, kind, step_id, claimed) SELECT id, 'CALL', 'step', true FROM run RETURNING id`;

export async function storeStepAndContinue(
  pool: Pool,
  input: { runId: string; jobId: string; stepId: string; name: string; output: StepMemo; attempts: number; startedAt: Date },
): Promise<{ nextJobId: string } | null> {
  const { rows } = await pool.query<{ id: string }>(STEP_DONE, [
    input.runId,
    input.jobId,
    input.stepId,
    input.name,
    JSON.stringify(input.output),
    input.attempts,
    input.startedAt,
  ]);
  return rows[0] ? { nextJobId: rows[0].id } : null;
}

/**
 * A checkpointed run's usual ending: its answer is just "RunComplete". One statement (for all
 * runs ending meanwhile, see batcher.ts) ends runs not started by step.invoke (a parent to
 * resume needs the full transaction, run-state.ts `endRun`); false = take the full path (or the
 * run ended meanwhile).
 */
const RUNS_DONE = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("runId" uuid, output jsonb, "startedAt" timestamptz)
  ), run AS (
    SELECT r.id FROM runtime_run r JOIN input i ON i."runId" = r.id
    WHERE r.status IN ('QUEUED', 'RUNNING') AND r.parent_run_id IS NULL ORDER BY r.id FOR UPDATE OF r
  ), done AS (
    UPDATE runtime_run r SET status = 'COMPLETED', output = coalesce(i.output, 'null'::jsonb), error = 'null'::jsonb, ended_at = now(), started_at = coalesce(r.started_at, i."startedAt", now())
    FROM input i JOIN run ON run.id = i."runId" WHERE r.id = run.id RETURNING r.id
  ), jobs AS (
    DELETE FROM runtime_job WHERE run_id IN (SELECT id FROM run)
  ), waits AS (
    DELETE FROM runtime_wait WHERE run_id IN (SELECT id FROM run)
  )
  SELECT id FROM done`;

const completions = new WeakMap<Pool, Batcher<{ runId: string; output: unknown; startedAt: Date }, boolean>>();

export function completeRun(pool: Pool, runId: string, output: unknown, startedAt: Date): Promise<boolean> {
  return batcherFor(completions, pool, async (inputs) => {
    const { rows } = await pool.query<{ id: string }>(RUNS_DONE, [JSON.stringify(inputs)]);
    const done = new Set(rows.map((row) => row.id));
    return inputs.map((i) => done.has(i.runId));
  }).push({ runId, output: output ?? null, startedAt });
}

/**
 * Memoized steps of runs in progress, so a call does not re-read them. Only the fast path
 * appends; every other writer of a run's steps drops its entry (see `forget`).
 */
export class MemoCache {
  private runs = new Map<string, { stepId: string; output: StepMemo }[]>();

  constructor(private max = 20_000) {}

  get(runId: string) {
    return this.runs.get(runId);
  }

  set(runId: string, steps: { stepId: string; output: StepMemo }[]): void {
    if (this.runs.size >= this.max) this.runs.delete(this.runs.keys().next().value!);
    this.runs.set(runId, steps);
  }

  forget(runId: string | null | undefined): void {
    if (runId) this.runs.delete(runId);
  }
}

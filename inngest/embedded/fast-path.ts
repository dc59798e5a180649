import type { Pool } from "pg";
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
    UPDATE runtime_run r SET status = 'RUNNING', started_at = coalesce(r.started_at, $7) FROM run WHERE r.id = run.id
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

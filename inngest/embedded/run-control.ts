import pg from "pg";
import type { CancelOutcome, RerunOutcome } from "@/server/runtime/port";
import { concurrencyKeys, throttleKey } from "./flow-control";
import type { FunctionDef } from "./registry";
import { createRuns, endRun } from "./run-state";
import { createPool, inTransaction } from "./store";

/**
 * What an operator does to a run from outside the executor: cancel it, or run it again. Both are
 * plain state changes in PostgreSQL, so they work from any process (the app's Runs page) while
 * the executor keeps running; its safety poll picks up the work they queue within `pollMs`.
 */


/**
 * QUEUED/RUNNING (sleeping and waiting runs are RUNNING) → CANCELLED, in one transaction with
 * dropping its pending jobs and waits (endRun), under the run's row lock. Every executor write
 * takes that lock and re-checks the status (lockRun, the fast path's STEP_DONE), so a call that
 * was in flight meanwhile finishes without storing anything or scheduling more. A parent waiting
 * on this run through step.invoke gets the cancellation as its step's error, as with Inngest.
 * Returns null for an unknown run.
 */
export async function cancelRun(c: pg.PoolClient, runId: string, reason: string): Promise<CancelOutcome> {
  const { rows } = await c.query<{ status: string }>("SELECT status FROM runtime_run WHERE id = $1 FOR UPDATE", [runId]);
  const run = rows[0];
  if (!run) return null;
  if (run.status !== "QUEUED" && run.status !== "RUNNING") return { cancelled: false, status: run.status };
  await endRun(c, runId, { status: "CANCELLED", error: { name: "RunCancelled", message: reason } });
  return { cancelled: true };
}


/**
 * Inngest's "rerun": a new, independent run of the same function with the same trigger event.
 * Flow-control keys are computed from the function's current config, as for a new event; the
 * function's idempotency key is deliberately not claimed (rerunning is the explicit exception).
 */
export async function rerunRun(c: pg.PoolClient, runId: string): Promise<RerunOutcome> {
  const { rows } = await c.query<{ function_id: string; event_id: string; event: unknown; config: FunctionDef | null }>(
    `SELECT r.function_id, r.event_id, r.event, f.config FROM runtime_run r LEFT JOIN runtime_function f ON f.id = r.function_id WHERE r.id = $1`,
    [runId],
  );
  const run = rows[0];
  if (!run) return { error: "RUN_NOT_FOUND" };
  if (!run.config) return { error: "FUNCTION_GONE" };
  const [id] = await createRuns(c, [
    {
      functionId: run.function_id,
      eventId: run.event_id,
      event: run.event,
      concurrencyKeys: concurrencyKeys(run.config, run.event),
      throttleKey: throttleKey(run.config, run.event),
    },
  ]);
  return { runId: id };
}

/**
 * One transaction on a connection of its own: these are rare operator actions, and the app's
 * Prisma pool speaks Prisma, not the executor's pg client API.
 */
export async function inRuntimeTransaction<T>(databaseUrl: string, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = createPool(databaseUrl, 1);
  try {
    return await inTransaction(pool, work);
  } finally {
    await pool.end();
  }
}

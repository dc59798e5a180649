import type { PoolClient } from "pg";
import { continueIfIdle, lockRun, storeSteps } from "./run-state";
import type { ClaimedJob } from "./runner";

/**
 * Timers that end a step without calling the function: a sleep ends, a wait or an invoke times
 * out. Each resolves its step once (the wait/invoke marker is deleted in the same transaction)
 * and queues the next discovery call. Returns whether the run has work due now.
 */
export async function fireTimer(c: PoolClient, job: ClaimedJob): Promise<boolean> {
  const runId = job.run_id!;
  await c.query("DELETE FROM runtime_job WHERE id = $1", [job.id]);
  if (!(await lockRun(c, runId))) return false;
  const name = String(job.data?.name ?? job.step_id);
  if (job.kind === "SLEEP") {
    await storeSteps(c, runId, [{ stepId: job.step_id, name, op: "Sleep", output: { type: "data", data: null } }]);
  } else if (job.kind === "WAIT_TIMEOUT") {
    const { rowCount } = await c.query("DELETE FROM runtime_wait WHERE run_id = $1 AND step_id = $2", [runId, job.step_id]);
    if (!rowCount) return false; // an event matched first
    await storeSteps(c, runId, [{ stepId: job.step_id, name, op: "WaitForEvent", output: { type: "data", data: null } }]);
  } else if (job.kind === "INVOKE_TIMEOUT") {
    const error = { name: "InngestInvokeTimeoutError", message: "Timed out waiting for the invoked function to complete" };
    await storeSteps(c, runId, [{ stepId: job.step_id, name, op: "InvokeFunction", output: { type: "error", error } }]);
  }
  return continueIfIdle(c, runId);
}

import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { parseRetryAfter, retryDelayMs } from "./backoff";
import { resolveTime } from "./durations";
import type { Dispatches } from "./checkpoint";
import { completeRun, storeStepAndContinue, type MemoCache } from "./fast-path";
import { concurrencyKeys, throttleKey } from "./flow-control";
import { ingestEvents } from "./ingest";
import { invokeFunction, type InvokeResult, type OutgoingOp, type StepMemo } from "./protocol";
import type { FunctionDef, Registry } from "./registry";
import { continueIfIdle, createRuns, endRun, lockRun, storeSteps, type Ending, type StoredStep } from "./run-state";
import { inTransaction } from "./store";

/**
 * Runs one claimed job to its next durable state: calls the function over HTTP (or applies a
 * timer), then records what happened in one transaction. Nothing is written before the answer,
 * so a crash mid-call leaves the job to be claimed again; a stored step is never run again.
 */
export type ClaimedJob = {
  id: string;
  run_id: string | null;
  kind: "CALL" | "SLEEP" | "WAIT_TIMEOUT" | "INVOKE_TIMEOUT" | "CRON";
  step_id: string;
  attempt: number;
  data: Record<string, unknown> | null;
  function_id: string | null;
  event: unknown;
  plan_all: boolean | null;
  /** The run has not started yet, so it has no stored step to read. */
  first_call?: boolean;
};

export type RunnerDeps = {
  pool: Pool;
  registry: Registry;
  signingKey?: string;
  requestTimeoutMs: number;
  maxBackoffMs?: number;
  log: (message: string) => void;
  /** Called after a commit that queued work due at `at` (ms epoch). */
  scheduled: (at: number) => void;
  /** Runs a job this process already claimed (the next call of a run, without a claim query). */
  continueWith: (job: ClaimedJob) => void;
  memo: MemoCache;
  dispatches: Dispatches;
};

const FAR_FUTURE_MS = 365 * 86_400_000;

export async function runCall(deps: RunnerDeps, job: ClaimedJob, isAlive: () => boolean): Promise<void> {
  const runId = job.run_id!;
  const def = deps.registry.get(job.function_id ?? "");
  if (!def) {
    await finish(deps, job, runId, { status: "FAILED", error: { name: "Error", message: `Function ${job.function_id} is not served by the app (anymore)` } });
    return;
  }
  let memo = deps.memo.get(runId) ?? (job.first_call ? [] : null);
  if (!memo) {
    const { rows } = await deps.pool.query<{ step_id: string; output: StepMemo }>("SELECT step_id, output FROM runtime_step WHERE run_id = $1 ORDER BY seq", [runId]);
    memo = rows.map((row) => ({ stepId: row.step_id, output: row.output }));
  }
  const startedAt = new Date();
  // A discovery call may checkpoint (run its steps back to back); a planned step runs alone.
  const checkpoint = job.step_id === "step" && !job.plan_all ? { fnId: def.id, queueItemId: job.id, ...deps.dispatches.open(job.id, runId, job.attempt) } : undefined;
  let result: InvokeResult;
  try {
    result = await invokeFunction(
      def.url,
      job.step_id,
      {
        event: job.event,
        steps: Object.fromEntries(memo.map((m) => [m.stepId, m.output])),
        stack: memo.map((m) => m.stepId),
        runId,
        attempt: job.attempt,
        maxAttempts: def.maxAttempts,
        planAll: job.plan_all ?? false,
        checkpoint,
      },
      { signingKey: deps.signingKey, timeoutMs: deps.requestTimeoutMs },
    );
  } catch (error) {
    result = { kind: "error", error: { name: "Error", message: `Could not reach ${def.url}: ${(error as Error).message}` }, noRetry: false, retryAfter: null };
  }
  // Steps the call checkpointed are stored already; later checkpoints of this call get 409.
  if (checkpoint) memo = [...memo, ...deps.dispatches.close(job.id)];
  if (!isAlive()) return; // the executor was stopped mid-call: the job stays for the next one

  const only = result.kind === "ops" && result.ops.length === 1 ? result.ops[0] : null;
  if (only?.op === "StepRun" && !job.plan_all) {
    const output: StepMemo = { type: "data", data: only.data ?? null };
    const name = only.displayName ?? only.name ?? only.id;
    const next = await storeStepAndContinue(deps.pool, { runId, jobId: job.id, stepId: only.id, name, output, attempts: job.attempt + 1, startedAt });
    if (!next) return deps.memo.forget(runId); // cancelled or ended meanwhile
    deps.memo.set(runId, [...memo, { stepId: only.id, output }]);
    return deps.continueWith({ ...job, id: next.nextJobId, step_id: "step", attempt: 0, data: null });
  }
  deps.memo.forget(runId);
  if (only?.op === "RunComplete" && (await completeRun(deps.pool, runId, only.data ?? null, startedAt))) return;
  if (result.kind === "done") return finish(deps, job, runId, { status: "COMPLETED", output: result.output }, startedAt);
  if (result.kind === "error") {
    if (result.noRetry || job.attempt + 1 >= def.maxAttempts) return finish(deps, job, runId, { status: "FAILED", error: result.error }, startedAt);
    return retry(deps, job, runId, job.step_id, result.error, result.retryAfter);
  }
  await applyOps(deps, def, job, runId, result.ops, startedAt, result.noRetry, result.retryAfter);
}

async function applyOps(deps: RunnerDeps, def: FunctionDef, job: ClaimedJob, runId: string, ops: OutgoingOp[], startedAt: Date, noRetry: boolean, retryAfter: string | null): Promise<void> {
  const failedStep = ops.find((op) => op.op === "StepError");
  if (failedStep && !noRetry && job.attempt + 1 < def.maxAttempts) return retry(deps, job, runId, failedStep.id, failedStep.error, retryAfter);
  const now = Date.now();
  let earliest = Infinity;
  let ending: Ending | null = null;
  await inTransaction(deps.pool, async (c) => {
    if (!(await lockRun(c, runId))) return void (await deleteJob(c, job.id));
    await deleteJob(c, job.id);
    const steps: StoredStep[] = [];
    const planned = ops.filter((op) => op.op === "StepPlanned");
    for (const op of ops) {
      const name = op.displayName ?? op.name ?? op.id;
      switch (op.op) {
        case "StepRun":
          steps.push({ stepId: op.id, name, op: op.op, output: { type: "data", data: op.data ?? null }, attempts: job.attempt + 1, startedAt });
          break;
        case "StepError": // no retries left (or NonRetriableError): the step fails, the function decides
        case "StepFailed":
          steps.push({ stepId: op.id, name, op: "StepFailed", output: { type: "error", error: op.error }, attempts: job.attempt + 1, startedAt });
          await recordAttempt(c, runId, op.id, job.attempt, op.error, null, null);
          break;
        case "StepPlanned":
          await queueJob(c, runId, "CALL", op.id, now, null);
          earliest = Math.min(earliest, now);
          break;
        case "Sleep": {
          const until = resolveTime(op.name ?? (op.opts?.duration as string | undefined), now) ?? now;
          await queueJob(c, runId, "SLEEP", op.id, until, { name });
          earliest = Math.min(earliest, until);
          break;
        }
        case "WaitForEvent": {
          const until = resolveTime(op.opts?.timeout as string | undefined, now) ?? now + FAR_FUTURE_MS;
          await c.query(
            `INSERT INTO runtime_wait (run_id, step_id, name, event_name, expression, expires_at) VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0))
             ON CONFLICT (run_id, step_id) DO NOTHING`,
            [runId, op.id, name, (op.opts?.event as string | undefined) ?? op.name, (op.opts?.if as string | undefined) ?? null, until],
          );
          await queueJob(c, runId, "WAIT_TIMEOUT", op.id, until, { name });
          earliest = Math.min(earliest, until);
          break;
        }
        case "InvokeFunction": {
          const at = await startInvoke(c, deps, runId, op, name, now);
          earliest = Math.min(earliest, at);
          break;
        }
        case "RunComplete":
          ending = { status: "COMPLETED", output: op.data ?? null };
          break;
        default:
          ending = { status: "FAILED", error: { name: "Error", message: `The embedded executor does not support the "${op.op}" step (${name})` } };
      }
    }
    await storeSteps(c, runId, steps);
    if (ending) {
      await endRun(c, runId, ending, startedAt);
      if (ending.status === "FAILED") await emitFailure(c, deps, def, runId, job.event, ending.error);
      return;
    }
    await c.query(
      "UPDATE runtime_run SET status = 'RUNNING', started_at = coalesce(started_at, $2), plan_all = plan_all OR $3 WHERE id = $1",
      [runId, startedAt, planned.length > 1],
    );
    if (await continueIfIdle(c, runId)) earliest = Math.min(earliest, now);
  });
  if (earliest < Infinity) deps.scheduled(earliest);
}

async function startInvoke(c: PoolClient, deps: RunnerDeps, runId: string, op: OutgoingOp, name: string, now: number): Promise<number> {
  const target = deps.registry.get(String(op.opts?.function_id ?? ""));
  const timeoutAt = resolveTime(op.opts?.timeout as string | undefined, now) ?? now + FAR_FUTURE_MS;
  await queueJob(c, runId, "INVOKE_TIMEOUT", op.id, timeoutAt, { name });
  if (!target) {
    await c.query("DELETE FROM runtime_job WHERE run_id = $1 AND step_id = $2 AND kind = 'INVOKE_TIMEOUT'", [runId, op.id]);
    await storeSteps(c, runId, [{ stepId: op.id, name, op: "InvokeFunction", output: { type: "error", error: { name: "Error", message: `No function ${String(op.opts?.function_id)} to invoke` } } }]);
    return now;
  }
  const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown> };
  const event = { id: randomUUID(), name: "inngest/function.invoked", data: payload.data ?? {}, ts: now };
  const eventRowId = randomUUID();
  await c.query("INSERT INTO runtime_event (id, event_id, name, data, ts) VALUES ($1, $2, $3, $4, $5)", [eventRowId, event.id, event.name, JSON.stringify(event.data), now]);
  await createRuns(c, [
    { functionId: target.id, eventId: eventRowId, event, concurrencyKeys: concurrencyKeys(target, event), throttleKey: throttleKey(target, event), parentRunId: runId, parentStepId: op.id },
  ]);
  return now;
}

async function retry(deps: RunnerDeps, job: ClaimedJob, runId: string, stepId: string, error: unknown, retryAfter: string | null): Promise<void> {
  const delay = parseRetryAfter(retryAfter) ?? retryDelayMs(job.attempt, { maxDelayMs: deps.maxBackoffMs });
  const at = Date.now() + delay;
  await inTransaction(deps.pool, async (c) => {
    if (!(await lockRun(c, runId))) return void (await deleteJob(c, job.id));
    await recordAttempt(c, runId, stepId, job.attempt, error, at, delay);
    await c.query("UPDATE runtime_job SET attempt = attempt + 1, step_id = $2, run_at = to_timestamp($3 / 1000.0), claimed = false WHERE id = $1", [job.id, stepId, at]);
    await c.query("UPDATE runtime_run SET status = 'RUNNING', started_at = coalesce(started_at, now()) WHERE id = $1", [runId]);
  });
  deps.scheduled(at);
}

async function finish(deps: RunnerDeps, job: ClaimedJob, runId: string, ending: Ending, startedAt: Date | null = null): Promise<void> {
  const def = deps.registry.get(job.function_id ?? "");
  await inTransaction(deps.pool, async (c) => {
    if (!(await lockRun(c, runId))) return void (await deleteJob(c, job.id));
    if (ending.status === "FAILED") await recordAttempt(c, runId, job.step_id, job.attempt, ending.error, null, null);
    const { parentRunId } = await endRun(c, runId, ending, startedAt);
    deps.memo.forget(runId);
    deps.memo.forget(parentRunId);
    if (parentRunId) deps.scheduled(Date.now());
    if (ending.status === "FAILED" && def) await emitFailure(c, deps, def, runId, job.event, ending.error);
  });
}

/** Inngest's `inngest/function.failed`, which triggers the function's onFailure handler. */
async function emitFailure(c: PoolClient, deps: RunnerDeps, def: FunctionDef, runId: string, event: unknown, error: unknown): Promise<void> {
  const { runIds } = await ingestEvents(c, deps.registry, [
    { id: `failed-${runId}`, name: "inngest/function.failed", data: { function_id: def.id, run_id: runId, error, event } },
  ]);
  if (runIds.length) deps.scheduled(Date.now());
}

async function recordAttempt(c: PoolClient, runId: string, stepId: string, attempt: number, error: unknown, retryAt: number | null, delayMs: number | null) {
  await c.query(
    "INSERT INTO runtime_attempt (run_id, step_id, attempt, error, retry_at, delay_ms) VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6)",
    [runId, stepId, attempt, JSON.stringify(error ?? null), retryAt, delayMs],
  );
}

async function queueJob(c: PoolClient, runId: string, kind: ClaimedJob["kind"], stepId: string, at: number, data: unknown) {
  await c.query(
    `INSERT INTO runtime_job (run_id, kind, step_id, run_at, data)
     SELECT $1, $2::runtime_job_kind, $3, to_timestamp($4 / 1000.0), $5 WHERE NOT EXISTS (SELECT 1 FROM runtime_job WHERE run_id = $1 AND step_id = $3 AND kind = $2::runtime_job_kind)`,
    [runId, kind, stepId, at, data === null ? null : JSON.stringify(data)],
  );
}

async function deleteJob(c: PoolClient, jobId: string) {
  await c.query("DELETE FROM runtime_job WHERE id = $1", [jobId]);
}

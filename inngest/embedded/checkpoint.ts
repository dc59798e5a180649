import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Pool } from "pg";
import { batcherFor, type Batcher } from "./batcher";
import type { StepMemo } from "./protocol";

/**
 * Inngest SDK v4 "async checkpointing": when a call carries `ctx.fn_id` and `ctx.qi_id`, the SDK
 * runs the function's steps back to back in that one request and reports each finished step to
 * `POST {api}/v1/checkpoint/<run id>/async` before running the next. We store the step before
 * answering 200, so a crash mid-request never executes a stored step again; a checkpoint for a
 * call we no longer hold (crashed executor, timed-out call, cancelled run) gets 409, on which
 * the SDK stops that request ("stale dispatch"). Anything else the SDK cannot checkpoint
 * (errors, retries, parallel steps, sleeps, waits) comes back in the call's answer as before.
 */
export type CheckpointedStep = { stepId: string; output: StepMemo };

type Dispatch = { runId: string; generation: number; attempts: number; lastAt: Date; steps: CheckpointedStep[] };

/** The calls in flight that may checkpoint, by queue item (job) id. In memory: one executor drives a database. */
export class Dispatches {
  private live = new Map<string, Dispatch>();

  open(jobId: string, runId: string, attempt: number): { generation: number } {
    // Random, so a request from before a restart cannot pass for a call of this process.
    const generation = randomInt(1, 2 ** 47);
    this.live.set(jobId, { runId, generation, attempts: attempt + 1, lastAt: new Date(), steps: [] });
    return { generation };
  }

  /** Ends the call's checkpointing (its answer arrived, or it was given up): later checkpoints get 409. */
  close(jobId: string): CheckpointedStep[] {
    const dispatch = this.live.get(jobId);
    this.live.delete(jobId);
    return dispatch?.steps ?? [];
  }

  get(jobId: string): Dispatch | undefined {
    return this.live.get(jobId);
  }
}

/** The SDK authenticates API calls with `Bearer <hashed signing key>` (sha256 of the key's hex bytes). */
export function hashSigningKey(signingKey: string): string {
  const prefix = signingKey.match(/^signkey-[\w]+-/)?.[0] ?? "";
  return prefix + createHash("sha256").update(signingKey.slice(prefix.length), "hex").digest("hex");
}

// One statement for a batch of checkpoints: lock each run that still runs and whose call's job
// still exists, store its steps (a stored step is final), mark it started. A run missing from
// the answer = that call is stale.
const STORE = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("runId" uuid, "jobId" bigint, steps jsonb, attempts int, "startedAt" timestamptz)
  ), run AS (
    SELECT r.id FROM runtime_run r JOIN input i ON i."runId" = r.id
    WHERE r.status IN ('QUEUED', 'RUNNING') AND EXISTS (SELECT 1 FROM runtime_job j WHERE j.id = i."jobId" AND j.run_id = r.id)
    ORDER BY r.id FOR UPDATE OF r
  ), step AS (
    INSERT INTO runtime_step (run_id, step_id, name, op, output, attempts, started_at)
    SELECT i."runId", s.step->>'stepId', s.step->>'name', 'StepRun', s.step->'output', i.attempts, i."startedAt"
    FROM input i JOIN run ON run.id = i."runId", jsonb_array_elements(i.steps) WITH ORDINALITY AS s(step, n)
    ORDER BY i."runId", s.n
    ON CONFLICT (run_id, step_id) DO NOTHING
  ), touched AS (
    UPDATE runtime_run r SET status = 'RUNNING', started_at = coalesce(r.started_at, i."startedAt")
    FROM input i JOIN run ON run.id = i."runId" WHERE r.id = run.id AND (r.status <> 'RUNNING' OR r.started_at IS NULL)
  )
  SELECT id FROM run`;

type StoreInput = { runId: string; jobId: string; steps: { stepId: string; name: string; output: StepMemo }[]; attempts: number; startedAt: Date };

const stores = new WeakMap<Pool, Batcher<StoreInput, boolean>>();

function storeCheckpoint(pool: Pool, input: StoreInput): Promise<boolean> {
  return batcherFor(stores, pool, async (inputs) => {
    const { rows } = await pool.query<{ id: string }>(STORE, [JSON.stringify(inputs)]);
    const live = new Set(rows.map((row) => row.id));
    return inputs.map((i) => live.has(i.runId));
  }).push(input);
}

type IncomingStep = { id?: unknown; op?: unknown; name?: unknown; displayName?: unknown; data?: unknown };

export type CheckpointAnswer = { status: number; body: unknown };

export async function acceptCheckpoint(
  deps: { pool: Pool; dispatches: Dispatches; signingKey?: string; log?: (message: string) => void },
  request: { runId: string; authorization: string | null; body: unknown },
): Promise<CheckpointAnswer> {
  if (deps.signingKey && !sameText(request.authorization ?? "", `Bearer ${hashSigningKey(deps.signingKey)}`)) {
    return { status: 401, body: { error: "Invalid signing key" } };
  }
  const body = request.body as { run_id?: unknown; qi_id?: unknown; generation_id?: unknown; steps?: unknown } | null;
  if (!body || typeof body !== "object" || typeof body.qi_id !== "string" || !Array.isArray(body.steps)) {
    return { status: 400, body: { error: "Expected { run_id, qi_id, steps: [...] }" } };
  }
  const dispatch = deps.dispatches.get(body.qi_id);
  if (!dispatch || dispatch.runId !== request.runId || dispatch.generation !== body.generation_id) {
    return { status: 409, body: { error: "Stale dispatch: this call is no longer the run's current one" } };
  }
  const steps: { stepId: string; name: string; output: StepMemo }[] = [];
  for (const raw of body.steps as IncomingStep[]) {
    // Only finished steps are checkpointed; anything else comes back in the call's answer.
    if (!raw || raw.op !== "StepRun" || typeof raw.id !== "string") return { status: 422, body: { error: `Cannot checkpoint op ${String(raw?.op)}` } };
    const name = typeof raw.displayName === "string" ? raw.displayName : typeof raw.name === "string" ? raw.name : raw.id;
    steps.push({ stepId: raw.id, name, output: { type: "data", data: raw.data ?? null } });
  }
  const stored = await storeCheckpoint(deps.pool, { runId: request.runId, jobId: body.qi_id, steps, attempts: dispatch.attempts, startedAt: dispatch.lastAt }).catch((error: Error) => {
    // The SDK falls back to reporting the steps in its answer, which works but slowly: say why.
    deps.log?.(`checkpoint of run ${request.runId} not stored: ${error.message}`);
    throw error;
  });
  if (!stored) return { status: 409, body: { error: "Stale dispatch: the run ended or was cancelled" } };
  // The call may have been closed while we wrote; the steps are stored either way.
  for (const { stepId, output } of steps) {
    // A checkpoint the SDK re-sent (its first answer was lost) is stored once, listed once.
    if (!dispatch.steps.some((s) => s.stepId === stepId)) dispatch.steps.push({ stepId, output });
  }
  dispatch.lastAt = new Date();
  return { status: 200, body: {} };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

import { notFound } from "@/server/errors";
import { runSummarySelect, toSummary, type RunSummary } from "./list-runs";
import { embeddedRuntime, resolveRunScope, type External, type RunScope, type RunsActor } from "./run-scope";

export type RunStep = {
  stepId: string;
  name: string;
  op: string;
  /** false when the step failed for good: `result` is then its error. */
  ok: boolean;
  result: unknown;
  attempts: number;
  startedAt: Date | null;
  endedAt: Date;
};

export type RunAttempt = {
  id: string;
  /** null: the function call itself failed (outside any step). */
  stepName: string | null;
  stepId: string;
  attempt: number;
  error: unknown;
  /** When the next try was due; null when there was none (last attempt, or not retriable). */
  retryAt: Date | null;
  delayMs: number | null;
  createdAt: Date;
};

export type RunPending =
  /** A call of the function: `inProgress` when the executor has taken it (a step runs now). */
  | { kind: "call"; at: Date; inProgress: boolean; retryOf: string | null; attempt: number }
  | { kind: "sleep" | "invoke"; stepName: string; until: Date }
  | { kind: "wait"; stepName: string; eventName: string; expression: string | null; until: Date };

export type RunDetail = RunSummary & {
  external: false;
  event: unknown;
  output: unknown;
  error: unknown;
  parentRunId: string | null;
  steps: RunStep[];
  attempts: RunAttempt[];
  pending: RunPending[];
};

/** The run if it is in the scope; null for unknown runs and other tenants' runs alike. */
export async function findRunInScope(scope: RunScope, id: string) {
  return scope.client.runtimeRun.findFirst({
    where: { AND: [scope.where, { id }] },
    select: { ...runSummarySelect, parentRunId: true },
  });
}

/** A run with its trigger event, steps (output or error), failed attempts and pending work. */
export async function getRun(actor: RunsActor, id: string): Promise<RunDetail | External> {
  const scope = await resolveRunScope(actor);
  if (!embeddedRuntime()) return { external: true };
  const run = await findRunInScope(scope, id);
  if (!run) throw notFound("Run");

  // Through the scope's client: for a dataspace, child rows are scoped through their run too.
  const { client } = scope;
  const [steps, attempts, jobs, waits] = await Promise.all([
    client.runtimeStep.findMany({ where: { runId: id }, orderBy: { seq: "asc" } }),
    client.runtimeAttempt.findMany({ where: { runId: id }, orderBy: { id: "asc" } }),
    client.runtimeJob.findMany({ where: { runId: id }, orderBy: { runAt: "asc" } }),
    client.runtimeWait.findMany({ where: { runId: id } }),
  ]);
  const stepNames = new Map(steps.map((s) => [s.stepId, s.name]));
  const jobName = (data: unknown, fallback: string) => String((data as { name?: unknown } | null)?.name ?? fallback);

  const pending: RunPending[] = jobs.flatMap((job): RunPending[] => {
    if (job.kind === "CALL") {
      const retryOf = job.attempt > 0 ? (stepNames.get(job.stepId) ?? (job.stepId === "step" ? null : job.stepId)) : null;
      return [{ kind: "call", at: job.runAt, inProgress: job.claimed, retryOf, attempt: job.attempt }];
    }
    if (job.kind === "SLEEP") return [{ kind: "sleep", stepName: jobName(job.data, job.stepId), until: job.runAt }];
    if (job.kind === "INVOKE_TIMEOUT") return [{ kind: "invoke", stepName: jobName(job.data, job.stepId), until: job.runAt }];
    return []; // WAIT_TIMEOUT: shown with its wait below
  });
  for (const wait of waits) {
    pending.push({ kind: "wait", stepName: wait.name, eventName: wait.eventName, expression: wait.expression, until: wait.expiresAt });
  }

  return {
    ...toSummary(run),
    external: false,
    event: run.event,
    output: run.output,
    error: run.error,
    parentRunId: run.parentRunId,
    steps: steps.map((s) => {
      const memo = (s.output ?? { type: "data", data: null }) as { type: string; data?: unknown; error?: unknown };
      return {
        stepId: s.stepId,
        name: s.name,
        op: s.op,
        ok: memo.type !== "error",
        result: memo.type === "error" ? memo.error : (memo.data ?? null),
        attempts: s.attempts,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
      };
    }),
    attempts: attempts.map((a) => ({
      id: a.id.toString(),
      stepName: a.stepId === "step" ? null : (stepNames.get(a.stepId) ?? a.stepId),
      stepId: a.stepId,
      attempt: a.attempt,
      error: a.error,
      retryAt: a.retryAt,
      delayMs: a.delayMs,
      createdAt: a.createdAt,
    })),
    pending,
  };
}

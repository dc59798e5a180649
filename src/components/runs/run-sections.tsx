"use client";

import { Notice } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ExpandableRow, useToggleSet } from "@/components/ui/expandable-row";
import { Icon } from "@/components/ui/icons";
import type { RunAttempt, RunPending, RunStep } from "@/server/runtime/runs/get-run";
import type { RunSummary } from "@/server/runtime/runs/list-runs";
import { JsonBlock, formatDuration } from "./labels";
import { formatTimestamp, Timestamp } from "./time";

const OP_LABELS: Record<string, string> = {
  StepRun: "step.run",
  StepFailed: "step.run",
  Sleep: "step.sleep",
  WaitForEvent: "step.waitForEvent",
  InvokeFunction: "step.invoke",
};

/** What the run is doing right now, in a sentence per pending item. */
export function RunPendingNote({ pending }: { pending: RunPending[] }) {
  if (pending.length === 0) return null;
  return (
    <Notice>
      <ul className="space-y-1">
        {pending.map((p, i) => (
          <li key={i} suppressHydrationWarning>
            {p.kind === "call" &&
              (p.inProgress
                ? p.attempt > 0
                  ? `Retrying ${p.retryOf ? `“${p.retryOf}”` : "the function"} now (attempt ${p.attempt + 1}).`
                  : "A step is running now."
                : p.attempt > 0
                  ? `Retrying ${p.retryOf ? `“${p.retryOf}”` : "the function"} at ${formatTimestamp(p.at)} (attempt ${p.attempt + 1}).`
                  : "Queued: the next step runs as soon as the executor gets to it.")}
            {p.kind === "sleep" && `Sleeping in “${p.stepName}” until ${formatTimestamp(p.until)}.`}
            {p.kind === "wait" && `Waiting in “${p.stepName}” for a ${p.eventName} event${p.expression ? ` matching ${p.expression}` : ""} until ${formatTimestamp(p.until)}.`}
            {p.kind === "invoke" && `Waiting in “${p.stepName}” for the invoked function, until ${formatTimestamp(p.until)} at the latest.`}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** A run's steps; a function without steps (it works in one call) shows that call instead. */
export function RunSteps({ steps, run }: { steps: RunStep[]; run: Pick<RunSummary, "startedAt" | "endedAt" | "durationMs"> }) {
  const rows = useToggleSet();
  return (
    <Card>
      <CardHeader title="Steps" description="Each finished step, in the order it finished. A finished step never runs again." />
      {steps.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500" suppressHydrationWarning>
          {run.endedAt && run.startedAt && run.durationMs !== null
            ? `This function has no steps: it ran in one call, from ${formatTimestamp(run.startedAt)} to ${formatTimestamp(run.endedAt)} (${formatDuration(run.durationMs)}).`
            : run.endedAt
              ? "This function has no steps, and it ended before it ran."
              : "No step has finished yet."}
        </p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {steps.map((step) => (
            <ExpandableRow
              key={step.stepId}
              panelId={`step-${step.stepId}`}
              expanded={rows.isOpen(step.stepId)}
              onToggle={() => rows.toggle(step.stepId)}
              summary={
                <>
                  <Icon name={step.ok ? "check" : "x"} className={cn("size-4 shrink-0", step.ok ? "text-emerald-600" : "text-red-600")} />
                  <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{step.name}</span>
                  <Badge className="hidden font-mono sm:inline-flex">{OP_LABELS[step.op] ?? step.op}</Badge>
                  <span className="w-20 shrink-0 text-right text-slate-500">
                    {step.attempts} attempt{step.attempts === 1 ? "" : "s"}
                  </span>
                  <span className="w-20 shrink-0 text-right text-slate-500 tabular-nums">
                    {step.startedAt ? formatDuration(step.endedAt.getTime() - step.startedAt.getTime()) : "—"}
                  </span>
                </>
              }
            >
              <p className="mb-2 text-xs text-slate-500">
                {step.ok ? "Output" : "Error"} · finished <Timestamp date={step.endedAt} />
              </p>
              <JsonBlock label={`${step.name} ${step.ok ? "output" : "error"}`} value={step.result} />
            </ExpandableRow>
          ))}
        </ol>
      )}
    </Card>
  );
}

function errorText(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}

export function RunAttempts({ attempts }: { attempts: RunAttempt[] }) {
  if (attempts.length === 0) return null;
  return (
    <Card>
      <CardHeader title="Failed attempts" description="Every failed call, and how long the executor backed off before the next try." />
      <ol className="divide-y divide-slate-100">
        {attempts.map((a) => (
          <li key={a.id} className="px-4 py-3 text-sm">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-medium break-all text-slate-900">{a.stepName ?? "The function"}</span>
              <Badge tone="red">Attempt {a.attempt + 1}</Badge>
              <span className="text-slate-500">
                {a.delayMs !== null && a.retryAt ? <>retried after {formatDuration(a.delayMs)}</> : "not retried"}
              </span>
              <Timestamp date={a.createdAt} className="ml-auto text-slate-500" />
            </div>
            <details className="mt-1.5">
              <summary className="cursor-pointer break-words text-red-700">{errorText(a.error)}</summary>
              <div className="mt-2"><JsonBlock label="Attempt error" value={a.error} /></div>
            </details>
          </li>
        ))}
      </ol>
    </Card>
  );
}

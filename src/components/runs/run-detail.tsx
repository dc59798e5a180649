"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import type { RunDetail as Run } from "@/server/runtime/runs/get-run";
import { isActiveRun, JsonBlock, RunOutcomeText, RunStatusBadge, formatDuration } from "./labels";
import { RunActions } from "./run-actions";
import { ExternalRuntimeNotice } from "./runs-view";
import { RunPendingNote, RunSteps, RunAttempts } from "./run-sections";
import { RunDuration, Timestamp } from "./time";
import { useRunProcedures, type RunsScope } from "./use-run-procedures";

const ENDING_TITLES: Partial<Record<Run["status"], string>> = { COMPLETED: "Output", FAILED: "Error", CANCELLED: "Cancellation" };

export function RunDetail({ scope, id }: { scope: RunsScope; id: string }) {
  const { procedures, inputOf, base, hrefOf } = useRunProcedures(scope);
  const run = useQuery(
    procedures.get.queryOptions(
      inputOf({ id }),
      { refetchInterval: (query) => (query.state.data && !query.state.data.external && isActiveRun(query.state.data.status) ? 2_000 : false) },
    ),
  );
  const back = <BackLink href={base}>All runs</BackLink>;

  if (run.isPending) return <DetailLoading label="Loading run" />;
  if (run.isError) {
    return (
      <DetailError
        error={run.error}
        noun="run"
        icon="bolt"
        back={{ href: base, label: "All runs" }}
        missingHint="It may belong to another dataspace, or its function was removed from the app."
        onRetry={() => run.refetch()}
      />
    );
  }
  if (run.data.external) return <ExternalRuntimeNotice />;
  const r: Run = run.data;

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{r.functionName}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <RunStatusBadge status={r.status} />
            <RunOutcomeText outcome={r.outcome} />
            <span>
              on <span className="font-mono text-xs text-slate-700">{r.eventName}</span>
            </span>
            <span className="font-mono text-xs">run {r.id}</span>
          </div>
        </div>
        <RunActions scope={scope} run={{ id: r.id, functionName: r.functionName, active: isActiveRun(r.status) }} />
      </div>

      <RunPendingNote pending={r.pending} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {(r.status === "COMPLETED" || r.error !== null) && (
            <Card>
              <CardHeader title={ENDING_TITLES[r.status] ?? "Error"} />
              <div className="p-4">
                <JsonBlock label={`Run ${(ENDING_TITLES[r.status] ?? "Error").toLowerCase()}`} value={r.status === "COMPLETED" ? r.output : r.error} />
              </div>
            </Card>
          )}
          <RunSteps steps={r.steps} run={r} />
          <RunAttempts attempts={r.attempts} />
          <Card>
            <CardHeader title="Trigger event" description="The event this run started from, as the function received it." />
            <div className="p-4">
              <JsonBlock label="Trigger event" value={r.event} />
            </div>
          </Card>
        </div>
        <Card className="h-fit p-6">
          <h2 className="text-sm font-semibold text-slate-900">Timing</h2>
          <dl className="mt-4 space-y-4 text-sm">
            <Detail label="Queued"><Timestamp date={r.createdAt} /></Detail>
            <Detail label="Started">{r.startedAt ? <Timestamp date={r.startedAt} /> : <Muted>Not yet</Muted>}</Detail>
            <Detail label="Ended">{r.endedAt ? <Timestamp date={r.endedAt} /> : <Muted>Still going</Muted>}</Detail>
            <Detail label={r.endedAt ? "Duration" : "Going for"}><RunDuration startedAt={r.startedAt} endedAt={r.endedAt} /></Detail>
            {r.startedAt && (
              <Detail label="Waited in queue">{formatDuration(r.startedAt.getTime() - r.createdAt.getTime())}</Detail>
            )}
            <Detail label="Steps">
              {r.steps.length} <Muted>· {r.attempts.length} failed attempt{r.attempts.length === 1 ? "" : "s"}</Muted>
            </Detail>
            {r.parentRunId && (
              <Detail label="Invoked by">
                <Link href={hrefOf(r.parentRunId)} className="font-mono text-xs text-indigo-700 hover:underline">{r.parentRunId}</Link>
              </Detail>
            )}
            <Detail label="Function id"><Badge className="font-mono">{r.functionId}</Badge></Detail>
          </dl>
        </Card>
      </div>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-slate-900">{children}</dd>
    </div>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-400">{children}</span>;
}

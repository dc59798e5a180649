"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import type { RunStatus } from "@/server/runtime/runs/runs.schema";
import { errorMessage } from "@/trpc/errors";
import { isActiveRun, RUN_STATUS_LABELS, RUN_STATUSES, RUNS_PAGE_SIZE, RunOutcomeText, RunStatusBadge } from "./labels";
import { RunDuration } from "./time";
import { useRunProcedures, type RunsScope } from "./use-run-procedures";

export function ExternalRuntimeNotice() {
  return (
    <Notice>
      This instance runs its durable functions on Inngest (Cloud or self-hosted): runs, their steps and retries are in the
      Inngest dashboard, not here.
    </Notice>
  );
}

export function RunsView({ scope }: { scope: RunsScope }) {
  const { procedures, inputOf, hrefOf } = useRunProcedures(scope);
  const [status, setStatus] = useState<RunStatus | "">("");
  const [functionId, setFunctionId] = useState("");
  const input = inputOf({ limit: RUNS_PAGE_SIZE, ...(status ? { status } : {}), ...(functionId ? { functionId } : {}) });
  const runs = useInfiniteQuery(
    procedures.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => (page.external ? null : page.nextCursor),
      // Runs move on by themselves: refresh while any shown run is still going.
      refetchInterval: (query) =>
        query.state.data?.pages.some((p) => !p.external && p.items.some((r) => isActiveRun(r.status))) ? 2_000 : false,
    }),
  );

  const pages = runs.data?.pages ?? [];
  if (pages[0]?.external) return <ExternalRuntimeNotice />;
  const items = pages.flatMap((p) => (p.external ? [] : p.items));
  const functions = pages[0] && !pages[0].external ? pages[0].functions : [];
  const filtered = Boolean(status || functionId);

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
        <div className="w-44">
          <label htmlFor="run-status" className="block text-xs font-medium text-slate-600">Status</label>
          <select id="run-status" value={status} onChange={(e) => setStatus(e.target.value as RunStatus | "")} className={cn(controlClasses, "mt-1")}>
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>{RUN_STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div className="w-64">
          <label htmlFor="run-function" className="block text-xs font-medium text-slate-600">Function</label>
          <select id="run-function" value={functionId} onChange={(e) => setFunctionId(e.target.value)} className={cn(controlClasses, "mt-1")}>
            <option value="">All functions</option>
            {functions.map((f) => (
              <option key={f.id} value={f.id}>{f.name}</option>
            ))}
          </select>
        </div>
      </div>
      {runs.isPending ? (
        <SkeletonRows rows={8} label="Loading runs" />
      ) : !runs.data ? (
        <div className="p-4">
          <ErrorAlert>Could not load runs: {errorMessage(runs.error)}</ErrorAlert>
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<Icon name="bolt" />} title={filtered ? "No runs match these filters" : "No runs yet"}>
          {scope === "instance"
            ? "Scheduled functions and events that belong to no dataspace run here."
            : "Every event of this dataspace starts the functions that listen to it: webhook deliveries, integration syncs, automations. Each start is a run."}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Status</th>
                  <th scope="col" className="px-3 py-2.5">Function</th>
                  <th scope="col" className="hidden px-3 py-2.5 md:table-cell">Trigger</th>
                  <th scope="col" className="px-3 py-2.5">Started</th>
                  <th scope="col" className="hidden px-3 py-2.5 sm:table-cell">Ended</th>
                  <th scope="col" className="px-4 py-2.5 text-right">Duration</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((run) => (
                  <tr key={run.id} className="hover:bg-slate-50">
                    <td className="px-4 py-3">
                      <div className="flex flex-col items-start gap-1">
                        <RunStatusBadge status={run.status} />
                        {(run.outcome.tone === "warning" || run.outcome.tone === "failure") && (
                          <RunOutcomeText outcome={run.outcome} className="max-w-64 truncate text-xs" />
                        )}
                      </div>
                    </td>
                    <td className="max-w-64 px-3 py-3">
                      <Link href={hrefOf(run.id)} className="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {run.functionName}
                      </Link>
                    </td>
                    <td className="hidden px-3 py-3 font-mono text-xs text-slate-600 md:table-cell">{run.eventName}</td>
                    <td className="px-3 py-3 text-slate-600">
                      {run.startedAt ? <RelativeTime date={run.startedAt} /> : <span className="text-slate-400">Not yet</span>}
                    </td>
                    <td className="hidden px-3 py-3 text-slate-600 sm:table-cell">
                      {run.endedAt ? <RelativeTime date={run.endedAt} /> : <span className="text-slate-400">—</span>}
                    </td>
                    <td className="px-4 py-3 text-right text-slate-600 tabular-nums">
                      <RunDuration startedAt={run.startedAt} endedAt={run.endedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {runs.isFetchNextPageError && <ErrorAlert className="m-4">Could not load more: {errorMessage(runs.error)}</ErrorAlert>}
          <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
            <span>Showing {items.length} run{items.length === 1 ? "" : "s"}</span>
            {runs.hasNextPage && (
              <Button variant="secondary" size="sm" pending={runs.isFetchingNextPage} onClick={() => runs.fetchNextPage()}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

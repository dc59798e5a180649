"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";

/**
 * Pipeline runs (src/server/ci/pipeline-rules): the runs of a deployment or request, and the
 * pieces the Pipeline rules page lists each rule's last runs with. A run still pending, queued or
 * in progress is asked for again every 10 s, until the platform's webhooks have finished it.
 */
export type PipelineRun = inferRouterOutputs<AppRouter>["ci"]["runs"][number];
type RunStatus = PipelineRun["status"];

const STATUS: Record<RunStatus, { label: string; tone: Tone }> = {
  pending: { label: "Pending", tone: "slate" },
  queued: { label: "Queued", tone: "slate" },
  in_progress: { label: "In progress", tone: "sky" },
  completed: { label: "Completed", tone: "emerald" },
  failed: { label: "Failed", tone: "red" },
};
const ACTIVE: RunStatus[] = ["pending", "queued", "in_progress"];
const REFRESH_MS = 10_000;
/** After its subject changed, a run may be on its way (the outbox relay plans it): look a little more often for a minute. */
const LOOK_AGAIN_MS = 5_000;
const LOOK_FOR_MS = 60_000;

/** Whether `changedAt` is recent enough that what it set off (runs, a push to GitHub) may still be arriving. */
export const justChanged = (changedAt: Date | undefined) => changedAt !== undefined && Date.now() - changedAt.getTime() < LOOK_FOR_MS;

/** The platform's conclusion of a completed run, toned by how it went. */
const conclusionTone = (conclusion: string): Tone => (conclusion === "success" ? "emerald" : ["failure", "failed", "timed_out", "startup_failure"].includes(conclusion) ? "red" : "amber");

export function RunStatusBadge({ run }: { run: Pick<PipelineRun, "status" | "conclusion"> }) {
  const { label, tone } = STATUS[run.status];
  if (run.status === "completed" && run.conclusion) return <Badge tone={conclusionTone(run.conclusion)}>Completed: {run.conclusion}</Badge>;
  return <Badge tone={tone}>{label}</Badge>;
}

/** `ci.runs`, refetched every 10 s while one of them is not finished (and more often for a minute after `changedAt`). */
export function usePipelineRuns(input: { ruleId?: string; subjectId?: string; limit?: number }, changedAt?: Date) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  return useQuery(
    trpc.ci.runs.queryOptions(
      { dataspace: slug, ...input },
      {
        refetchInterval: (query) =>
          justChanged(changedAt) ? LOOK_AGAIN_MS : query.state.data?.some((run) => ACTIVE.includes(run.status)) ? REFRESH_MS : false,
      },
    ),
  );
}

/** One line per run: its status, the platform's run (linked), what it was about, its error, when. */
export function RunItems({ runs, show }: { runs: PipelineRun[]; show: "rule" | "subject" }) {
  const { slug } = useDataspace();
  return (
    <>
      {runs.map((run) => (
        <li key={run.id} className="py-2 text-sm" aria-label={`Run of ${run.ruleName}`}>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <RunStatusBadge run={run} />
            {show === "rule" ? (
              <span className="font-medium text-slate-900">{run.ruleName}</span>
            ) : run.subjectType === "deployment" && run.subjectId ? (
              <Link href={`/d/${slug}/deployments/${run.subjectId}`} className="text-slate-700 hover:text-indigo-600">
                Deployment
              </Link>
            ) : run.subjectType === "request" && run.subjectId ? (
              <Link href={`/d/${slug}/requests/${run.subjectId}`} className="text-slate-700 hover:text-indigo-600">
                Request
              </Link>
            ) : null}
            {run.externalId &&
              (run.url ? (
                <a href={run.url} target="_blank" rel="noopener noreferrer nofollow" className="text-indigo-600 hover:text-indigo-800">
                  Run {run.externalId}
                </a>
              ) : (
                <span className="text-slate-600">Run {run.externalId}</span>
              ))}
            <code className="font-mono text-xs text-slate-500" title="Ref">
              {run.ref}
            </code>
            <RelativeTime date={run.createdAt} className="ml-auto text-xs whitespace-nowrap text-slate-500" />
          </div>
          {run.status === "failed" && run.error && <p className="mt-1 text-sm break-words text-red-600">{run.error}</p>}
          {run.status !== "failed" && run.error && <p className="mt-1 text-xs break-words text-amber-700">Retrying: {run.error}</p>}
        </li>
      ))}
    </>
  );
}

/**
 * The pipeline runs a deployment's (or request's) events started; nothing when there are none.
 * `changedAt`: when the subject last changed (its `updatedAt`), so a run it set off shows without a reload.
 */
export function PipelineRuns({ subjectId, changedAt }: { subjectId: string; changedAt?: Date }) {
  const { slug } = useDataspace();
  const runs = usePipelineRuns({ subjectId }, changedAt);
  if (!runs.data?.length) return null;
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Pipeline runs</h2>
      <p className="mt-1 text-xs text-slate-500">
        Started on GitHub or GitLab by{" "}
        <Link href={`/d/${slug}/deployments/pipelines`} className="text-indigo-600 hover:text-indigo-800">
          pipeline rules
        </Link>{" "}
        when events about it matched them, newest first.
      </p>
      <ul className="mt-3 divide-y divide-slate-100" aria-label="Pipeline runs">
        <RunItems runs={runs.data} show="rule" />
      </ul>
    </Card>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { DeploymentStatus } from "@/generated/prisma/enums";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { DeploymentStatusBadge, DEPLOYMENT_STATUS_LABELS, deploymentDuration, FINAL_STATUSES, leadTime, SOURCE_LABELS } from "./labels";
import { PipelineRuns } from "./pipeline-runs";
import { PlatformLinks } from "./platform-links";

/** Where a deployment can go from `status`: forward only (see deployment-status.ts on the server). */
function nextStatuses(status: DeploymentStatus): DeploymentStatus[] {
  if (status === "queued") return ["in_progress", "success", "failure", "cancelled"];
  if (status === "in_progress") return ["success", "failure", "cancelled"];
  return [];
}

export function DeploymentDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, canEdit } = useDataspace();
  const deployment = useQuery(trpc.deployment.get.queryOptions({ dataspace: slug, id }));
  const setStatus = useMutation(trpc.deployment.setStatus.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.deployment.pathFilter()) }));
  const back = { href: `/d/${slug}/deployments`, label: "All deployments" };

  if (deployment.isPending) return <DetailLoading label="Loading deployment" />;
  if (deployment.isError) return <DetailError error={deployment.error} noun="deployment" icon="bolt" back={back} onRetry={() => deployment.refetch()} />;

  const d = deployment.data;
  const next = nextStatuses(d.status);
  const duration = deploymentDuration(d);
  const creator = d.createdBy ? d.createdBy.name?.trim() || d.createdBy.email : d.creator;

  return (
    <div className="space-y-6">
      <BackLink href={back.href}>{back.label}</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">
            {d.service?.name ?? "Deployment"} to {d.environment}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <DeploymentStatusBadge status={d.status} />
            {d.version && <span>{d.version}</span>}
            <span>
              Recorded <RelativeTime date={d.createdAt} />
              {creator && <> by {creator}</>}
            </span>
          </div>
        </div>
        {canEdit && next.length > 0 && (
          <div className="flex flex-wrap gap-2" role="group" aria-label="Change status">
            {next.map((status) => (
              <Button
                key={status}
                variant={status === "success" ? "primary" : "secondary"}
                pending={setStatus.isPending && setStatus.variables?.status === status}
                disabled={setStatus.isPending}
                onClick={() => setStatus.mutate({ dataspace: slug, id: d.id, status })}
              >
                {status === "in_progress" ? "Mark in progress" : `Mark ${DEPLOYMENT_STATUS_LABELS[status].toLowerCase()}`}
              </Button>
            ))}
          </div>
        )}
      </div>
      <ErrorAlert>{setStatus.error ? errorMessage(setStatus.error) : null}</ErrorAlert>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card className="p-6">
            <h2 className="text-sm font-semibold text-slate-900">Description</h2>
            {d.description ? (
              <p className="mt-2 text-sm leading-6 whitespace-pre-wrap text-slate-700">{d.description}</p>
            ) : (
              <p className="mt-2 text-sm text-slate-400">No description.</p>
            )}
            {FINAL_STATUSES.includes(d.status) && (
              <p className="mt-6 text-xs text-slate-500">This deployment finished; its status no longer changes. Deploying again records a new deployment.</p>
            )}
          </Card>
          <PlatformLinks deploymentId={d.id} changedAt={d.updatedAt} />
          <PipelineRuns subjectId={d.id} changedAt={d.updatedAt} />
        </div>
        <Card className="h-fit p-6">
          <h2 className="text-sm font-semibold text-slate-900">Details</h2>
          <dl className="mt-4 space-y-4 text-sm">
            <Detail label="Service">{d.service?.name ?? <span className="text-slate-400">None</span>}</Detail>
            <Detail label="Environment">{d.environment}</Detail>
            <Detail label="Ref">{d.ref ?? <span className="text-slate-400">None</span>}</Detail>
            <Detail label="Commit">{d.sha ? <code className="font-mono text-xs break-all">{d.sha}</code> : <span className="text-slate-400">None</span>}</Detail>
            <Detail label="URL">
              {d.url ? (
                <a href={d.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-indigo-600 hover:text-indigo-800">
                  {d.url}
                </a>
              ) : (
                <span className="text-slate-400">None</span>
              )}
            </Detail>
            <Detail label="Started">{d.startedAt ? formatDateTime(d.startedAt) : <span className="text-slate-400">—</span>}</Detail>
            <Detail label="Finished">{d.finishedAt ? formatDateTime(d.finishedAt) : <span className="text-slate-400">—</span>}</Detail>
            {/* A running deployment's duration counts to now: the server's and the browser's clocks differ slightly. */}
            <Detail label="Duration">
              <span suppressHydrationWarning>{duration ?? <span className="text-slate-400">—</span>}</span>
            </Detail>
            <Detail label="Committed">{d.committedAt ? formatDateTime(d.committedAt) : <span className="text-slate-400">Not known</span>}</Detail>
            <Detail label="Lead time">{leadTime(d) ?? <span className="text-slate-400">—</span>}</Detail>
            <Detail label="Source">
              {SOURCE_LABELS[d.source] ?? d.source}
              {d.externalId && <span className="ml-1 text-xs text-slate-500">({d.externalId.startsWith("push:") ? "push" : `id ${d.externalId}`})</span>}
            </Detail>
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
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useId } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Timestamp } from "@/components/runs/time";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Detail, Muted } from "@/components/webhooks/detail-parts";
import type { AppRouter } from "@/server/api/root";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import type { Integration, IntegrationTypeInfo } from "./labels";

/**
 * Issue sync of a GitHub, GitLab, Jira, Forgejo or SourceHut integration: what it syncs and which
 * way, whether the platform refused its credentials (paused, in the platform's words), its links
 * by state, "Test connection", and "Sync existing requests" with its progress.
 */

type Status = inferRouterOutputs<AppRouter>["integration"]["issueSyncStatus"];
type Settings = NonNullable<Status["settings"]>;
type Backfill = NonNullable<Status["backfill"]>;
type ConnectionTest = inferRouterOutputs<AppRouter>["integration"]["issueSyncTestConnection"];

const POLL_MS = 2_000;

/** Shown for integrations whose type has issue sync and whose config has an `issueSync` object. */
export function hasIssueSync(integration: Integration, types: IntegrationTypeInfo[] | undefined): boolean {
  const supported = types?.find((t) => t.type === integration.type)?.supportsIssueSync ?? false;
  return supported && integration.config.issueSync !== undefined && integration.config.issueSync !== null;
}

const running = (backfill: Backfill | null | undefined) => !!backfill && backfill.finishedAt === null;

function directionInWords(direction: Settings["direction"], platform: string): string {
  if (direction === "push") return `One way, to ${platform}: requests create and update issues; changes made on ${platform} are not brought back.`;
  if (direction === "pull") return `One way, from ${platform}: changes to linked issues update their requests; nothing is sent to ${platform}.`;
  return `Both ways: requests create and update issues on ${platform}, and changes made there come back to the requests.`;
}

function scopeInWords(settings: Settings): string {
  if (settings.requests === "linked") return "Only requests linked by hand (Create issue / Link existing issue on a request).";
  if (settings.filter) return `New requests matching ${settings.filter} (private requests only when linked by hand).`;
  return "Every new request, private ones only when linked by hand.";
}

export function IssueSyncCard({ integration, platform }: { integration: Integration; platform: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const input = { dataspace: slug, id: integration.id };
  const status = useQuery(
    trpc.integration.issueSyncStatus.queryOptions(input, {
      refetchInterval: (query) => (running(query.state.data?.backfill) ? POLL_MS : false),
    }),
  );
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.integration.issueSyncStatus.queryFilter(input));
    // A pass resumes a paused sync, which clears the integration's attention banner.
    await queryClient.invalidateQueries(trpc.integration.get.queryFilter(input));
  };
  const test = useMutation(trpc.integration.issueSyncTestConnection.mutationOptions({ onSettled: refresh }));
  const backfill = useMutation(
    trpc.integration.issueSyncBackfill.mutationOptions({
      // Shown at once from the answer; the status poll follows it from there.
      onSuccess: (progress) => queryClient.setQueryData(trpc.integration.issueSyncStatus.queryKey(input), (old) => (old ? { ...old, backfill: progress } : old)),
    }),
  );

  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Issue sync</h2>
      {status.isPending ? (
        <p className="mt-4 text-sm text-slate-500">Loading…</p>
      ) : status.isError ? (
        <ErrorAlert className="mt-4">{errorMessage(status.error)}</ErrorAlert>
      ) : (
        <div className="mt-4 space-y-4 text-sm">
          <PausedBanner status={status.data} platform={platform} />
          {!status.data.enabled && <Notice>{status.data.disabledReason}.</Notice>}
          {status.data.enabled && status.data.unavailable && <Notice>Issue sync cannot run: {status.data.unavailable}.</Notice>}

          {status.data.enabled && (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" size="sm" pending={test.isPending} onClick={() => test.mutate(input)}>
                Test connection
              </Button>
              {status.data.settings?.direction !== "pull" && (
                <Button
                  variant="secondary"
                  size="sm"
                  pending={backfill.isPending}
                  disabled={running(status.data.backfill) || status.data.pausedAt !== null}
                  onClick={() => backfill.mutate(input)}
                >
                  Sync existing requests
                </Button>
              )}
            </div>
          )}
          <ConnectionResult result={test.data} />
          {test.error && <ErrorAlert>{errorMessage(test.error)}</ErrorAlert>}
          {backfill.error && <ErrorAlert>{errorMessage(backfill.error)}</ErrorAlert>}
          {status.data.backfill && <BackfillProgressBar progress={status.data.backfill} />}

          <dl className="space-y-3">
            {status.data.target && <Detail label="Target">{status.data.target}</Detail>}
            {status.data.settings && (
              <>
                <Detail label="Direction">{directionInWords(status.data.settings.direction, platform)}</Detail>
                <Detail label="Requests">{scopeInWords(status.data.settings)}</Detail>
              </>
            )}
            <Detail label="Linked issues">
              <span className="flex flex-wrap gap-2" aria-label="Linked issues by state">
                <Badge tone="emerald">{status.data.links.synced} synced</Badge>
                <Badge tone="sky">{status.data.links.pending} pending</Badge>
                <Badge tone={status.data.links.failed > 0 ? "red" : "slate"}>{status.data.links.failed} failed</Badge>
              </span>
            </Detail>
            <Detail label="Pull requests linked">{status.data.pullRequests > 0 ? status.data.pullRequests : <Muted>None yet</Muted>}</Detail>
          </dl>
        </div>
      )}
    </Card>
  );
}

/** The platform refused the credentials: paused after the second refusal, with the platform's own words. */
function PausedBanner({ status, platform }: { status: Status; platform: string }) {
  if (status.pausedAt) {
    return (
      <div role="alert" aria-label="Issue sync paused" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
        <p className="font-medium">Issue sync is paused</p>
        {status.attention && <p className="mt-1 break-words">{platform} said: {status.attention.message}</p>}
        <p className="mt-1 text-xs text-amber-800">
          Since <Timestamp date={status.pausedAt} />: nothing is sent until the credentials work. Fix them in the config, then run Test connection: a pass resumes the sync.
        </p>
      </div>
    );
  }
  if (!status.attention) return null;
  return (
    <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
      Needs attention: {platform} refused the last call (see above). One more refusal pauses the sync.
    </p>
  );
}

function ConnectionResult({ result }: { result: ConnectionTest | undefined }) {
  if (!result) return null;
  if (!result.ok) return <ErrorAlert>{result.error}{result.retryable ? " Try again in a moment." : ""}</ErrorAlert>;
  return (
    <div role="status" aria-label="Connection test" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
      Connected as <strong>{result.account}</strong> to <strong>{result.target}</strong>
      {result.canWrite ? ", which it may write to." : ", read-only: issues cannot be created or changed."}
      {result.problems.length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-amber-900">
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BackfillProgressBar({ progress }: { progress: Backfill }) {
  const { done, failed } = progress;
  const settled = done + failed;
  const counted = progress.total !== null;
  const total = progress.total ?? 0;
  const percent = total === 0 ? (progress.finishedAt ? 100 : 0) : Math.min(100, Math.round((settled / total) * 100));
  const labelId = useId();
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span id={labelId} className="font-medium text-slate-800">
          {progress.finishedAt ? "Existing requests synced" : counted ? "Syncing existing requests" : "Counting the requests to sync…"}
        </span>
        <span className="text-slate-500">
          {counted ? `${done} of ${total} synced · ${failed} failed` : "…"}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={settled}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={progress.finishedAt ? (failed > 0 ? "h-full bg-amber-500" : "h-full bg-emerald-500") : "h-full bg-indigo-600 transition-[width]"} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-500">
        Started <Timestamp date={new Date(progress.startedAt)} />
        {progress.finishedAt && <>, finished <Timestamp date={new Date(progress.finishedAt)} /></>}
        {failed > 0 && ". The failed links show the platform's words on their requests."}
      </p>
    </div>
  );
}

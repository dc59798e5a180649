"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/time";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import type { ReplayProgress } from "./labels";

const DAY = 24 * 3_600_000;

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, as a datetime-local input takes it. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const finished = (p: ReplayProgress) => p.done >= p.total;

/**
 * "Replay failed": sends every failed delivery since a time again, as one tracked replay, with a
 * progress bar that follows it until each has finished. After a reload the latest unfinished
 * replay of the endpoint is picked up again.
 */
export function ReplayFailed({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  // Set after mount: the default is "24 h ago" in the browser's time zone, which the server cannot know.
  const [since, setSince] = useState("");
  useEffect(() => setSince((value) => value || localInputValue(Date.now() - DAY)), []);
  const [startedId, setStartedId] = useState<string | null>(null);

  const latest = useQuery(trpc.webhook.latestReplay.queryOptions({ dataspace: slug, id: endpointId }));
  const replayId = startedId ?? (latest.data && !finished(latest.data) ? latest.data.id : null);
  const progress = useQuery({
    ...trpc.webhook.replay.queryOptions({ dataspace: slug, id: replayId ?? "" }),
    enabled: replayId !== null,
    refetchInterval: (query) => (query.state.data && finished(query.state.data) ? false : 1_000),
  });
  const refreshDeliveries = () => queryClient.invalidateQueries(trpc.webhook.deliveries.pathFilter());
  const replay = useMutation(
    trpc.webhook.replayFailed.mutationOptions({
      onSuccess: async (started) => {
        queryClient.setQueryData(trpc.webhook.replay.queryKey({ dataspace: slug, id: started.id }), started);
        setStartedId(started.id);
        await refreshDeliveries();
      },
    }),
  );
  const done = progress.data ? finished(progress.data) : false;
  useEffect(() => {
    // The replayed deliveries changed status: show them as they are now.
    if (done) void queryClient.invalidateQueries(trpc.webhook.deliveries.pathFilter());
  }, [done, queryClient, trpc]);

  const errors = fieldErrorsOf(replay.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const at = new Date(since);
    replay.mutate({ dataspace: slug, endpointId, since: Number.isNaN(at.getTime()) ? since : at });
  }

  return (
    <Card>
      <CardHeader title="Replay failed deliveries" description="Sends every delivery that failed since a time again, with the same body and webhook-id, oldest first." />
      <div className="space-y-4 px-5 py-5">
        <form method="post" onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
          <TextField
            label="Failed since"
            name="since"
            type="datetime-local"
            value={since}
            onChange={(e) => {
              setSince(e.target.value);
              replay.reset();
            }}
            error={errors.since}
            className="w-64"
          />
          <Button type="submit" variant="secondary" pending={replay.isPending} disabled={!since}>
            Replay failed
          </Button>
        </form>
        <ErrorAlert>{replay.error && !errors.since ? errorMessage(replay.error) : null}</ErrorAlert>
        {progress.data && <ReplayProgressBar progress={progress.data} />}
      </div>
    </Card>
  );
}

function ReplayProgressBar({ progress }: { progress: ReplayProgress }) {
  const { id, done, total, succeeded, failed } = progress;
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  const labelId = `replay-${id}-label`;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={labelId} className="font-medium text-slate-800">
          Replayed {done} of {total}
        </span>
        <span className="text-slate-500" suppressHydrationWarning>
          {succeeded} succeeded · {failed} failed · since {formatDateTime(progress.since)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={done >= total ? "h-full bg-emerald-500" : "h-full bg-indigo-600 transition-[width]"} style={{ width: `${percent}%` }} />
      </div>
      {progress.waiting && (
        <p role="status" className="text-sm text-amber-800" suppressHydrationWarning>
          {waitingText(progress.waiting, progress.held)}
        </p>
      )}
      {done >= total && <p role="status" className="text-sm text-slate-600">Replay finished.</p>}
    </div>
  );
}

/** Why a replay's deliveries have not gone out yet: the webhook holds them until it is back. */
function waitingText(waiting: NonNullable<ReplayProgress["waiting"]>, held: number): string {
  const what = `${held} ${held === 1 ? "delivery is" : "deliveries are"} held`;
  if (waiting.reason === "paused") {
    return `Waiting for the pause to end${waiting.until ? ` (${formatDateTime(waiting.until)})` : ""}: ${what} and go out when the webhook resumes.`;
  }
  if (waiting.reason === "disabled") return `Waiting for the webhook to be re-enabled: ${what} until then.`;
  return `Waiting for the webhook to be switched on: ${what} until then.`;
}

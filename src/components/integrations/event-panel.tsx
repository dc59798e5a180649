"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { JsonBlock } from "@/components/runs/labels";
import { Timestamp } from "@/components/runs/time";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Detail, Muted, parseJsonText } from "@/components/webhooks/detail-parts";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { Confirm } from "@/components/ui/confirm";
import { EventStatusBadge, isPendingEvent, type InboundEventSummary } from "./labels";

const clock = (iso: string) => new Date(iso).toLocaleTimeString("en", { hour: "numeric", minute: "2-digit", second: "2-digit" });

/** One received event, opened from Recent events: what came in, what became of it, and Replay. */
export function EventPanel({ summary }: { summary: InboundEventSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [confirming, setConfirming] = useState(false);
  const input = { dataspace: slug, id: summary.id };
  const event = useQuery(
    trpc.integration.event.queryOptions(input, { refetchInterval: (query) => (query.state.data && isPendingEvent(query.state.data.status) ? 2_000 : false) }),
  );
  // The list refreshes on its own; when it sees this event move (a replay elsewhere, a retry), the opened details follow.
  const moved = `${summary.status}:${summary.attempts}`;
  const seen = useRef(moved);
  useEffect(() => {
    if (moved === seen.current) return;
    seen.current = moved;
    void queryClient.invalidateQueries(trpc.integration.event.queryFilter({ dataspace: slug, id: summary.id }));
  }, [moved, queryClient, trpc, slug, summary.id]);
  const replay = useMutation(
    trpc.integration.replayEvent.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        return Promise.all([
          queryClient.invalidateQueries(trpc.integration.event.queryFilter(input)),
          queryClient.invalidateQueries(trpc.integration.events.pathFilter()),
        ]);
      },
    }),
  );

  if (event.isPending) {
    return (
      <div role="status" aria-label="Loading event" className="space-y-2">
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-24" />
      </div>
    );
  }
  if (event.isError) return <ErrorAlert>Could not load this event: {errorMessage(event.error)}</ErrorAlert>;
  const e = event.data;
  const processing = e.status === "PROCESSING";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <dl className="grid flex-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <Detail label="Status"><EventStatusBadge status={e.status} /></Detail>
          <Detail label="Domain event">
            {e.domainEventType ? (
              <span className="font-mono text-xs">{e.domainEventType}</span>
            ) : (
              <Muted>{e.status === "PROCESSED" ? "None: this event type is stored only" : "Not yet"}</Muted>
            )}
          </Detail>
          <Detail label="Event type"><span className="font-mono text-xs">{e.eventType || <Muted>Not named by the sender</Muted>}</span></Detail>
          <Detail label="Delivery id">{e.providerDeliveryId ? <span className="font-mono text-xs break-all">{e.providerDeliveryId}</span> : <Muted>None sent</Muted>}</Detail>
          <Detail label="Received"><Timestamp date={e.receivedAt} /></Detail>
          <Detail label="Processed">{e.processedAt ? <Timestamp date={e.processedAt} /> : <Muted>Not yet</Muted>}</Detail>
          <Detail label="Attempts"><span className="tabular-nums">{e.attempts}</span></Detail>
          {e.error && <Detail label="Error"><span className="text-red-700">{e.error}</span></Detail>}
        </dl>
        <div className="flex flex-col items-end gap-2">
          {confirming ? (
            <Confirm
              label="Confirm replay"
              onBack={() => setConfirming(false)}
              verb="replay" pending={replay.isPending} onConfirm={() => replay.mutate(input)}
            >
              Process this event again?{" "}
              {e.domainEventType
                ? `It publishes ${e.domainEventType} again, so webhooks subscribed to it receive it a second time.`
                : "It goes back to Received and is processed as if it had just arrived."}
            </Confirm>
          ) : (
            <Button variant="secondary" size="sm" disabled={processing} onClick={() => { replay.reset(); setConfirming(true); }} aria-describedby={processing ? `replay-note-${e.id}` : undefined}>
              Replay
            </Button>
          )}
          {processing && (
            <p id={`replay-note-${e.id}`} className="max-w-xs text-right text-xs text-slate-500">
              Being processed: replay it once it is processed or failed.
            </p>
          )}
          <ErrorAlert className="max-w-md">{replay.error ? errorMessage(replay.error) : null}</ErrorAlert>
        </div>
      </div>
      {replay.isSuccess && <Notice>Replayed: the event is processed again and its status updates here.</Notice>}

      <section>
        <h3 className="mb-1.5 text-xs font-medium text-slate-500">Processing log</h3>
        {e.log.length === 0 ? (
          <p className="text-sm text-slate-400">Nothing yet.</p>
        ) : (
          <ol aria-label="Processing log" className="space-y-1 rounded-md border border-slate-200 bg-white px-3 py-2 font-mono text-xs">
            {e.log.map((entry, i) => (
              <li key={i} className="flex gap-3">
                <time dateTime={entry.at} className="shrink-0 text-slate-500" suppressHydrationWarning>{clock(entry.at)}</time>
                <span className="break-words text-slate-800">{entry.message}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h3 className="mb-1.5 text-xs font-medium text-slate-500">Headers</h3>
        <JsonBlock label="Request headers" value={e.headers} />
        <p className="mt-1 text-xs text-slate-500">Signatures and tokens were checked on arrival and are not kept (shown as ***).</p>
      </section>
      <section>
        <h3 className="mb-1.5 text-xs font-medium text-slate-500">Body</h3>
        <JsonBlock label="Request body" value={parseJsonText(e.body)} />
      </section>
    </div>
  );
}

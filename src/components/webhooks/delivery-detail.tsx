"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { JsonBlock } from "@/components/runs/labels";
import { Timestamp } from "@/components/runs/time";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { cn } from "@/components/ui/cn";
import { ExpandableRow, useToggleSet } from "@/components/ui/expandable-row";
import { Icon } from "@/components/ui/icons";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { Detail, Muted, parseJsonText } from "./detail-parts";
import { DeliveryStatusBadge, RESPONSE_BODY_LIMIT, webhookPath, type DeliveryDetail as Delivery } from "./labels";

type Attempt = Delivery["attempts"][number];

// Attempts of one delivery are seconds apart: the summary line shows the time of day to the second.
const clock = (date: Date) => date.toLocaleTimeString("en", { hour: "numeric", minute: "2-digit", second: "2-digit" });

/** One delivery: what was sent, every attempt with its request and response, and a manual retry. */
export function DeliveryDetail({ endpointId, id }: { endpointId: string; id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const input = { dataspace: slug, id };
  const delivery = useQuery(
    trpc.webhook.delivery.queryOptions(input, { refetchInterval: (query) => (query.state.data?.status === "PENDING" ? 2_000 : false) }),
  );
  const retry = useMutation(
    trpc.webhook.retryDelivery.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.webhook.delivery.queryFilter(input)),
          queryClient.invalidateQueries(trpc.webhook.deliveries.pathFilter()),
        ]),
    }),
  );
  const endpointHref = webhookPath(slug, endpointId);
  const back = <BackLink href={endpointHref}>Back to the webhook</BackLink>;

  if (delivery.isPending) return <DetailLoading label="Loading delivery" />;
  if (delivery.isError) {
    return (
      <DetailError
        error={delivery.error}
        noun="delivery"
        icon="envelope"
        back={{ href: endpointHref, label: "Back to the webhook", action: "Back to the webhook" }}
        missingHint="Its webhook may have been deleted, with its delivery history."
        onRetry={() => delivery.refetch()}
      />
    );
  }
  const d = delivery.data;
  const pending = d.status === "PENDING";

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="font-mono text-2xl font-semibold tracking-tight break-all text-slate-900">{d.eventType}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <DeliveryStatusBadge status={d.status} />
            {d.isTest && <Badge>Test</Badge>}
            <span>
              {d.attemptCount} attempt{d.attemptCount === 1 ? "" : "s"}
            </span>
            <span className="font-mono text-xs">delivery {d.id}</span>
          </div>
        </div>
        <div className="flex flex-col items-end gap-2">
          <Button variant="secondary" pending={retry.isPending} disabled={pending} onClick={() => retry.mutate(input)} aria-describedby={pending ? "retry-note" : undefined}>
            Retry
          </Button>
          {pending && (
            <p id="retry-note" className="max-w-xs text-right text-xs text-slate-500">
              Still being attempted: retry it once it has succeeded or failed.
            </p>
          )}
          <ErrorAlert className="max-w-md">{retry.error ? errorMessage(retry.error) : null}</ErrorAlert>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Attempts attempts={d.attempts} />
          <Card>
            <CardHeader title="Request body" description="The exact bytes sent and signed on every attempt." />
            <div className="p-4">
              <JsonBlock label="Request body" value={parseJsonText(d.body)} />
            </div>
          </Card>
        </div>
        <Card className="h-fit p-6">
          <h2 className="text-sm font-semibold text-slate-900">Details</h2>
          <dl className="mt-4 space-y-4 text-sm">
            <Detail label="Status"><DeliveryStatusBadge status={d.status} /></Detail>
            <Detail label="Event type"><span className="font-mono text-xs">{d.eventType}</span></Detail>
            <Detail label="Event id">{d.eventId ? <span className="font-mono text-xs break-all">{d.eventId}</span> : <Muted>None (test event)</Muted>}</Detail>
            <Detail label="Webhook">
              <Link href={endpointHref} className="break-all text-indigo-700 hover:underline">{d.endpoint.url}</Link>
              {d.endpoint.description && <span className="block text-slate-500">{d.endpoint.description}</span>}
            </Detail>
            <Detail label="Created"><Timestamp date={d.createdAt} /></Detail>
            <Detail label="Completed">{d.completedAt ? <Timestamp date={d.completedAt} /> : <Muted>Not yet</Muted>}</Detail>
            {d.nextAttemptAt && <Detail label="Next attempt"><Timestamp date={d.nextAttemptAt} /></Detail>}
            {d.lastError && <Detail label="Last error"><span className="text-red-700">{d.lastError}</span></Detail>}
          </dl>
        </Card>
      </div>
    </div>
  );
}

function Attempts({ attempts }: { attempts: Attempt[] }) {
  const rows = useToggleSet();
  return (
    <Card>
      <CardHeader title="Attempts" description="Every try, oldest first. Open one to see the request headers and the response." />
      {attempts.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">Not attempted yet.</p>
      ) : (
        <ol aria-label="Attempts" className="divide-y divide-slate-100">
          {attempts.map((a) => (
            <ExpandableRow
              key={a.id}
              panelId={`attempt-${a.id}`}
              expanded={rows.isOpen(a.id)}
              onToggle={() => rows.toggle(a.id)}
              summary={
                <>
                  <Icon name={a.succeeded ? "check" : "x"} className={cn("size-4 shrink-0", a.succeeded ? "text-emerald-600" : "text-red-600")} />
                  <span className="w-20 shrink-0 font-medium text-slate-900">Attempt {a.number}</span>
                  <span className={cn("min-w-24 flex-1 truncate", a.succeeded ? "text-slate-700" : "text-red-700")}>
                    {a.error ?? (a.responseStatus !== null ? `HTTP ${a.responseStatus}` : "No response")}
                  </span>
                  <span className="hidden w-16 shrink-0 text-right text-slate-500 tabular-nums sm:inline">{a.durationMs} ms</span>
                  <span className="hidden w-44 shrink-0 text-right text-slate-500 md:inline" suppressHydrationWarning>
                    {clock(a.startedAt)}
                    {a.nextRetryAt && ` · retry ${clock(a.nextRetryAt)}`}
                  </span>
                </>
              }
            >
              <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
                <Detail label="Started"><Timestamp date={a.startedAt} /></Detail>
                <Detail label="Duration">{a.durationMs} ms</Detail>
                <Detail label="Response status">{a.responseStatus ?? <Muted>No response</Muted>}</Detail>
                <Detail label="Next retry">{a.nextRetryAt ? <Timestamp date={a.nextRetryAt} /> : <Muted>{a.succeeded ? "None needed" : "No more retries"}</Muted>}</Detail>
                {a.error && <Detail label="Error"><span className="text-red-700">{a.error}</span></Detail>}
                <Detail label="URL"><span className="font-mono text-xs break-all">{a.url}</span></Detail>
              </dl>
              <h3 className="mt-4 mb-1.5 text-xs font-medium text-slate-500">Request headers</h3>
              <JsonBlock label={`Attempt ${a.number} request headers`} value={a.requestHeaders} />
              <h3 className="mt-4 mb-1.5 text-xs font-medium text-slate-500">Response headers</h3>
              {a.responseHeaders ? <JsonBlock label={`Attempt ${a.number} response headers`} value={a.responseHeaders} /> : <p className="text-sm text-slate-400">None</p>}
              <h3 className="mt-4 mb-1.5 text-xs font-medium text-slate-500">Response body</h3>
              {a.responseBody ? (
                <>
                  <pre aria-label={`Attempt ${a.number} response body`} className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100">
                    {a.responseBody}
                  </pre>
                  <p className="mt-1 text-xs text-slate-500">Only the first {RESPONSE_BODY_LIMIT} of a response body is kept.</p>
                </>
              ) : (
                <p className="text-sm text-slate-400">Empty</p>
              )}
            </ExpandableRow>
          ))}
        </ol>
      )}
    </Card>
  );
}

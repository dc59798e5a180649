"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { JsonBlock } from "@/components/runs/labels";
import { Timestamp } from "@/components/runs/time";
import { Notice } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { formatDateTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { Detail, Muted, parseJsonText } from "./detail-parts";
import { EndpointCharts } from "@/components/metrics/endpoint-charts";
import { DeliveriesTable } from "./deliveries-table";
import { EndpointStateBadge, EventTypeList, HELD_LIMIT, webhooksPath, type WebhookEndpoint } from "./labels";
import { ReplayFailed } from "./replay-failed";
import { SecretReveal } from "./secret-reveal";
import { WebhookActions, type ActionResult } from "./webhook-actions";
import { WebhookForm } from "./webhook-form";
import { changedWebhookFields, inputFromEndpoint } from "./webhook-input";

export function WebhookDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const input = { dataspace: slug, id };
  // A pause ends by itself: look again now and then, so the page shows the endpoint resuming.
  const endpoint = useQuery(trpc.webhook.get.queryOptions(input, { refetchInterval: (query) => (query.state.data?.state === "PAUSED" ? 5_000 : false) }));
  const state = endpoint.data?.state;
  const firstState = useRef(state);
  useEffect(() => {
    // Paused, resumed or disabled: held deliveries changed with it.
    if (state !== firstState.current) void queryClient.invalidateQueries(trpc.webhook.deliveries.pathFilter());
  }, [state, queryClient, trpc]);
  const eventTypes = useQuery(trpc.webhook.eventTypes.queryOptions(undefined, { staleTime: Infinity }));
  const update = useMutation(
    trpc.webhook.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.webhook.get.queryKey(input), saved);
        await queryClient.invalidateQueries(trpc.webhook.list.queryFilter({ dataspace: slug }));
        setEditing(false);
      },
    }),
  );

  const back = <BackLink href={webhooksPath(slug)}>All webhooks</BackLink>;

  if (endpoint.isPending) return <DetailLoading label="Loading webhook" />;
  if (endpoint.isError) {
    return <DetailError error={endpoint.error} noun="webhook" icon="link" back={{ href: webhooksPath(slug), label: "All webhooks" }} onRetry={() => endpoint.refetch()} />;
  }
  const e = endpoint.data;
  const values = inputFromEndpoint(e);

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900">{e.url}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <EndpointStateBadge endpoint={e} />
            {e.description && <span className="text-slate-600">{e.description}</span>}
          </div>
        </div>
        {!editing && <WebhookActions endpoint={e} onEdit={() => { update.reset(); setEditing(true); }} onResult={setResult} />}
      </div>

      {result && <ResultNote result={result} />}

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit webhook</h2>
          <WebhookForm
            initial={values}
            eventTypes={eventTypes.data ?? []}
            editing
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const patch = changedWebhookFields(values, next);
              if (Object.keys(patch).length === 0) setEditing(false);
              else update.mutate({ ...input, patch });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <EndpointCharts endpointId={e.id} />
            <DeliveriesTable endpointId={e.id} />
            <ReplayFailed endpointId={e.id} />
          </div>
          <div className="space-y-6">
            <HealthCard endpoint={e} />
            <SigningCard endpoint={e} />
            <ConfigurationCard endpoint={e} />
          </div>
        </div>
      )}
    </div>
  );
}

function ResultNote({ result }: { result: ActionResult }) {
  if (result.kind === "rotated") {
    return (
      <SecretReveal secret={result.secret}>
        <p className="text-sm text-amber-900" suppressHydrationWarning>
          {result.oldValidUntil
            ? `The old secret keeps signing alongside the new one until ${formatDateTime(result.oldValidUntil)}.`
            : "The old secret no longer signs: deliveries carry only the new signature from now on."}
        </p>
      </SecretReveal>
    );
  }
  return (
    <Notice>
      {result.kind === "enabled" &&
        `Enabled${result.wasStopped ? ": the failure count starts again from zero" : ""}. ${
          result.released === 0 ? "No deliveries were held." : `Released ${result.released} held deliver${result.released === 1 ? "y" : "ies"}; they go out now.`
        }`}
      {result.kind === "disabled" && `Disabled. New events are held for this webhook (up to ${HELD_LIMIT}) and sent when you enable it again.`}
      {result.kind === "test" && "Test event queued: it shows under Deliveries below as a webhook.test delivery."}
    </Notice>
  );
}

function HealthCard({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Health</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="State"><EndpointStateBadge endpoint={e} /></Detail>
        <Detail label="Consecutive failures"><span className="tabular-nums">{e.consecutiveFailures}</span></Detail>
        <Detail label="Failing since">{e.failingSince ? <Timestamp date={e.failingSince} /> : <Muted>Not failing</Muted>}</Detail>
        {e.pausedUntil && <Detail label="Paused until"><Timestamp date={e.pausedUntil} /></Detail>}
        <Detail label="Reason">{e.stateReason ?? <Muted>None</Muted>}</Detail>
        {e.stateChangedAt && <Detail label="State changed"><Timestamp date={e.stateChangedAt} /></Detail>}
      </dl>
    </Card>
  );
}

function SigningCard({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Signing</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="Secret"><span className="font-mono text-xs">{e.secret}</span></Detail>
        <Detail label="Previous secret valid until">
          {e.previousSecretExpiresAt ? <Timestamp date={e.previousSecretExpiresAt} /> : <Muted>No previous secret in use</Muted>}
        </Detail>
      </dl>
      <p className="mt-4 text-xs text-slate-500">
        Deliveries carry Standard Webhooks headers: webhook-id, webhook-timestamp and webhook-signature.
      </p>
    </Card>
  );
}

function ConfigurationCard({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const headers = Object.entries(e.extraHeaders);
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Configuration</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="Events"><EventTypeList types={e.eventTypes} /></Detail>
        <Detail label="Filter">{e.filter ? <code className="font-mono text-xs break-words">{e.filter}</code> : <Muted>Every matching event</Muted>}</Detail>
        <Detail label="Payload">
          {e.payloadTemplate === "CUSTOM" ? "Custom template" : "DejaCode (default)"}
          {e.payloadTemplate === "CUSTOM" && e.customTemplate && (
            <div className="mt-2"><JsonBlock label="Custom template" value={parseJsonText(e.customTemplate)} /></div>
          )}
        </Detail>
        {e.extraPayload && (
          <Detail label="Extra payload">
            <JsonBlock label="Extra payload" value={e.extraPayload} />
          </Detail>
        )}
        <Detail label="Extra headers">
          {headers.length === 0 ? (
            <Muted>None</Muted>
          ) : (
            <ul className="space-y-0.5 font-mono text-xs">
              {headers.map(([name, value]) => (
                <li key={name} className="break-all">{name}: {value}</li>
              ))}
            </ul>
          )}
        </Detail>
        <Detail label="4xx answers">{e.retryClientErrors ? "Retried" : "Final (not retried)"}</Detail>
        <Detail label="Rate limit">{e.rateLimitPerSecond ? `${e.rateLimitPerSecond} per second` : <Muted>None</Muted>}</Detail>
        <Detail label="Created"><Timestamp date={e.createdAt} /></Detail>
      </dl>
    </Card>
  );
}

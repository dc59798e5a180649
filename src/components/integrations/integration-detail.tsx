"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { JsonBlock } from "@/components/runs/labels";
import { Timestamp } from "@/components/runs/time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { Detail, Muted } from "@/components/webhooks/detail-parts";
import { useTRPC } from "@/trpc/react";
import { InboundCard, SetupInstructions } from "./inbound-card";
import { IntegrationCharts } from "./integration-charts";
import { IntegrationActions } from "./integration-actions";
import { changedIntegrationFields, IntegrationForm, valuesFromIntegration } from "./integration-form";
import { AuthFailures } from "./integrations-view";
import { hasIssueSync, IssueSyncCard } from "./issue-sync-card";
import { ActiveBadge, integrationsPath, typeLabel, type Integration } from "./labels";
import { RecentEvents } from "./recent-events";
import { AttentionBanner, StatuspageCard } from "./statuspage-card";
import { sendsTelemetry, TelemetryCard } from "./telemetry-card";

export function IntegrationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [editing, setEditing] = useState(false);
  const input = { dataspace: slug, id };
  const integration = useQuery(trpc.integration.get.queryOptions(input));
  const types = useQuery(trpc.integration.types.queryOptions(undefined, { staleTime: Infinity }));
  const update = useMutation(
    trpc.integration.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.integration.get.queryKey(input), saved);
        await queryClient.invalidateQueries(trpc.integration.list.queryFilter({ dataspace: slug }));
        setEditing(false);
      },
    }),
  );

  const back = <BackLink href={integrationsPath(slug)}>All integrations</BackLink>;

  if (integration.isPending) return <DetailLoading label="Loading integration" />;
  if (integration.isError) {
    return <DetailError error={integration.error} noun="integration" icon="puzzle" back={{ href: integrationsPath(slug), label: "All integrations" }} onRetry={() => integration.refetch()} />;
  }
  const i = integration.data;
  const label = typeLabel(types.data, i.type);

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{i.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Badge tone="indigo">{label}</Badge>
            <ActiveBadge isActive={i.isActive} />
          </div>
        </div>
        {!editing && <IntegrationActions integration={i} onEdit={() => { update.reset(); setEditing(true); }} />}
      </div>

      <AttentionBanner integration={i} />

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit integration</h2>
          <IntegrationForm
            initial={valuesFromIntegration(i)}
            types={types.data ?? []}
            editing
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const patch = changedIntegrationFields(i, next);
              if (Object.keys(patch).length === 0) setEditing(false);
              else update.mutate({ ...input, patch });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <InboundCard integration={i} label={label} />
            <IntegrationCharts integrationId={i.id} />
            <RecentEvents integrationId={i.id} />
          </div>
          <div className="min-w-0 space-y-6">
            {i.type === "STATUSPAGE" && <StatuspageCard integration={i} />}
            {sendsTelemetry(i) && <TelemetryCard integration={i} label={label} />}
            {hasIssueSync(i, types.data) && <IssueSyncCard integration={i} platform={label} />}
            <SetupInstructions integrationId={i.id} label={label} />
            <ConfigCard integration={i} label={label} />
          </div>
        </div>
      )}
    </div>
  );
}

function ConfigCard({ integration: i, label }: { integration: Integration; label: string }) {
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Configuration</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="Type">{label}</Detail>
        <Detail label="Status"><ActiveBadge isActive={i.isActive} /></Detail>
        <Detail label="Config">
          <JsonBlock label="Config" value={i.config} />
          <span className="mt-1 block text-xs text-slate-500">Secrets are stored encrypted and only ever shown as ***.</span>
        </Detail>
        <Detail label="Last event">{i.lastEventAt ? <Timestamp date={i.lastEventAt} /> : <Muted>None received yet</Muted>}</Detail>
        <Detail label="Refused requests"><AuthFailures integration={i} /></Detail>
        <Detail label="Created"><Timestamp date={i.createdAt} /></Detail>
      </dl>
    </Card>
  );
}

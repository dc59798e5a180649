"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Timestamp } from "@/components/runs/time";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Detail, Muted } from "@/components/webhooks/detail-parts";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import type { Integration } from "./labels";

/**
 * The outbound side of a Statuspage integration: whether it works (Test connection), what the
 * last scheduled reconcile found and changed (and Reconcile now), and which component follows
 * which service — picked from the page's components, fetched live.
 */

type Drift = {
  service: { id: string; name: string; status: string };
  component: { id: string; name: string; status: string };
  repaired: "component" | "service" | null;
};
type IncidentDrift = {
  incident: { id: string; title: string; status: string };
  statuspage: { id: string; name: string; status: string } | null;
  kind: string;
  repaired: boolean;
};
type Report = {
  direction?: string;
  compared?: number;
  drift?: Drift[];
  problems?: string[];
  error?: string | null;
  incidents?: { compared: number; drift: IncidentDrift[] };
};

/** What each kind of incident drift was, and what a repair did about it. */
const INCIDENT_DRIFT: Record<string, { found: string; repaired: string }> = {
  resolved_here: { found: "resolved here, still open on Statuspage", repaired: "resolved on Statuspage" },
  status: { found: "another status on Statuspage", repaired: "status set back to ours" },
  name: { found: "another name on Statuspage", repaired: "name set back to ours" },
  missing: { found: "never published", repaired: "published" },
  unlinked: { found: "published but not linked", repaired: "linked and updated" },
  resolved_there: { found: "resolved on Statuspage, open here", repaired: "—" },
};

const RESULT: Record<string, { label: string; tone: Tone }> = {
  in_sync: { label: "In sync", tone: "emerald" },
  repaired: { label: "Drift repaired", tone: "sky" },
  drift_reported: { label: "Drift found", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
};

const label = (status: string) => status.replaceAll("_", " ") || "—";

/** An outbound call failed in a way only a person can fix: shown on top of any integration's page. */
export function AttentionBanner({ integration }: { integration: Integration }) {
  if (!integration.attention) return null;
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">This integration needs attention</p>
      <p className="mt-1 break-words">{integration.attention.message}</p>
      {integration.attention.since && (
        <p className="mt-1 text-xs text-amber-800">
          Since <Timestamp date={integration.attention.since} />. Fix the config (saving it clears this), then Test connection.
        </p>
      )}
    </div>
  );
}

export function StatuspageCard({ integration }: { integration: Integration }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const input = { dataspace: slug, id: integration.id };
  const refresh = () => queryClient.invalidateQueries(trpc.integration.get.queryFilter(input));
  const test = useMutation(trpc.integration.statuspageTestConnection.mutationOptions({ onSettled: refresh }));
  const reconcile = useMutation(trpc.integration.statuspageReconcile.mutationOptions({ onSuccess: refresh }));
  const hasKey = integration.config.apiKey === "***";
  const run = integration.reconcile;
  const report = (run?.report ?? null) as Report | null;
  const running = run !== null && (run.finishedAt === null || new Date(run.finishedAt) < new Date(run.startedAt));

  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Outbound sync</h2>
      {!hasKey ? (
        <Notice className="mt-4">No apiKey is configured: this integration only receives Statuspage&apos;s notifications. Add an API key to the config to update the page.</Notice>
      ) : (
        <div className="mt-4 space-y-4 text-sm">
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" pending={test.isPending} onClick={() => test.mutate(input)}>
              Test connection
            </Button>
            <Button variant="secondary" size="sm" pending={reconcile.isPending} onClick={() => reconcile.mutate(input)}>
              Reconcile now
            </Button>
          </div>
          {test.data?.ok === true && (
            <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
              Connected to <strong>{test.data.page.name}</strong> ({test.data.page.id}), {test.data.componentCount} component{test.data.componentCount === 1 ? "" : "s"}.
              {test.data.problems.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-amber-900">
                  {test.data.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {test.data?.ok === false && <ErrorAlert>{test.data.error}{test.data.retryable ? " Try again in a moment." : ""}</ErrorAlert>}
          {test.error && <ErrorAlert>{errorMessage(test.error)}</ErrorAlert>}
          {reconcile.data?.requested === false && <ErrorAlert>{reconcile.data.reason}</ErrorAlert>}
          {reconcile.data?.requested === true && <Notice>Reconcile requested: it shows here, and on the Runs page, when it has run.</Notice>}
          {reconcile.error && <ErrorAlert>{errorMessage(reconcile.error)}</ErrorAlert>}

          <dl className="space-y-3">
            <Detail label="Direction">{label(String(integration.config.direction ?? "push"))}, every {String(integration.config.reconcileIntervalMinutes ?? 5)} min</Detail>
            <Detail label="Last reconcile">
              {run ? (
                <span className="flex flex-wrap items-center gap-2">
                  <Timestamp date={run.startedAt} />
                  {running ? <Badge tone="indigo">Running</Badge> : run.result && <Badge tone={RESULT[run.result]?.tone ?? "slate"}>{RESULT[run.result]?.label ?? run.result}</Badge>}
                </span>
              ) : (
                <Muted>Not run yet (the first runs within a minute of saving an API key)</Muted>
              )}
            </Detail>
            {report && !running && <ReconcileReport report={report} />}
          </dl>
          <ComponentMapping integration={integration} />
        </div>
      )}
    </Card>
  );
}

function ReconcileReport({ report }: { report: Report }) {
  const drift = report.drift ?? [];
  return (
    <Detail label="Drift found">
      {report.error ? (
        <span className="text-red-700">{report.error}</span>
      ) : drift.length === 0 ? (
        <span>None — {report.compared ?? 0} mapped component{report.compared === 1 ? "" : "s"} match their services.</span>
      ) : (
        <ul className="space-y-1">
          {drift.map((d) => (
            <li key={d.service.id}>
              <span className="font-medium">{d.service.name}</span> {label(d.service.status)} ↔ <span className="font-medium">{d.component.name}</span> {label(d.component.status)}
              {" — "}
              {d.repaired === "component" ? "component set to the service's status" : d.repaired === "service" ? "service set to the component's status" : "not changed"}
            </li>
          ))}
        </ul>
      )}
      {report.incidents && <IncidentDriftList incidents={report.incidents} />}
      {(report.problems ?? []).length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-amber-800">
          {report.problems!.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Detail>
  );
}

function IncidentDriftList({ incidents }: { incidents: NonNullable<Report["incidents"]> }) {
  if (incidents.drift.length === 0) {
    return <p className="mt-1">Incidents: none — {incidents.compared} published incident{incidents.compared === 1 ? "" : "s"} match.</p>;
  }
  return (
    <ul className="mt-1 space-y-1" aria-label="Incident drift">
      {incidents.drift.map((d) => {
        const kind = INCIDENT_DRIFT[d.kind] ?? { found: d.kind, repaired: "repaired" };
        return (
          <li key={`${d.incident.id}:${d.kind}`}>
            Incident <span className="font-medium">{d.incident.title}</span> ({label(d.incident.status)}): {kind.found}
            {d.statuspage && d.kind !== "missing" ? ` (${label(d.statuspage.status)} there)` : ""}
            {" — "}
            {d.repaired ? kind.repaired : "not changed"}
          </li>
        );
      })}
    </ul>
  );
}

/** Each service → one of the page's components (fetched live when asked for), saved into the config's componentMapping. */
function ComponentMapping({ integration }: { integration: Integration }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const input = { dataspace: slug, id: integration.id };
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const listed = useQuery(trpc.integration.statuspageComponents.queryOptions(input, { enabled: open, staleTime: 30_000 }));
  const save = useMutation(
    trpc.integration.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.integration.get.queryKey(input), saved);
        await queryClient.invalidateQueries(trpc.integration.statuspageComponents.queryFilter(input));
        setDraft(null);
      },
    }),
  );

  if (!open) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        Map services to components…
      </Button>
    );
  }
  if (listed.isPending) return <Muted>Fetching the page&apos;s components…</Muted>;
  if (listed.isError) return <ErrorAlert>{errorMessage(listed.error)}</ErrorAlert>;
  if (!listed.data.ok) return <ErrorAlert>{listed.data.error}</ErrorAlert>;
  const { components, services } = listed.data;
  const mapping = draft ?? listed.data.mapping;
  const choosable = components.filter((c) => !c.group);
  const taken = new Map(Object.entries(mapping).map(([service, component]) => [component, service]));

  function pick(serviceId: string, componentId: string) {
    const next = { ...mapping };
    if (componentId) next[serviceId] = componentId;
    else delete next[serviceId];
    setDraft(next);
  }

  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-slate-500">Components</legend>
      {services.length === 0 ? (
        <Muted>This dataspace has no services yet.</Muted>
      ) : (
        services.map((service) => (
          <label key={service.id} className="flex items-center justify-between gap-3">
            <span className="min-w-0 truncate">{service.name}</span>
            <select
              aria-label={`Statuspage component for ${service.name}`}
              className="max-w-[60%] rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
              value={mapping[service.id] ?? ""}
              onChange={(e) => pick(service.id, e.target.value)}
            >
              <option value="">Not on the page</option>
              {choosable.map((c) => (
                <option key={c.id} value={c.id} disabled={taken.has(c.id) && taken.get(c.id) !== service.id}>
                  {c.name} ({label(c.status)})
                </option>
              ))}
            </select>
          </label>
        ))
      )}
      {save.error && <ErrorAlert>{errorMessage(save.error)}</ErrorAlert>}
      <div className="flex gap-2">
        <Button size="sm" disabled={draft === null} pending={save.isPending} onClick={() => save.mutate({ ...input, patch: { config: { ...integration.config, componentMapping: mapping } } })}>
          Save mapping
        </Button>
        <Button variant="ghost" size="sm" onClick={() => { setDraft(null); setOpen(false); }}>
          Close
        </Button>
      </div>
    </fieldset>
  );
}

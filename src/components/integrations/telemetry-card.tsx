"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Timestamp } from "@/components/runs/time";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Detail, Muted } from "@/components/webhooks/detail-parts";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import type { Integration } from "./labels";

/**
 * The outbound side of a Datadog or New Relic integration: what it sends (metrics every minute,
 * alerts and deployments as they happen) and how far behind its metrics are — the lag, the last
 * window sent and the service's last refusal, in its own words.
 */
export const sendsTelemetry = (integration: Integration) => integration.type === "DATADOG" || integration.type === "NEW_RELIC";

/** "42 s", "3 min", "2 h 5 min": a lag as a person reads it. */
export function formatLag(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function TelemetryCard({ integration, label }: { integration: Integration; label: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const status = useQuery(trpc.integration.telemetry.queryOptions({ dataspace: slug, id: integration.id }, { refetchInterval: 30_000 }));
  const s = status.data;
  const sendsSomething = s && (s.metrics.length > 0 || s.alerts || s.deployments);
  const test = useMutation(trpc.integration.testTelemetry.mutationOptions());
  return (
    <Card className="p-6">
      <section aria-labelledby="telemetry-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="telemetry-heading" className="text-sm font-semibold text-slate-900">Sending to {label}</h2>
        <Button variant="secondary" size="sm" pending={test.isPending} onClick={() => test.mutate({ dataspace: slug, id: integration.id })}>
          Test connection
        </Button>
      </div>
      {status.isError && <ErrorAlert className="mt-3">{status.error.message}</ErrorAlert>}
      {test.error && <ErrorAlert className="mt-3">{errorMessage(test.error)}</ErrorAlert>}
      {test.data?.skipped && <ErrorAlert className="mt-3">{test.data.skipped}</ErrorAlert>}
      {test.data && test.data.checks.length > 0 && (
        <ul role="status" aria-label="Connection test" className={`mt-3 space-y-1 rounded-md border px-3 py-2 text-sm ${test.data.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}>
          {test.data.checks.map((check) => (
            <li key={check.check} className="break-words">
              <strong>{check.check}</strong>: {check.ok ? "works" : "fails"} — {check.detail}
            </li>
          ))}
        </ul>
      )}
      {s && !sendsSomething && (
        <p className="mt-3 text-sm text-slate-600">
          Nothing yet. Set <code>forwardMetrics</code>, <code>forwardAlerts</code> or <code>forwardDeployments</code> (with <code>apiKey</code>) in the config.
        </p>
      )}
      {s && sendsSomething && (
        <dl className="mt-4 space-y-4 text-sm">
          <Detail label="Metrics">{s.metrics.length > 0 ? `${s.metrics.length} every minute` : <Muted>None</Muted>}</Detail>
          <Detail label="Alerts">{s.alerts ? "As they change" : <Muted>Not sent</Muted>}</Detail>
          <Detail label="Deployments">{s.deployments ? "When they finish" : <Muted>Not sent</Muted>}</Detail>
          {s.metrics.length > 0 && (
            <Detail label="Lag">
              {s.forwarding ? (
                <span data-testid="telemetry-lag">
                  {formatLag(s.forwarding.lagSeconds)} <Muted>(sent up to <Timestamp date={s.forwarding.upTo} />)</Muted>
                </span>
              ) : (
                <Muted>Starts within a minute</Muted>
              )}
            </Detail>
          )}
          {s.forwarding?.lastSentAt && (
            <Detail label="Last sent">
              <Timestamp date={s.forwarding.lastSentAt} /> · {s.forwarding.lastPoints} points ({s.forwarding.sentPoints} in all)
            </Detail>
          )}
          {s.forwarding && s.forwarding.droppedBuckets > 0 && (
            <Detail label="Never sent">
              {s.forwarding.droppedBuckets} minute buckets: older than {label} takes by the time their turn came, after an outage.
            </Detail>
          )}
          {s.forwarding?.lastError && (
            <Detail label="Last problem">
              <Badge tone="red">Error</Badge> <span className="break-words">{s.forwarding.lastError.message}</span>
            </Detail>
          )}
        </dl>
      )}
      </section>
    </Card>
  );
}

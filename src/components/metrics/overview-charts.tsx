"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { FilterTabs } from "@/components/ui/filter-tabs";
import type { Overview } from "@/server/metrics/overview";
import { useTRPC } from "@/trpc/react";
import { ChartCard } from "./chart-card";
import { parseRange, RANGES } from "./ranges";

const SEVERITY_COLOURS: Record<string, string> = { critical: "#b42318", error: "#dc6803", warning: "#eaaa08", info: "#2e90fa" };
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)} %`);

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}

/** DORA's four figures where the data exists: deployment frequency, change failure rate, time to restore, lead time for changes. */
function doraSummary(dora: Overview["dora"]): string {
  return [
    `${dora.deployments} finished (${dora.deploymentsPerDay.toFixed(dora.deploymentsPerDay < 10 ? 1 : 0)} successful a day)`,
    `change failure rate ${dora.changeFailureRate === null ? "—" : `${(dora.changeFailureRate * 100).toFixed(0)} %`}`,
    `mean time to restore ${dora.meanTimeToRestoreSeconds === null ? "—" : duration(dora.meanTimeToRestoreSeconds)}`,
    `mean lead time ${dora.meanLeadTimeSeconds === null ? "—" : duration(dora.meanLeadTimeSeconds)}`,
  ].join(" · ");
}

/** The dataspace's figures over a range the person picks (kept in the URL): eight charts from one query. */
export function OverviewCharts() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range = parseRange(params.get("range"));
  const { data } = useSuspenseQuery(trpc.metric.overview.queryOptions({ dataspace: slug, range }, { refetchInterval: 60_000 }));
  const rows = data.buckets.map(({ alerts, ...row }) => ({ ...row, ...Object.fromEntries(Object.entries(alerts).map(([severity, n]) => [`alerts_${severity}`, n])) }));
  const succeeded = sum(data.buckets.map((b) => b.deliveriesSucceeded));
  const failed = sum(data.buckets.map((b) => b.deliveriesFailed));
  const received = sum(data.buckets.map((b) => b.inboundReceived));
  const inboundFailed = sum(data.buckets.map((b) => b.inboundFailed));
  const events = sum(data.buckets.map((b) => b.eventsPublished));
  const alerts = sum(data.buckets.flatMap((b) => Object.values(b.alerts)));
  const declared = sum(data.buckets.map((b) => b.incidentsDeclared));
  const resolved = sum(data.buckets.map((b) => b.incidentsResolved));
  const lastOpen = [...data.buckets].reverse().find((b) => b.openRequests !== null)?.openRequests ?? null;
  const p95s = data.buckets.flatMap((b) => (b.latencyP95 === null ? [] : [b.latencyP95]));
  return (
    <div className="space-y-4">
      <FilterTabs
        label="Time range"
        options={RANGES.map((r) => ({ value: r.value, label: r.label }))}
        value={range}
        onChange={(value) => router.replace(`${pathname}?range=${value}`, { scroll: false })}
      />
      <p className="text-xs text-slate-500">Per {data.resolution}; figures are computed every minute from the dataspace&apos;s records.</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title="Webhook deliveries"
          summary={`${succeeded + failed} attempts, ${failed} failed · success rate ${percent(succeeded, succeeded + failed)}`}
          rows={rows}
          kind="bars"
          resolution={data.resolution}
          series={[{ key: "deliveriesSucceeded", label: "Succeeded", color: "#12b76a" }, { key: "deliveriesFailed", label: "Failed", color: "#f04438" }]}
        />
        <ChartCard
          title="Delivery latency"
          summary={p95s.length ? `worst p95 ${Math.round(Math.max(...p95s))} ms` : "no deliveries in this range"}
          rows={rows}
          kind="lines"
          unit="ms"
          resolution={data.resolution}
          series={[{ key: "latencyP50", label: "p50", color: "#6172f3" }, { key: "latencyP95", label: "p95", color: "#ee46bc" }]}
        />
        <ChartCard
          title="Inbound webhooks"
          summary={`${received} received, ${inboundFailed} failed`}
          rows={rows}
          kind="bars"
          resolution={data.resolution}
          series={[{ key: "inboundReceived", label: "Received", color: "#2e90fa" }, { key: "inboundFailed", label: "Failed", color: "#f04438" }]}
        />
        <ChartCard title="Events" summary={`${events} published`} rows={rows} kind="bars" resolution={data.resolution} series={[{ key: "eventsPublished", label: "Events", color: "#7a5af8" }]} />
        <ChartCard
          title="Alerts"
          summary={`${alerts} triggered`}
          rows={rows}
          kind="bars"
          resolution={data.resolution}
          series={data.severities.map((severity) => ({ key: `alerts_${severity}`, label: severity, color: SEVERITY_COLOURS[severity] ?? "#667085" }))}
        />
        <ChartCard
          title="Incidents"
          summary={`${declared} declared, ${resolved} resolved · mean time to restore ${data.dora.meanTimeToRestoreSeconds === null ? "—" : duration(data.dora.meanTimeToRestoreSeconds)}`}
          rows={rows}
          kind="bars"
          resolution={data.resolution}
          series={[{ key: "incidentsDeclared", label: "Declared", color: "#f79009" }, { key: "incidentsResolved", label: "Resolved", color: "#12b76a" }]}
        />
        <ChartCard
          title="Deployments"
          summary={doraSummary(data.dora)}
          rows={rows}
          kind="bars"
          resolution={data.resolution}
          series={[{ key: "deploymentsSucceeded", label: "Succeeded", color: "#12b76a" }, { key: "deploymentsFailed", label: "Failed", color: "#f04438" }]}
        />
        <ChartCard
          title="Open requests"
          summary={lastOpen === null ? "not sampled yet" : `${lastOpen} open now`}
          rows={rows}
          kind="lines"
          resolution={data.resolution}
          series={[{ key: "openRequests", label: "Open", color: "#0ba5ec" }]}
        />
      </div>
    </div>
  );
}

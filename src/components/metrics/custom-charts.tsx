"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { AppRouter } from "@/server/api/root";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { ChartCard, type SeriesSpec } from "./chart-card";
import { parseRange, type RangeValue } from "./ranges";

type Definition = inferRouterOutputs<AppRouter>["metric"]["definitions"][number];

const MINUTE = 60_000;
/** The ranges' spans, as the server's overview reads them (src/server/metrics/overview.ts). */
const SPANS: Record<RangeValue, number> = { "1h": 60 * MINUTE, "6h": 360 * MINUTE, "24h": 1_440 * MINUTE, "7d": 7 * 1_440 * MINUTE, "30d": 30 * 1_440 * MINUTE };

/** The end of the minute under way, moving on as minutes pass: a range's end that keeps the query key still within a minute. */
function useMinuteEnd(): number {
  const [end, setEnd] = useState(() => Math.ceil(Date.now() / MINUTE) * MINUTE);
  useEffect(() => {
    const timer = setInterval(() => setEnd(Math.ceil(Date.now() / MINUTE) * MINUTE), 10_000);
    return () => clearInterval(timer);
  }, []);
  return end;
}

/** One chart per custom metric (the dataspace's mappings, src/server/metrics/custom), over the Overview's range. */
export function CustomCharts() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const range = parseRange(useSearchParams().get("range"));
  const end = useMinuteEnd();
  const definitions = useQuery(trpc.metric.definitions.queryOptions({ dataspace: slug }));
  const mappingsPath = `/d/${slug}/overview/mappings`;

  if (definitions.isPending) return <div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={2} label="Loading custom metrics" /></div>;
  if (definitions.isError) return <ErrorAlert>Could not load the custom metrics: {errorMessage(definitions.error)}</ErrorAlert>;
  const custom = definitions.data.filter((definition) => definition.custom);
  if (custom.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No custom metrics yet.{" "}
        <Link className="font-medium text-indigo-700 hover:underline" href={mappingsPath}>
          Map events to metrics of your own
        </Link>{" "}
        — CI durations per repository, say — and they are charted here.
      </p>
    );
  }
  const from = new Date(end - SPANS[range]).toISOString();
  const to = new Date(end).toISOString();
  return (
    <section aria-labelledby="custom-metrics" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="custom-metrics" className="text-base font-semibold text-slate-900">Custom metrics</h2>
        <Link className="text-sm font-medium text-indigo-700 hover:underline" href={mappingsPath}>
          Manage mappings
        </Link>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {custom.map((definition) => (
          <CustomChart key={definition.name} definition={definition} from={from} to={to} />
        ))}
      </div>
    </section>
  );
}

const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

function CustomChart({ definition, from, to }: { definition: Definition; from: string; to: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const read = useQuery(
    trpc.metric.read.queryOptions({ dataspace: slug, name: definition.name, from, to, group: "total" }, { placeholderData: keepPreviousData, refetchInterval: 60_000 }),
  );
  if (read.isPending || read.isError) {
    return (
      <Card>
        <CardHeader title={definition.name} description={definition.description} />
        {read.isPending ? <SkeletonRows rows={3} label={`Loading ${definition.name}`} /> : <ErrorAlert className="m-4">Could not load {definition.name}: {errorMessage(read.error)}</ErrorAlert>}
      </Card>
    );
  }
  const unit = read.data.unit || undefined;
  const points = read.data.series[0]?.points ?? [];
  const rows = points.map((p) => ({ at: p.at, value: p.value, p50: p.p50 ?? null, p95: p.p95 ?? null }));
  const observed = points.reduce((sum, p) => sum + p.count, 0);
  let figure: string;
  let series: SeriesSpec[];
  if (definition.kind === "counter") {
    const total = points.reduce((sum, p) => sum + (p.value ?? 0), 0);
    figure = `${round(total)}${unit ? ` ${unit}` : ""} in this range, from ${observed} ${observed === 1 ? "event" : "events"}`;
    series = [{ key: "value", label: "Value", color: "#7a5af8" }];
  } else if (definition.kind === "latency") {
    const p95s = points.flatMap((p) => (typeof p.p95 === "number" ? [p.p95] : []));
    figure = p95s.length ? `worst p95 ${round(Math.max(...p95s))}${unit ? ` ${unit}` : ""}, over ${observed} ${observed === 1 ? "event" : "events"}` : "no events in this range";
    series = [{ key: "p50", label: "p50", color: "#6172f3" }, { key: "p95", label: "p95", color: "#ee46bc" }];
  } else {
    const last = [...points].reverse().find((p) => p.value !== null)?.value ?? null;
    figure = last === null ? "no events in this range" : `last ${round(last)}${unit ? ` ${unit}` : ""}`;
    series = [{ key: "value", label: "Value", color: "#0ba5ec" }];
  }
  return (
    <ChartCard
      title={definition.name}
      summary={`${definition.description} · ${figure}`}
      rows={rows}
      kind={definition.kind === "counter" ? "bars" : "lines"}
      unit={unit}
      resolution={read.data.resolution}
      series={series}
    />
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { useTRPC } from "@/trpc/react";
import { ChartCard } from "./chart-card";

const DAY = 86_400_000;

/** One endpoint's last 24 hours, hour by hour: its attempts (accepted and failed) and their latency. */
export function EndpointCharts({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  // Whole hours, so the query key holds still between renders.
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000).toISOString();
  const from = new Date(Date.parse(to) - DAY).toISOString();
  const read = (name: "webhooks.deliveries.succeeded" | "webhooks.deliveries.failed" | "webhooks.deliveries.latency_ms") =>
    trpc.metric.read.queryOptions({ dataspace: slug, name, from, to, resolution: "hour", group: "total", tags: { endpoint: endpointId } }, { refetchInterval: 60_000 });
  const succeeded = useQuery(read("webhooks.deliveries.succeeded"));
  const failed = useQuery(read("webhooks.deliveries.failed"));
  const latency = useQuery(read("webhooks.deliveries.latency_ms"));
  if (!succeeded.data || !failed.data || !latency.data) return null;
  const byTime = (data: NonNullable<typeof succeeded.data>) => new Map((data.series[0]?.points ?? []).map((p) => [p.at, p]));
  const [ok, bad, slow] = [succeeded.data, failed.data, latency.data].map(byTime);
  const times = Array.from({ length: 24 }, (_, i) => new Date(Date.parse(from) + i * 3_600_000).toISOString());
  const rows = times.map((at) => ({ at, succeeded: ok.get(at)?.value ?? 0, failed: bad.get(at)?.value ?? 0, p50: slow.get(at)?.p50 ?? null, p95: slow.get(at)?.p95 ?? null }));
  const accepted = rows.reduce((sum, r) => sum + r.succeeded, 0);
  const refused = rows.reduce((sum, r) => sum + r.failed, 0);
  const p95s = rows.flatMap((r) => (r.p95 === null ? [] : [r.p95]));
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <ChartCard
        title="Attempts, last 24 hours"
        summary={`${accepted + refused} attempts, ${refused} failed${accepted + refused ? ` · success rate ${((accepted / (accepted + refused)) * 100).toFixed(1)} %` : ""}`}
        rows={rows}
        kind="bars"
        resolution="hour"
        series={[{ key: "succeeded", label: "Succeeded", color: "#12b76a" }, { key: "failed", label: "Failed", color: "#f04438" }]}
      />
      <ChartCard
        title="Attempt latency, last 24 hours"
        summary={p95s.length ? `worst hourly p95 ${Math.round(Math.max(...p95s))} ms` : "no attempts in the last 24 hours"}
        rows={rows}
        kind="lines"
        unit="ms"
        resolution="hour"
        series={[{ key: "p50", label: "p50", color: "#6172f3" }, { key: "p95", label: "p95", color: "#ee46bc" }]}
      />
    </div>
  );
}

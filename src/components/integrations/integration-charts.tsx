"use client";

import { useQuery } from "@tanstack/react-query";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ChartCard } from "@/components/metrics/chart-card";
import { useTRPC } from "@/trpc/react";

const HOUR = 3_600_000;

/** One integration's last 24 hours, hour by hour: the webhooks it received and those whose processing failed. */
export function IntegrationCharts({ integrationId }: { integrationId: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  // Whole hours, so the query key holds still between renders.
  const to = new Date(Math.ceil(Date.now() / HOUR) * HOUR).toISOString();
  const from = new Date(Date.parse(to) - 24 * HOUR).toISOString();
  const read = (name: "inbound.received" | "inbound.failed") =>
    trpc.metric.read.queryOptions({ dataspace: slug, name, from, to, resolution: "hour", group: "total", tags: { integration: integrationId } }, { refetchInterval: 60_000 });
  const received = useQuery(read("inbound.received"));
  const failed = useQuery(read("inbound.failed"));
  if (!received.data || !failed.data) return null;
  const byTime = (data: NonNullable<typeof received.data>) => new Map((data.series[0]?.points ?? []).map((p) => [p.at, p.value ?? 0]));
  const [got, lost] = [received.data, failed.data].map(byTime);
  const rows = Array.from({ length: 24 }, (_, i) => {
    const at = new Date(Date.parse(from) + i * HOUR).toISOString();
    return { at, received: got.get(at) ?? 0, failed: lost.get(at) ?? 0 };
  });
  const total = rows.reduce((sum, r) => sum + r.received, 0);
  const failures = rows.reduce((sum, r) => sum + r.failed, 0);
  return (
    <ChartCard
      title="Webhooks received, last 24 hours"
      summary={`${total} received, ${failures} failed processing`}
      rows={rows}
      kind="bars"
      resolution="hour"
      series={[{ key: "received", label: "Received", color: "#6172f3" }, { key: "failed", label: "Failed", color: "#f04438" }]}
    />
  );
}

"use client";

import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardHeader } from "@/components/ui/card";

export type SeriesSpec = { key: string; label: string; color: string };
type Row = Record<string, unknown> & { at: string };

const tickOf = (resolution: string) => (at: string) => {
  const date = new Date(at);
  return resolution === "day" ? date.toLocaleDateString(undefined, { month: "short", day: "numeric" }) : date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
};

/**
 * One chart of the overview, with what it plots also as numbers: the range's figures in the
 * header, and the points in a table beside the chart (for screen readers, and for anyone who
 * wants the exact values).
 */
export function ChartCard({ title, summary, rows, series, kind, resolution, unit }: { title: string; summary: ReactNode; rows: Row[]; series: SeriesSpec[]; kind: "bars" | "lines"; resolution: string; unit?: string }) {
  const tick = tickOf(resolution);
  const format = (value: unknown) => (typeof value === "number" ? `${Number.isInteger(value) ? value : value.toFixed(1)}${unit ? ` ${unit}` : ""}` : "—");
  const Chart = kind === "bars" ? BarChart : LineChart;
  return (
    <Card>
      <CardHeader title={title} description={summary} />
      <figure className="px-2 py-4" aria-label={title}>
        <div className="h-56" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <Chart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="at" tickFormatter={tick} minTickGap={32} tick={{ fontSize: 11, fill: "#64748b" }} />
              <YAxis allowDecimals={kind === "lines"} width={44} tick={{ fontSize: 11, fill: "#64748b" }} />
              <Tooltip labelFormatter={(at) => new Date(String(at)).toLocaleString()} formatter={(value) => format(value)} />
              {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
              {series.map((s) =>
                kind === "bars" ? (
                  <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.color} isAnimationActive={false} />
                ) : (
                  <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />
                ),
              )}
            </Chart>
          </ResponsiveContainer>
        </div>
        <table className="sr-only" data-chart={title}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {series.map((s) => (
                <th key={s.key} scope="col">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((row) => series.some((s) => typeof row[s.key] === "number" && row[s.key] !== 0))
              .map((row) => (
                <tr key={row.at}>
                  <th scope="row">{new Date(row.at).toISOString()}</th>
                  {series.map((s) => (
                    <td key={s.key}>{format(row[s.key])}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </figure>
    </Card>
  );
}

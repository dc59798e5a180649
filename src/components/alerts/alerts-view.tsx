"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { filtersToSearch, listInput, parseAlertFilters, type AlertFilters, type AlertsView as View } from "./filters";
import { AlertStatusBadge, SEVERITIES, SEVERITY_LABELS, SeverityBadge, SOURCES, SOURCE_LABELS, sourceLabel } from "./labels";
import { ListLoadError } from "@/components/ui/list-load-error";
import { ListFooter } from "@/components/ui/list-footer";

const TABS: { value: View; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "triggered", label: "Triggered" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label
      className={cn(
        "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset select-none",
        checked ? "bg-indigo-50 text-indigo-700 ring-indigo-200" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50",
      )}
    >
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-3.5 accent-indigo-600" />
      {label}
    </label>
  );
}

const toggled = <T,>(list: T[], value: T, on: boolean): T[] => (on ? [...list, value] : list.filter((v) => v !== value));

export function AlertsView() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => parseAlertFilters(new URLSearchParams(search)), [search]);
  const setFilters = useCallback((next: AlertFilters) => window.history.replaceState(null, "", `${pathname}${filtersToSearch(next)}`), [pathname]);

  const list = useInfiniteQuery(trpc.alert.list.infiniteQueryOptions(listInput(slug, filters), { getNextPageParam: (page) => page.nextCursor }));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.severity.length > 0 || filters.source.length > 0 || filters.service !== null;
  // The service filter is set by clicking a service in the list; its name comes from the rows.
  const serviceName = filters.service ? items.find((item) => item.service?.id === filters.service)?.service?.name : undefined;

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <FilterTabs label="Alert status" options={TABS} value={filters.view} onChange={(view) => setFilters({ ...filters, view })} />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 px-4 py-3">
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-medium text-slate-600">Severity</legend>
          {SEVERITIES.map((s) => (
            <Toggle key={s} label={SEVERITY_LABELS[s]} checked={filters.severity.includes(s)} onChange={(on) => setFilters({ ...filters, severity: toggled(filters.severity, s, on) })} />
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-medium text-slate-600">Source</legend>
          {SOURCES.map((s) => (
            <Toggle key={s} label={SOURCE_LABELS[s]} checked={filters.source.includes(s)} onChange={(on) => setFilters({ ...filters, source: toggled(filters.source, s, on) })} />
          ))}
        </fieldset>
        {filters.service && (
          <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2.5 py-1 text-xs font-medium text-indigo-700 ring-1 ring-indigo-200 ring-inset">
            Service: {serviceName ?? "selected service"}
            <button type="button" aria-label="Clear the service filter" onClick={() => setFilters({ ...filters, service: null })} className="hover:text-indigo-900">
              <Icon name="x" className="size-3.5" />
            </button>
          </span>
        )}
      </div>
      <div role="tabpanel">
        {list.isPending ? (
          <SkeletonRows rows={6} label="Loading alerts" />
        ) : !list.data ? (
          <ListLoadError noun="alerts" error={list.error} onRetry={() => list.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={<Icon name="search" />}
              title="No alerts match these filters"
              action={<Button variant="secondary" onClick={() => setFilters({ view: filters.view, severity: [], source: [], service: null })}>Clear filters</Button>}
            >
              Try another severity or source.
            </EmptyState>
          ) : (
            <EmptyState icon={<Icon name="bolt" />} title={filters.view === "open" ? "No open alerts" : "No alerts here"}>
              Alerts arrive from your Datadog and New Relic integrations, or through the REST API (<code>POST /api/v1/alerts</code>). A repeat of an open alert counts on it.
            </EmptyState>
          )
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-4 py-2.5">Alert</th>
                    <th scope="col" className="px-3 py-2.5">Severity</th>
                    <th scope="col" className="px-3 py-2.5">Status</th>
                    <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Service</th>
                    <th scope="col" className="hidden px-3 py-2.5 md:table-cell">Source</th>
                    <th scope="col" className="px-3 py-2.5 text-right">Count</th>
                    <th scope="col" className="px-4 py-2.5">Last seen</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {items.map((alert) => (
                    <tr key={alert.id} className="hover:bg-slate-50">
                      <td className="max-w-md px-4 py-3">
                        <Link href={`/d/${slug}/alerts/${alert.id}`} className="block truncate font-medium text-slate-900 hover:text-indigo-600">
                          {alert.title}
                        </Link>
                      </td>
                      <td className="px-3 py-3"><SeverityBadge severity={alert.severity} /></td>
                      <td className="px-3 py-3"><AlertStatusBadge status={alert.status} /></td>
                      <td className="hidden px-3 py-3 lg:table-cell">
                        {alert.service ? (
                          <button type="button" className="text-slate-700 hover:text-indigo-600" title="Show only this service's alerts" onClick={() => setFilters({ ...filters, service: alert.service!.id })}>
                            {alert.service.name}
                          </button>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                      <td className="hidden px-3 py-3 text-slate-700 md:table-cell">{sourceLabel(alert.source)}</td>
                      <td className="px-3 py-3 text-right text-slate-700 tabular-nums">{alert.count}</td>
                      <td className="px-4 py-3 whitespace-nowrap text-slate-500"><RelativeTime date={alert.lastSeenAt} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ListFooter count={items.length} noun="alert" list={list} />
          </>
        )}
      </div>
    </div>
  );
}

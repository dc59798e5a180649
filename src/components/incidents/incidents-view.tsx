"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Button, ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { filtersToSearch, listInput, parseIncidentFilters, type IncidentFilters, type IncidentState } from "./filters";
import { formatDuration, ImpactBadge, IncidentStatusBadge, SEVERITIES, SEVERITY_LABELS, SeverityBadge } from "./labels";
import { ListLoadError } from "@/components/ui/list-load-error";
import { ListFooter } from "@/components/ui/list-footer";

const STATES: { value: IncidentState; label: string }[] = [
  { value: "", label: "All" },
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
];

export function IncidentsView() {
  const trpc = useTRPC();
  const { slug, canEdit } = useDataspace();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const filters = useMemo(() => parseIncidentFilters(new URLSearchParams(search)), [search]);
  const setFilters = useCallback(
    (next: IncidentFilters) => window.history.replaceState(null, "", `${pathname}${filtersToSearch(next)}`),
    [pathname],
  );
  const list = useInfiniteQuery(trpc.incident.list.infiniteQueryOptions(listInput(slug, filters), { getNextPageParam: (page) => page.nextCursor }));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.state !== "" || filters.severity.length > 0;

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <FilterTabs label="Incident status" options={STATES} value={filters.state} onChange={(state) => setFilters({ ...filters, state })} />
      <fieldset className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 px-4 py-2.5">
        <legend className="float-left mr-1 text-xs font-medium text-slate-600">Severity</legend>
        {SEVERITIES.map((s) => {
          const checked = filters.severity.includes(s);
          return (
            <label
              key={s}
              className={cn(
                "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset select-none",
                checked ? "bg-indigo-50 text-indigo-700 ring-indigo-200" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50",
              )}
            >
              <input
                type="checkbox"
                checked={checked}
                onChange={(e) => setFilters({ ...filters, severity: e.target.checked ? [...filters.severity, s] : filters.severity.filter((v) => v !== s) })}
                className="size-3.5 accent-indigo-600"
              />
              {SEVERITY_LABELS[s]}
            </label>
          );
        })}
      </fieldset>
      <div role="tabpanel">
        {list.isPending ? (
          <SkeletonRows rows={5} label="Loading incidents" />
        ) : !list.data ? (
          <ListLoadError noun="incidents" error={list.error} onRetry={() => list.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={<Icon name="search" />}
              title="No incidents match these filters"
              action={
                <Button variant="secondary" onClick={() => setFilters({ state: "", severity: [] })}>
                  Clear filters
                </Button>
              }
            >
              {filters.state === "open" ? "Nothing is on fire right now." : "Try another status or severity."}
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Icon name="bolt" />}
              title="No incidents yet"
              action={canEdit ? <ButtonLink href={`/d/${slug}/incidents/new`}>Declare an incident</ButtonLink> : undefined}
            >
              When something breaks, declare an incident: the services it hits show the outage, and every update goes on its timeline.
            </EmptyState>
          )
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-4 py-2.5">Incident</th>
                    <th scope="col" className="px-3 py-2.5">Status</th>
                    <th scope="col" className="px-3 py-2.5">Severity</th>
                    <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Services</th>
                    <th scope="col" className="px-3 py-2.5">Started</th>
                    <th scope="col" className="hidden px-4 py-2.5 md:table-cell">Duration</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {items.map((incident) => (
                    <tr key={incident.id} className="hover:bg-slate-50">
                      <td className="max-w-md px-4 py-3">
                        <Link href={`/d/${slug}/incidents/${incident.id}`} className="block truncate font-medium text-slate-900 hover:text-indigo-600">
                          {incident.title}
                        </Link>
                        <span className="text-xs text-slate-500">
                          {incident._count.updates} update{incident._count.updates === 1 ? "" : "s"}
                          {incident._count.alerts > 0 && ` · ${incident._count.alerts} alert${incident._count.alerts === 1 ? "" : "s"}`}
                        </span>
                      </td>
                      <td className="px-3 py-3"><IncidentStatusBadge status={incident.status} /></td>
                      <td className="px-3 py-3"><SeverityBadge severity={incident.severity} /></td>
                      <td className="hidden max-w-xs px-3 py-3 lg:table-cell">
                        {incident.services.length === 0 ? (
                          <span className="text-slate-400">None</span>
                        ) : (
                          <ul className="flex flex-wrap gap-1.5">
                            {incident.services.slice(0, 3).map(({ service, impact }) => (
                              <li key={service.id} className="inline-flex items-center gap-1 text-slate-700" title={service.name}>
                                <span className="max-w-32 truncate">{service.name}</span>
                                {incident.status !== "resolved" && <ImpactBadge impact={impact} />}
                              </li>
                            ))}
                            {incident.services.length > 3 && <li className="text-slate-500">+{incident.services.length - 3} more</li>}
                          </ul>
                        )}
                      </td>
                      <td className="px-3 py-3 whitespace-nowrap text-slate-500"><RelativeTime date={incident.startedAt} /></td>
                      <td className="hidden px-4 py-3 whitespace-nowrap text-slate-500 md:table-cell">
                        <Duration startedAt={incident.startedAt} resolvedAt={incident.resolvedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ListFooter count={items.length} noun="incident" list={list} />
          </>
        )}
      </div>
    </div>
  );
}

/** How long it lasted, or "ongoing" with how long so far. */
export function Duration({ startedAt, resolvedAt }: { startedAt: Date; resolvedAt: Date | null }) {
  if (resolvedAt) return <>{formatDuration(resolvedAt.getTime() - startedAt.getTime())}</>;
  return (
    <span suppressHydrationWarning className="text-red-700">
      Ongoing, {formatDuration(Date.now() - startedAt.getTime())}
    </span>
  );
}

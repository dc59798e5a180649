"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { DeploymentFiltersBar } from "./deployment-filters";
import { filtersToSearch, hasFilters, listInput, NO_FILTERS, parseDeploymentFilters, type DeploymentFilters } from "./filters";
import { DeploymentStatusBadge, deploymentDuration, shortSha } from "./labels";
import { ListLoadError } from "@/components/ui/list-load-error";
import { ListFooter } from "@/components/ui/list-footer";

export function DeploymentsView() {
  const trpc = useTRPC();
  const { slug, canEdit } = useDataspace();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => parseDeploymentFilters(new URLSearchParams(search)), [search]);
  const setFilters = useCallback(
    (next: DeploymentFilters) => window.history.replaceState(null, "", `${pathname}${filtersToSearch(next)}`),
    [pathname],
  );

  const facets = useQuery(trpc.deployment.facets.queryOptions({ dataspace: slug }));
  const list = useInfiniteQuery(
    trpc.deployment.list.infiniteQueryOptions(listInput(slug, filters), { getNextPageParam: (page) => page.nextCursor }),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasFilters(filters);

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <DeploymentFiltersBar filters={filters} facets={facets.data ?? { services: [], environments: [] }} onChange={setFilters} />
      {list.isPending ? (
        <SkeletonRows rows={6} label="Loading deployments" />
      ) : !list.data ? (
        <ListLoadError noun="deployments" error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState icon={<Icon name="search" />} title="No deployments match these filters" action={<Button variant="secondary" onClick={() => setFilters(NO_FILTERS)}>Clear filters</Button>}>
            Try another service, environment or status.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<Icon name="bolt" />}
            title="No deployments yet"
            action={canEdit ? <ButtonLink href={`/d/${slug}/deployments/new`}>Record a deployment</ButtonLink> : undefined}
          >
            Deployments arrive from GitHub (its deployment webhooks, or pushes to a branch you name in the GitHub integration), from the REST API (a CI job), or are recorded here by hand.
          </EmptyState>
        )
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Service</th>
                  <th scope="col" className="px-3 py-2.5">Environment</th>
                  <th scope="col" className="px-3 py-2.5">Ref</th>
                  <th scope="col" className="px-3 py-2.5">Status</th>
                  <th scope="col" className="hidden px-3 py-2.5 md:table-cell">Duration</th>
                  <th scope="col" className="px-4 py-2.5">Recorded</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((d) => (
                  <tr key={d.id} className="hover:bg-slate-50">
                    <td className="max-w-xs px-4 py-3">
                      <Link href={`/d/${slug}/deployments/${d.id}`} className="truncate font-medium text-slate-900 hover:text-indigo-600">
                        {d.service?.name ?? <span className="text-slate-500">No service</span>}
                      </Link>
                      {d.version && <span className="ml-2 text-xs text-slate-500">{d.version}</span>}
                    </td>
                    <td className="px-3 py-3 text-slate-700">{d.environment}</td>
                    <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                      {d.ref ?? (d.sha ? null : <span className="text-slate-400">—</span>)}
                      {d.sha && (
                        <code title={d.sha} className={`font-mono text-xs text-slate-500 ${d.ref ? "ml-2" : ""}`}>
                          {shortSha(d.sha)}
                        </code>
                      )}
                    </td>
                    <td className="px-3 py-3"><DeploymentStatusBadge status={d.status} /></td>
                    <td className="hidden px-3 py-3 text-slate-600 tabular-nums md:table-cell" suppressHydrationWarning>{deploymentDuration(d) ?? <span className="text-slate-400">—</span>}</td>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-500"><RelativeTime date={d.createdAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter count={items.length} noun="deployment" suffix={list.hasNextPage ? "" : filtered ? " matching the filters" : ""} list={list} />
        </>
      )}
    </div>
  );
}

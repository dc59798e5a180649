"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/react";
import { ownerLabel, SERVICE_STATUSES, SERVICE_STATUS_LABELS, ServiceStatusBadge, servicePath, servicesListInput, servicesPath } from "./labels";
import { ListLoadError } from "@/components/ui/list-load-error";

type Filter = ServiceStatus | "";

const TABS: { value: Filter; label: string }[] = [{ value: "", label: "All" }, ...SERVICE_STATUSES.map((s) => ({ value: s, label: SERVICE_STATUS_LABELS[s] }))];

/** The dataspace's services, grouped as a status page groups its components, each with its status. */
export function ServicesView() {
  const trpc = useTRPC();
  const { slug, canEdit } = useDataspace();
  const [status, setStatus] = useState<Filter>("");
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const input = { ...servicesListInput(slug), ...(status ? { status: [status] } : {}), ...(q ? { q } : {}) };
  const list = useInfiniteQuery(
    trpc.service.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData }),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = status !== "" || q !== "";

  // The list comes ordered by group, then name: consecutive services of one group form a section.
  const sections: { group: string | null; services: typeof items }[] = [];
  for (const service of items) {
    const last = sections.at(-1);
    if (last && last.group === service.group) last.services.push(service);
    else sections.push({ group: service.group, services: [service] });
  }

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <label className="relative block w-full max-w-xs">
          <span className="sr-only">Search services by name</span>
          <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search by name"
            maxLength={100}
            className="block w-full rounded-md border-0 py-1.5 pr-3 pl-8 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          />
        </label>
      </div>
      <FilterTabs label="Filter by status" options={TABS} value={status} onChange={setStatus} />
      <div role="tabpanel">
        {list.isPending ? (
          <SkeletonRows rows={5} label="Loading services" />
        ) : !list.data ? (
          <ListLoadError noun="services" error={list.error} onRetry={() => list.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState icon={<Icon name="search" />} title="No services match" action={<Button variant="secondary" onClick={() => { setStatus(""); setSearch(""); }}>Clear filters</Button>}>
              Try another status or other words.
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Icon name="squares" />}
              title="No services yet"
              action={
                canEdit ? (
                  <ButtonLink href={`${servicesPath(slug)}/new`}>
                    <Icon name="plus" className="-ml-0.5 size-4" />
                    New service
                  </ButtonLink>
                ) : undefined
              }
            >
              A service is what a status page calls a component: an API, a website, a job runner. Incidents and maintenance windows move its status.
            </EmptyState>
          )
        ) : (
          <div className="divide-y divide-slate-200">
            {sections.map((section) => (
              <section key={section.group === null ? "none" : `group:${section.group}`} aria-label={section.group ?? "No group"}>
                <h2 className="bg-slate-50 px-4 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  {section.group ?? <span className="text-slate-400">No group</span>}
                </h2>
                <ul className="divide-y divide-slate-100">
                  {section.services.map((service) => (
                    <li key={service.id} className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-slate-50">
                      <div className="min-w-0">
                        <Link href={servicePath(slug, service.id)} className="block truncate text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                          {service.name}
                        </Link>
                        <p className="truncate text-sm text-slate-500">
                          {service.description || <span className="text-slate-400">No description</span>}
                          <span className="hidden sm:inline"> · Owner: {ownerLabel(service.owner)}</span>
                        </p>
                      </div>
                      <ServiceStatusBadge status={service.status} className="shrink-0" />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
        {list.hasNextPage && (
          <div className="border-t border-slate-200 p-3 text-center">
            <Button variant="secondary" size="sm" pending={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              Load more
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

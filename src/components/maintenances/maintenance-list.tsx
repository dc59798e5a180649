"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { MaintenanceStatusBadge, WindowTimes } from "./labels";
import { listInputFor, MAINTENANCE_TABS, parseTab, type MaintenanceTab } from "./tabs";
import { ListFooter } from "@/components/ui/list-footer";
import { ListLoadError } from "@/components/ui/list-load-error";

const EMPTY: Record<MaintenanceTab, { title: string; text: string }> = {
  upcoming: { title: "Nothing scheduled", text: "Schedule a window for planned work: its services show as under maintenance while it runs, and it starts and ends by itself." },
  in_progress: { title: "No maintenance in progress", text: "Windows show here from their scheduled start until they end." },
  completed: { title: "No completed maintenance yet", text: "Windows that ended, or were cancelled, are kept here with their timeline." },
};

export function MaintenanceList() {
  const trpc = useTRPC();
  const { slug, canEdit } = useDataspace();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [tab, setTab] = useState<MaintenanceTab>(() => parseTab(searchParams.get("tab")));
  const list = useInfiniteQuery(trpc.maintenance.list.infiniteQueryOptions(listInputFor(slug, tab), { getNextPageParam: (page) => page.nextCursor }));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  function choose(next: MaintenanceTab) {
    setTab(next);
    // The tab lives in the URL (a reload or a shared link shows it); no server round trip.
    window.history.replaceState(null, "", next === "upcoming" ? pathname : `${pathname}?tab=${next}`);
  }

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <FilterTabs
        label="Maintenance windows"
        options={(Object.keys(MAINTENANCE_TABS) as MaintenanceTab[]).map((value) => ({ value, label: MAINTENANCE_TABS[value].label }))}
        value={tab}
        onChange={choose}
      />
      <div role="tabpanel">
        {list.isPending ? (
          <SkeletonRows rows={4} label="Loading maintenance windows" />
        ) : !list.data ? (
          <ListLoadError noun="maintenance windows" error={list.error} onRetry={() => list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            icon={<Icon name="settings" />}
            title={EMPTY[tab].title}
            action={canEdit && tab === "upcoming" ? <ButtonLink href={`/d/${slug}/maintenance/new`}>Schedule maintenance</ButtonLink> : undefined}
          >
            {EMPTY[tab].text}
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-100">
              {items.map((w) => (
                <li key={w.id} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 hover:bg-slate-50">
                  <div className="min-w-0">
                    <Link href={`/d/${slug}/maintenance/${w.id}`} className="font-medium break-words text-slate-900 hover:text-indigo-600">
                      {w.title}
                    </Link>
                    <p className="mt-0.5 text-sm text-slate-500">
                      <WindowTimes start={w.scheduledStart} end={w.scheduledEnd} />
                      {w.services.length > 0 && <> · {w.services.map((s) => s.service.name).join(", ")}</>}
                    </p>
                  </div>
                  <div className="flex items-center gap-3 text-sm text-slate-500">
                    <MaintenanceStatusBadge status={w.status} startedAt={w.startedAt} />
                    {w.status === "scheduled" && (
                      <span>
                        starts <RelativeTime date={w.scheduledStart} />
                      </span>
                    )}
                    {w.status === "in_progress" && (
                      <span>
                        ends <RelativeTime date={w.scheduledEnd} />
                      </span>
                    )}
                    {w.status === "completed" && w.completedAt && (
                      <span>
                        ended <RelativeTime date={w.completedAt} />
                      </span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <ListFooter count={items.length} noun="maintenance window" list={list} />
          </>
        )}
      </div>
    </div>
  );
}

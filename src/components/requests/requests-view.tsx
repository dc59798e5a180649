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
import { filtersToSearch, hasFilters, listInput, parseRequestFilters, type RequestFilters } from "./filters";
import { PriorityBadge, StatusBadge, personLabel } from "./labels";
import { RequestFiltersBar } from "./request-filters";
import { ListLoadError } from "@/components/ui/list-load-error";
import { ListFooter } from "@/components/ui/list-footer";

export function RequestsView() {
  const trpc = useTRPC();
  const { slug, canEdit } = useDataspace();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  // Keyed on the query string: the params object is new on every render.
  const filters = useMemo(() => parseRequestFilters(new URLSearchParams(search)), [search]);

  // Filters live in the URL; the native history API updates it without a server round trip.
  const setFilters = useCallback(
    (next: RequestFilters) => window.history.replaceState(null, "", `${pathname}${filtersToSearch(next)}`),
    [pathname],
  );

  const members = useQuery(trpc.member.list.queryOptions({ dataspace: slug }));
  const list = useInfiniteQuery(
    trpc.request.list.infiniteQueryOptions(listInput(slug, filters), { getNextPageParam: (page) => page.nextCursor }),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasFilters(filters);

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <RequestFiltersBar filters={filters} members={members.data ?? []} onChange={setFilters} />
      {list.isPending ? (
        <SkeletonRows rows={6} label="Loading requests" />
      ) : !list.data ? (
        <ListLoadError noun="requests" error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState icon={<Icon name="search" />} title="No requests match these filters" action={
            <Button variant="secondary" onClick={() => setFilters({ status: [], priority: [], assignee: null, q: "" })}>
              Clear filters
            </Button>
          }>
            Try another status or priority, or search for a different word.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<Icon name="inbox" />}
            title="No requests yet"
            action={canEdit ? <ButtonLink href={`/d/${slug}/requests/new`}>Create your first request</ButtonLink> : undefined}
          >
            Requests track what your team has been asked to do: status, priority, who is on it, and the conversation.
          </EmptyState>
        )
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Title</th>
                  <th scope="col" className="px-3 py-2.5">Status</th>
                  <th scope="col" className="px-3 py-2.5">Priority</th>
                  <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Assignee</th>
                  <th scope="col" className="hidden px-3 py-2.5 xl:table-cell">Requester</th>
                  <th scope="col" className="px-3 py-2.5">Updated</th>
                  <th scope="col" className="px-4 py-2.5 text-right">
                    <span className="sr-only">Comments</span>
                    <Icon name="chat" className="ml-auto size-4" />
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((r) => (
                  <tr key={r.id} className="group hover:bg-slate-50">
                    <td className="max-w-md px-4 py-3">
                      <div className="flex items-center gap-2">
                        {r.isPrivate && (
                          <span title="Private: only the requester, the assignee and admins can see it" className="text-amber-600">
                            <Icon name="lock" className="size-4" />
                            <span className="sr-only">Private</span>
                          </span>
                        )}
                        <Link href={`/d/${slug}/requests/${r.id}`} className="truncate font-medium text-slate-900 hover:text-indigo-600">
                          {r.title}
                        </Link>
                      </div>
                    </td>
                    <td className="px-3 py-3"><StatusBadge status={r.status} /></td>
                    <td className="px-3 py-3"><PriorityBadge priority={r.priority} /></td>
                    <td className={`hidden px-3 py-3 lg:table-cell ${r.assignee ? "text-slate-700" : "text-slate-400"}`}>{personLabel(r.assignee)}</td>
                    <td className="hidden px-3 py-3 text-slate-700 xl:table-cell">{personLabel(r.requester)}</td>
                    <td className="px-3 py-3 whitespace-nowrap text-slate-500"><RelativeTime date={r.updatedAt} /></td>
                    <td className="px-4 py-3 text-right text-slate-500 tabular-nums">
                      <span className="sr-only">Comments: </span>
                      {r._count.comments}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter count={items.length} noun="request" suffix={list.hasNextPage ? "" : filtered ? " matching the filters" : ""} list={list} />
        </>
      )}
    </div>
  );
}

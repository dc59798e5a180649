"use client";

import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";

type PagedQuery<T> = {
  isPending: boolean;
  data?: { pages: { items: T[] }[] };
  error: unknown;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/**
 * The frame of a live list filtered by status (an endpoint's deliveries, an integration's
 * events): the card, the status tabs, loading / error / empty states, and "Load more". The caller
 * owns the query and renders the rows it is given.
 */
export function StatusListPanel<S extends string, T>(props: {
  title: string;
  description: string;
  /** Singular and plural of what is listed: ["event", "events"]. */
  noun: [string, string];
  statuses: { value: S; label: string }[];
  status: S | "";
  onStatusChange: (status: S | "") => void;
  query: PagedQuery<T>;
  empty: { icon: ReactNode; text: string };
  children: (items: T[]) => ReactNode;
}) {
  const { query, status, noun } = props;
  const tabs: { value: S | ""; label: string }[] = [{ value: "", label: "All" }, ...props.statuses];
  const label = tabs.find((t) => t.value === status)?.label ?? "All";
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const capitalize = (word: string) => word[0].toUpperCase() + word.slice(1);
  return (
    <Card className="overflow-hidden">
      <CardHeader title={props.title} description={props.description} />
      <FilterTabs label={`${capitalize(noun[0])} status`} options={tabs} value={status} onChange={props.onStatusChange} />
      <div role="tabpanel" aria-label={`${label} ${noun[1]}`}>
        {query.isPending ? (
          <SkeletonRows rows={5} label={`Loading ${noun[1]}`} />
        ) : !query.data ? (
          <div className="p-4">
            <ErrorAlert>Could not load {noun[1]}: {errorMessage(query.error)}</ErrorAlert>
          </div>
        ) : items.length === 0 ? (
          <EmptyState icon={props.empty.icon} title={status ? `No ${label.toLowerCase()} ${noun[1]}` : `No ${noun[1]} yet`}>
            {status ? `${capitalize(noun[1])} in this state show here.` : props.empty.text}
          </EmptyState>
        ) : (
          <>
            {props.children(items)}
            {query.isFetchNextPageError && <ErrorAlert className="m-4">Could not load more: {errorMessage(query.error)}</ErrorAlert>}
            <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
              <span>
                Showing {items.length} {items.length === 1 ? noun[0] : noun[1]}
              </span>
              {query.hasNextPage && (
                <Button variant="secondary" size="sm" pending={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
                  Load more
                </Button>
              )}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}

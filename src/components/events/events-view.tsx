"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClasses } from "@/components/ui/field";
import { ExpandableRow, useToggleSet } from "@/components/ui/expandable-row";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

function bigintSafe(data: unknown): string {
  return JSON.stringify(data, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2);
}

const REFRESH_MS = 5_000;

export function EventsView() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const [type, setType] = useState("");
  const rows = useToggleSet();
  // Built-in types and the integration families (github.*, inbound.*, …): what webhooks subscribe to, and what this filter takes.
  const knownTypes = useQuery(trpc.webhook.eventTypes.queryOptions(undefined, { staleTime: Infinity }));
  const members = useQuery(trpc.member.list.queryOptions({ dataspace: slug }));
  const customTypes = useQuery(trpc.eventType.list.queryOptions({ dataspace: slug }));
  // Events also arrive from outside (the API, integrations, the runtime): always fresh on arrival, and looked at now and then.
  const events = useInfiniteQuery(
    trpc.event.list.infiniteQueryOptions(
      { dataspace: slug, limit: 50, ...(type ? { type } : {}) },
      { getNextPageParam: (page) => page.nextCursor, staleTime: 0, refetchInterval: REFRESH_MS },
    ),
  );

  const emails = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.email])), [members.data]);
  const actorOf = (actorId: string | null) => (actorId ? (emails.get(actorId) ?? "Former member") : "System");
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const sourceOf = (source: (typeof items)[number]["source"]) =>
    source.kind === "integration" ? source.name : source.kind === "user" ? actorOf(source.uuid) : "System";
  const builtIn = (knownTypes.data ?? []).filter((t) => !t.type.endsWith(".*"));
  const families = (knownTypes.data ?? []).filter((t) => t.type.endsWith(".*"));
  const custom = customTypes.data?.items ?? [];
  const description =
    knownTypes.data?.find((t) => t.type === type)?.description ?? custom.find((t) => t.name === type)?.description;

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="w-72">
          <label htmlFor="event-type" className="block text-xs font-medium text-slate-600">
            Event type
          </label>
          <select id="event-type" value={type} onChange={(e) => setType(e.target.value)} className={cn(controlClasses, "mt-1")}>
            <option value="">All types</option>
            <optgroup label="Built-in">
              {builtIn.map((t) => (
                <option key={t.type} value={t.type}>{t.type}</option>
              ))}
            </optgroup>
            <optgroup label="From integrations and the API">
              {families.map((t) => (
                <option key={t.type} value={t.type}>{t.type}</option>
              ))}
            </optgroup>
            {custom.length > 0 && (
              <optgroup label="Custom">
                {custom.map((t) => (
                  <option key={t.id} value={t.name}>{t.name}</option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        {description && <p className="min-w-0 flex-1 text-sm text-slate-500">{description}</p>}
      </div>
      {events.isPending ? (
        <SkeletonRows rows={8} label="Loading events" />
      ) : !events.data ? (
        <div className="p-4">
          <ErrorAlert>Could not load events: {errorMessage(events.error)}</ErrorAlert>
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<Icon name="bolt" />} title={type ? `No ${type} events yet` : "No events yet"}>
          Every change to a record in this dataspace is recorded here, and delivered to webhooks and integrations.
        </EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-slate-100">
            {items.map((event) => (
              <ExpandableRow
                key={event.id}
                panelId={`event-${event.id}`}
                expanded={rows.isOpen(event.id)}
                onToggle={() => rows.toggle(event.id)}
                summary={
                  <>
                    <Badge tone="indigo" className="font-mono">{event.type}</Badge>
                    <span className="min-w-0 flex-1 truncate text-slate-700">{event.summary}</span>
                    <span className="hidden max-w-48 shrink-0 truncate text-slate-500 md:inline">{sourceOf(event.source)}</span>
                    <RelativeTime date={event.createdAt} className="w-24 shrink-0 text-right text-slate-500" />
                  </>
                }
              >
                <p className="mb-2 text-xs text-slate-500">
                  #{event.seq.toString()} · {formatDateTime(event.createdAt)} · {event.source.kind === "integration" ? `received by ${event.source.name}` : `by ${sourceOf(event.source)}`} · id {event.id}
                </p>
                <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">
                  {bigintSafe(event.data)}
                </pre>
              </ExpandableRow>
            ))}
          </ul>
          {events.isFetchNextPageError && <ErrorAlert className="m-4">Could not load more: {errorMessage(events.error)}</ErrorAlert>}
          <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
            <span>Showing {items.length} event{items.length === 1 ? "" : "s"}</span>
            {events.hasNextPage && (
              <Button variant="secondary" size="sm" pending={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ExpandableRow, useToggleSet } from "@/components/ui/expandable-row";
import { Icon } from "@/components/ui/icons";
import { StatusListPanel } from "@/components/ui/status-list-panel";
import { RelativeTime } from "@/components/ui/time";
import type { WebhookEventStatus } from "@/generated/prisma/enums";
import { useTRPC } from "@/trpc/react";
import { EventPanel } from "./event-panel";
import { EVENT_STATUS_LABELS, EVENT_STATUSES, EventStatusBadge, eventsInput, isPendingEvent } from "./labels";

// Events arrive from outside at any time: look now and then even when nothing shown is moving,
// and every 2 s while something is (received, or being processed).
const IDLE_REFRESH_MS = 5_000;
const BUSY_REFRESH_MS = 2_000;

/** The integration's received events, newest first, by status; each opens to its headers, body and log. */
export function RecentEvents({ integrationId }: { integrationId: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const rows = useToggleSet();
  const [status, setStatus] = useState<WebhookEventStatus | "">("");
  const events = useInfiniteQuery(
    trpc.integration.events.infiniteQueryOptions(eventsInput(slug, integrationId, status), {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((e) => isPendingEvent(e.status))) ? BUSY_REFRESH_MS : IDLE_REFRESH_MS),
    }),
  );
  // A refresh that brought events in moved the integration's "last event" too: keep its details in step.
  const queryClient = useQueryClient();
  const newest = events.data?.pages[0]?.items[0]?.id;
  const firstNewest = useRef(newest);
  useEffect(() => {
    if (newest !== firstNewest.current) void queryClient.invalidateQueries(trpc.integration.get.queryFilter({ dataspace: slug, id: integrationId }));
  }, [newest, queryClient, trpc, slug, integrationId]);
  return (
    <StatusListPanel
      title="Recent events"
      description="What this integration received, newest first. Open one to see its headers, body and processing log."
      noun={["event", "events"]}
      statuses={EVENT_STATUSES.map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s] }))}
      status={status}
      onStatusChange={setStatus}
      query={events}
      empty={{
        icon: <Icon name="inbox" />,
        text: "Once the sender is set up, what it sends to the inbound URL shows here within seconds. Requests that fail verification are refused and counted, not stored.",
      }}
    >
      {(items) => (
        <ul aria-label="Events" className="divide-y divide-slate-100">
          {items.map((e) => (
            <ExpandableRow
              key={e.id}
              panelId={`inbound-event-${e.id}`}
              expanded={rows.isOpen(e.id)}
              onToggle={() => rows.toggle(e.id)}
              summary={
                <>
                  <span className="w-24 shrink-0"><EventStatusBadge status={e.status} /></span>
                  <span className="max-w-[60%] min-w-0 truncate font-mono text-xs font-medium text-slate-900">{e.eventType || "(no event type)"}</span>
                  <span className="hidden min-w-0 flex-1 truncate font-mono text-xs text-slate-500 sm:inline" title={e.providerDeliveryId ?? undefined}>
                    {e.providerDeliveryId ?? "—"}
                  </span>
                  <RelativeTime date={e.receivedAt} className="w-24 shrink-0 text-right text-slate-500" />
                </>
              }
            >
              <EventPanel summary={e} />
            </ExpandableRow>
          ))}
        </ul>
      )}
    </StatusListPanel>
  );
}

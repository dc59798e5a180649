"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Badge } from "@/components/ui/badge";
import { Icon } from "@/components/ui/icons";
import { StatusListPanel } from "@/components/ui/status-list-panel";
import { RelativeTime } from "@/components/ui/time";
import type { WebhookDeliveryStatus } from "@/generated/prisma/enums";
import { useTRPC } from "@/trpc/react";
import { deliveriesInput, DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, DeliveryStatusBadge, deliveryPath } from "./labels";

/** An endpoint's deliveries, newest first, by status; refreshes itself while any shown one is pending. */
export function DeliveriesTable({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const [status, setStatus] = useState<WebhookDeliveryStatus | "">("");
  const deliveries = useInfiniteQuery(
    trpc.webhook.deliveries.infiniteQueryOptions(deliveriesInput(slug, endpointId, status), {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((d) => d.status === "PENDING")) ? 2_000 : false),
    }),
  );
  // Each refresh may have moved the endpoint's health too (failures counted, paused): keep its cards in step.
  const queryClient = useQueryClient();
  const refreshedAt = deliveries.dataUpdatedAt;
  const loadedAt = useRef(refreshedAt);
  useEffect(() => {
    if (refreshedAt !== loadedAt.current) void queryClient.invalidateQueries(trpc.webhook.get.queryFilter({ dataspace: slug, id: endpointId }));
  }, [refreshedAt, queryClient, trpc, slug, endpointId]);
  return (
    <StatusListPanel
      title="Deliveries"
      description="Every event sent to this webhook, newest first. Open one to see its attempts, request and response."
      noun={["delivery", "deliveries"]}
      statuses={DELIVERY_STATUSES.map((s) => ({ value: s, label: DELIVERY_STATUS_LABELS[s] }))}
      status={status}
      onStatusChange={setStatus}
      query={deliveries}
      empty={{ icon: <Icon name="envelope" />, text: "When a subscribed event happens, its delivery shows here. Send a test event to try the receiver now." }}
    >
      {(items) => (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Event</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="px-3 py-2.5 text-right">Attempts</th>
                <th scope="col" className="hidden px-3 py-2.5 sm:table-cell">HTTP</th>
                <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Last error</th>
                <th scope="col" className="px-3 py-2.5">Created</th>
                <th scope="col" className="hidden px-4 py-2.5 md:table-cell">Next attempt</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((d) => (
                <tr key={d.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={deliveryPath(slug, endpointId, d.id)} className="font-mono text-xs font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                      {d.eventType}
                    </Link>
                    {d.isTest && <Badge className="ml-2">Test</Badge>}
                  </td>
                  <td className="px-3 py-3"><DeliveryStatusBadge status={d.status} /></td>
                  <td className="px-3 py-3 text-right text-slate-600 tabular-nums">{d.attemptCount}</td>
                  <td className="hidden px-3 py-3 text-slate-600 tabular-nums sm:table-cell">{d.lastStatusCode ?? <span className="text-slate-400">—</span>}</td>
                  <td className="hidden max-w-64 truncate px-3 py-3 text-red-700 lg:table-cell" title={d.lastError ?? undefined}>
                    {d.lastError ?? <span className="text-slate-400">—</span>}
                  </td>
                  <td className="px-3 py-3 text-slate-600"><RelativeTime date={d.createdAt} /></td>
                  <td className="hidden px-4 py-3 text-slate-600 md:table-cell">
                    {d.nextAttemptAt ? <RelativeTime date={d.nextAttemptAt} /> : <span className="text-slate-400">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StatusListPanel>
  );
}

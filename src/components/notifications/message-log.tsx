"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Badge } from "@/components/ui/badge";
import { Icon } from "@/components/ui/icons";
import { StatusListPanel } from "@/components/ui/status-list-panel";
import { RelativeTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { MESSAGE_STATUS_LABELS, MESSAGE_STATUSES, MessageStatusBadge, messagesInput, type MessageStatusFilter, type NotificationMessage } from "./labels";

/** A rule's messages, newest first, by status; refreshes itself while any shown one is pending. */
export function MessageLog({ ruleId }: { ruleId: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const [status, setStatus] = useState<MessageStatusFilter | "">("");
  const messages = useInfiniteQuery(
    trpc.notification.messages.infiniteQueryOptions(messagesInput(slug, ruleId, status), {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((m) => m.status === "pending")) ? 2_000 : false),
    }),
  );
  // A message that went through or failed for good moves the rule's state too: keep its header in step.
  const queryClient = useQueryClient();
  const refreshedAt = messages.dataUpdatedAt;
  const loadedAt = useRef(refreshedAt);
  useEffect(() => {
    if (refreshedAt !== loadedAt.current) void queryClient.invalidateQueries(trpc.notification.get.queryFilter({ dataspace: slug, id: ruleId }));
  }, [refreshedAt, queryClient, trpc, slug, ruleId]);

  return (
    <StatusListPanel
      title="Message log"
      description="Every message this rule made, newest first, with what the platform answered."
      noun={["message", "messages"]}
      statuses={MESSAGE_STATUSES.map((s) => ({ value: s, label: MESSAGE_STATUS_LABELS[s.toLowerCase() as NotificationMessage["status"]] }))}
      status={status}
      onStatusChange={setStatus}
      query={messages}
      empty={{ icon: <Icon name="chat" />, text: "When one of the rule's events happens, its message shows here. Send a test notification to try the destination now." }}
    >
      {(items) => (
        <div className="overflow-x-auto">
          <table aria-label="Messages" className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Message</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="px-3 py-2.5 text-right">Attempts</th>
                <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Platform&apos;s answer</th>
                <th scope="col" className="px-4 py-2.5">When</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((m) => (
                <MessageRow key={m.uuid} message={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StatusListPanel>
  );
}

const COMPLETED_VERBS: Record<NotificationMessage["status"], string> = { sent: "sent", failed: "gave up", folded: "folded", pending: "" };

function MessageRow({ message: m }: { message: NotificationMessage }) {
  const answer = m.status === "failed" || (m.status === "pending" && m.last_error) ? m.last_error : m.provider_answer;
  return (
    <tr className="align-top hover:bg-slate-50">
      <td className="max-w-sm px-4 py-3">
        <p className="break-words text-slate-900">{m.title ?? m.event_type}</p>
        <p className="mt-0.5 flex flex-wrap items-center gap-1.5">
          <code className="text-xs text-slate-500">{m.event_type}</code>
          {m.is_test && <Badge tone="sky">Test</Badge>}
          {m.is_digest && <Badge tone="amber">Digest</Badge>}
        </p>
      </td>
      <td className="px-3 py-3"><MessageStatusBadge status={m.status} /></td>
      <td className="px-3 py-3 text-right text-slate-600 tabular-nums">{m.attempts}</td>
      <td className={`hidden max-w-72 px-3 py-3 break-words lg:table-cell ${m.status === "failed" || m.last_error ? "text-red-700" : "text-slate-600"}`}>
        {answer ?? <span className="text-slate-400">—</span>}
        {m.provider_message_id && <span className="block font-mono text-xs text-slate-400">id {m.provider_message_id}</span>}
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
        <RelativeTime date={new Date(m.created_date)} />
        {m.completed_date && (
          <p className="text-xs text-slate-500">
            {COMPLETED_VERBS[m.status]}{" "}
            <RelativeTime date={new Date(m.completed_date)} />
          </p>
        )}
        {m.next_attempt_date && (
          <p className="text-xs text-slate-500">
            next try <RelativeTime date={new Date(m.next_attempt_date)} />
          </p>
        )}
      </td>
    </tr>
  );
}

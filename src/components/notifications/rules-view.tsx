"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { destinationInWords, EventPatternList, quietHoursInWords, rulePath, RuleStateBadge, type NotificationRule } from "./labels";
import { NewRuleLink } from "./new-rule-link";
import { useNotifierIntegrations } from "./use-notifier-integrations";

/** The dataspace's notification rules: where each sends, on which events, and whether it is failing (and why). */
export function RulesView() {
  const trpc = useTRPC();
  const { slug, isAdmin } = useDataspace();
  const list = useQuery(trpc.notification.list.queryOptions({ dataspace: slug }));
  const { nameOf } = useNotifierIntegrations();

  if (list.isPending) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <SkeletonRows rows={3} label="Loading notification rules" />
      </div>
    );
  }
  if (list.isError) return <ErrorAlert>Could not load notification rules: {errorMessage(list.error)}</ErrorAlert>;

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      {list.data.length === 0 ? (
        <EmptyState icon={<Icon name="chat" />} title="No notification rules yet" action={<NewRuleLink />}>
          A rule sends chosen events (an alert triggered, an incident opened…) as messages to a Slack channel, a Microsoft Teams
          channel or email.{isAdmin ? "" : " Admins create them."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table aria-label="Notification rules" className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Rule</th>
                <th scope="col" className="hidden px-3 py-2.5 md:table-cell">Events</th>
                <th scope="col" className="px-3 py-2.5">State</th>
                <th scope="col" className="hidden px-4 py-2.5 lg:table-cell">Timing</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.map((rule) => (
                <RuleRow key={rule.uuid} rule={rule} integrationName={nameOf(rule.integration)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RuleRow({ rule, integrationName }: { rule: NotificationRule; integrationName?: string }) {
  const { slug } = useDataspace();
  return (
    <tr className="align-top hover:bg-slate-50">
      <td className="max-w-md px-4 py-3">
        <Link href={rulePath(slug, rule.uuid)} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
          {rule.name}
        </Link>
        <p className="break-words text-slate-500">{destinationInWords(rule, integrationName)}</p>
      </td>
      <td className="hidden px-3 py-3 md:table-cell">
        <EventPatternList patterns={rule.events} />
        {rule.filter && <p className="mt-1 truncate font-mono text-xs text-slate-500" title={rule.filter}>if {rule.filter}</p>}
      </td>
      <td className="max-w-xs px-3 py-3">
        <RuleStateBadge rule={rule} />
        {rule.state === "failing" && rule.last_error && <p className="mt-1 line-clamp-2 text-xs text-red-700" title={rule.last_error}>{rule.last_error}</p>}
      </td>
      <td className="hidden px-4 py-3 text-slate-600 lg:table-cell">
        <p>{rule.throttle_per_minute === null ? "No throttle" : `≤ ${rule.throttle_per_minute}/min, then a digest`}</p>
        {rule.quiet_hours && <p className="text-xs text-slate-500">{quietHoursInWords(rule.quiet_hours)}</p>}
      </td>
    </tr>
  );
}

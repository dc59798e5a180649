"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { ActiveBadge, configSummary, integrationPath, typeLabel, type Integration } from "./labels";

/** The dataspace's integrations: what each is, whether it is on, what it last received. */
export function IntegrationsView() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const list = useQuery(trpc.integration.list.queryOptions({ dataspace: slug }));
  const types = useQuery(trpc.integration.types.queryOptions(undefined, { staleTime: Infinity }));

  if (list.isPending) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <SkeletonRows rows={3} label="Loading integrations" />
      </div>
    );
  }
  if (list.isError) return <ErrorAlert>Could not load integrations: {errorMessage(list.error)}</ErrorAlert>;

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      {list.data.length === 0 ? (
        <EmptyState
          icon={<Icon name="puzzle" />}
          title="No integrations yet"
          action={
            <ButtonLink href={integrationPath(slug, "new")}>
              <Icon name="plus" className="-ml-0.5 size-4" />
              New integration
            </ButtonLink>
          }
        >
          An integration connects a tool (GitHub, GitLab, Jira, Slack, Datadog…) to this dataspace: it gets its own inbound URL, and what
          the tool sends becomes events here.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Name</th>
                <th scope="col" className="px-3 py-2.5">Type</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Config</th>
                <th scope="col" className="px-3 py-2.5">Last event</th>
                <th scope="col" className="px-4 py-2.5 text-right">Refused requests</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.map((integration) => (
                <tr key={integration.id} className="hover:bg-slate-50">
                  <td className="max-w-xs px-4 py-3">
                    <Link href={integrationPath(slug, integration.id)} className="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                      {integration.name}
                    </Link>
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-700">{typeLabel(types.data, integration.type)}</td>
                  <td className="px-3 py-3"><ActiveBadge isActive={integration.isActive} /></td>
                  <td className="hidden max-w-sm truncate px-3 py-3 font-mono text-xs text-slate-600 lg:table-cell" title={configSummary(integration.config)}>
                    {configSummary(integration.config)}
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-600">
                    {integration.lastEventAt ? <RelativeTime date={integration.lastEventAt} /> : <span className="text-slate-400">Never</span>}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <AuthFailures integration={integration} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Requests refused because their signature or token did not verify: a wrong secret on one side, or someone probing the URL. */
export function AuthFailures({ integration }: { integration: Pick<Integration, "authFailures" | "lastAuthFailureAt"> }) {
  if (integration.authFailures === 0) return <span className="text-slate-400 tabular-nums">0</span>;
  const last = integration.lastAuthFailureAt ? `, last ${formatDateTime(integration.lastAuthFailureAt)}` : "";
  return (
    <span title={`Failed verification${last}`} suppressHydrationWarning>
      <Badge tone="amber" className="gap-1 tabular-nums">
        <Icon name="warning" className="size-3.5" />
        {integration.authFailures} refused
      </Badge>
    </span>
  );
}

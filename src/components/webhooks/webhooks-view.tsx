"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { EndpointStateBadge, EventTypeList, needsAttention, webhookPath, type WebhookEndpoint } from "./labels";

/** The dataspace's outgoing webhooks, with a warning on top for any the circuit breaker stopped. */
export function WebhooksView() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const list = useQuery(trpc.webhook.list.queryOptions({ dataspace: slug }));

  if (list.isPending) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <SkeletonRows rows={3} label="Loading webhooks" />
      </div>
    );
  }
  if (list.isError) return <ErrorAlert>Could not load webhooks: {errorMessage(list.error)}</ErrorAlert>;

  const stopped = list.data.filter(needsAttention);
  return (
    <div className="space-y-6">
      {stopped.length > 0 && <StoppedEndpointsAlert endpoints={stopped} />}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        {list.data.length === 0 ? (
          <EmptyState
            icon={<Icon name="link" />}
            title="No webhooks yet"
            action={
              <ButtonLink href={webhookPath(slug, "new")}>
                <Icon name="plus" className="-ml-0.5 size-4" />
                Add webhook
              </ButtonLink>
            }
          >
            A webhook sends this dataspace’s events (a new request, a status change, a comment…) to a URL of yours, signed, with
            retries.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Target</th>
                  <th scope="col" className="hidden px-3 py-2.5 md:table-cell">Events</th>
                  <th scope="col" className="px-3 py-2.5">State</th>
                  <th scope="col" className="px-4 py-2.5 text-right">Consecutive failures</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.data.map((endpoint) => (
                  <tr key={endpoint.id} className="hover:bg-slate-50">
                    <td className="max-w-md px-4 py-3">
                      <Link href={webhookPath(slug, endpoint.id)} className="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {endpoint.url}
                      </Link>
                      {endpoint.description && <p className="truncate text-slate-500">{endpoint.description}</p>}
                    </td>
                    <td className="hidden px-3 py-3 md:table-cell">
                      <EventTypeList types={endpoint.eventTypes} />
                    </td>
                    <td className="px-3 py-3">
                      <EndpointStateBadge endpoint={endpoint} />
                    </td>
                    <td className="px-4 py-3 text-right text-slate-600 tabular-nums">{endpoint.consecutiveFailures}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

/** Admins are told here when the circuit breaker paused or disabled an endpoint, and why. */
function StoppedEndpointsAlert({ endpoints }: { endpoints: WebhookEndpoint[] }) {
  const { slug } = useDataspace();
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="flex items-center gap-2 font-semibold">
        <Icon name="warning" className="size-5 text-amber-600" />
        {endpoints.length === 1 ? "A webhook stopped delivering" : `${endpoints.length} webhooks stopped delivering`}
      </p>
      <ul className="mt-2 space-y-2">
        {endpoints.map((e) => (
          <li key={e.id}>
            <Link href={webhookPath(slug, e.id)} className="font-medium break-all underline hover:text-amber-700">
              {e.description || e.url}
            </Link>{" "}
            <EndpointStateBadge endpoint={e} />
            {e.stateReason && <p className="mt-0.5 text-amber-800">{e.stateReason}</p>}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-amber-800">
        {endpoints.length === 1 ? "Its" : "Their"} deliveries are held, not lost. Fix the receiver, then open the webhook and enable it
        again; a paused webhook also resumes by itself when the pause ends.
      </p>
    </div>
  );
}

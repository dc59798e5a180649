"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { ScopeList, TokenStatusBadge, type ApiToken } from "./labels";

const COLUMNS = 8;

/** The dataspace's tokens, newest first, with their status; active ones can be revoked after a confirmation. */
export function ApiTokensView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const list = useQuery(trpc.apiToken.list.queryOptions({ dataspace: slug }));
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({
      onSuccess: () => setConfirming(null),
      onSettled: () => queryClient.invalidateQueries(trpc.apiToken.list.queryFilter({ dataspace: slug })),
    }),
  );
  const ask = (id: string | null) => {
    revoke.reset();
    setConfirming(id);
  };

  return (
    <Card>
      <CardHeader title="Tokens" description="Last use is recorded about once a minute. Revoked and expired tokens stay listed for the record." />
      {list.isPending ? (
        <SkeletonRows rows={2} label="Loading API tokens" />
      ) : list.isError ? (
        <ErrorAlert className="m-4">Could not load API tokens: {errorMessage(list.error)}</ErrorAlert>
      ) : list.data.length === 0 ? (
        <EmptyState icon={<Icon name="key" />} title="No API tokens yet">
          Create one above to call the REST API from a script or another tool.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="API tokens">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Name</th>
                <th scope="col" className="px-3 py-2.5">Scopes</th>
                <th scope="col" className="hidden px-3 py-2.5 lg:table-cell">Created by</th>
                <th scope="col" className="hidden px-3 py-2.5 md:table-cell">Created</th>
                <th scope="col" className="px-3 py-2.5">Expires</th>
                <th scope="col" className="px-3 py-2.5">Last used</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.map((token) => (
                <Fragment key={token.id}>
                  <TokenRow token={token} onRevoke={() => ask(token.id)} />
                  {confirming === token.id && (
                    <tr>
                      <td colSpan={COLUMNS} className="px-4 pb-3">
                        <Confirm
                          label={`Confirm revoke ${token.name}`}
                          className="ml-auto"
                          onBack={() => ask(null)}
                          verb="revoke" danger pending={revoke.isPending} onConfirm={() => revoke.mutate({ dataspace: slug, id: token.id })}
                        >
                          Revoke “{token.name}”? Anything still using it is refused from now on (401). This cannot be undone.
                        </Confirm>
                        <ErrorAlert className="mt-2 ml-auto max-w-md">{revoke.error ? errorMessage(revoke.error) : null}</ErrorAlert>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  return (
    <tr className={token.status === "active" ? undefined : "text-slate-500"}>
      <td className="max-w-xs px-4 py-3">
        <p className="truncate font-medium text-slate-900">{token.name}</p>
        <p className="font-mono text-xs text-slate-500">{token.prefix}…</p>
      </td>
      <td className="px-3 py-3">
        <ScopeList scopes={token.scopes} />
      </td>
      <td className="hidden px-3 py-3 text-slate-600 lg:table-cell">{token.createdBy.name ?? token.createdBy.email}</td>
      <td className="hidden px-3 py-3 text-slate-600 md:table-cell">
        <RelativeTime date={token.createdAt} />
      </td>
      <td className="px-3 py-3 text-slate-600">{token.expiresAt ? <RelativeTime date={token.expiresAt} /> : "Never"}</td>
      <td className="px-3 py-3 text-slate-600">{token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} /> : "Never"}</td>
      <td className="px-3 py-3">
        <TokenStatusBadge status={token.status} />
      </td>
      <td className="px-4 py-3 text-right">
        {token.status === "active" && (
          <Button variant="danger" size="sm" onClick={onRevoke} aria-label={`Revoke ${token.name}`}>
            Revoke
          </Button>
        )}
      </td>
    </tr>
  );
}

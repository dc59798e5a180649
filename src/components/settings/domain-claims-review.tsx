"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { PROOF_LABELS } from "./sso-domain-claims";

/**
 * Every dataspace's claims to email domains, for instance admins: approve the ones you know a
 * dataspace really runs, revoke the rest (that frees the domain for its real owner).
 */
export function DomainClaimsReview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.sso.domainClaims.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.sso.domainClaims.list.queryFilter());
  const approve = useMutation(trpc.sso.domainClaims.approve.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.sso.domainClaims.revoke.mutationOptions({ onSettled: refresh }));

  return (
    <Card>
      <CardHeader
        title="Email domain claims"
        description="A dataspace's SSO connection trusts the addresses it asserts at a domain only once the domain is proven. Approve only domains you know the dataspace runs."
      />
      {list.isPending ? (
        <SkeletonRows rows={2} label="Loading domain claims" />
      ) : list.isError ? (
        <ErrorAlert className="m-5">Could not load domain claims: {errorMessage(list.error)}</ErrorAlert>
      ) : list.data.length === 0 ? (
        <p className="px-5 py-5 text-sm text-slate-500">No dataspace claims an email domain.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Domain claims">
          {list.data.map((claim) => (
            <li key={claim.id} className="flex flex-wrap items-start gap-4 px-5 py-4" aria-label={`Claim of ${claim.domain}`}>
              <div className="min-w-0 flex-1 space-y-1 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-slate-900">@{claim.domain}</span>
                  {claim.status === "proven" ? (
                    <Badge tone="emerald">{PROOF_LABELS[claim.provenBy ?? ""] ?? "Proven"}</Badge>
                  ) : (
                    <Badge tone="amber">Pending</Badge>
                  )}
                </p>
                <p className="text-slate-600">
                  Claimed by {claim.dataspace.name} (<span className="font-mono text-xs">{claim.dataspace.slug}</span>) through “
                  {claim.connection.name}” at <span className="break-all">{claim.connection.issuer}</span>
                </p>
                {claim.lastCheckProblem && <p className="text-xs text-slate-500">Last DNS check: {claim.lastCheckProblem}</p>}
                {[approve, revoke].map((m, i) =>
                  m.error && m.variables?.id === claim.id ? <ErrorAlert key={i}>{errorMessage(m.error)}</ErrorAlert> : null,
                )}
              </div>
              <div className="flex gap-2">
                {claim.status === "pending" && (
                  <Button size="sm" pending={approve.isPending && approve.variables?.id === claim.id} onClick={() => approve.mutate({ id: claim.id })}>
                    Approve
                  </Button>
                )}
                <Button
                  variant="danger"
                  size="sm"
                  pending={revoke.isPending && revoke.variables?.id === claim.id}
                  onClick={() => revoke.mutate({ id: claim.id })}
                >
                  Revoke
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

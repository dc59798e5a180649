"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export type DomainClaimView = {
  id: string;
  domain: string;
  status: "pending" | "proven";
  provenBy: string | null;
  lastCheckProblem: string | null;
  txtRecord: { name: string; value: string };
};

export const PROOF_LABELS: Record<string, string> = { dns: "Proven by DNS", instance_admin: "Approved by an instance admin" };

/**
 * A connection's email domains and their proof: the TXT record to publish and "Check now".
 * Until a domain is proven, the connection signs in only the people it created itself.
 */
export function SsoDomainClaims({ claims }: { claims: DomainClaimView[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const check = useMutation(
    trpc.sso.checkDomain.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.sso.list.queryFilter({ dataspace: slug })) }),
  );
  if (claims.length === 0) return null;
  return (
    <ul className="mt-2 space-y-2" aria-label="Email domains">
      {claims.map((claim) => (
        <li key={claim.id} className="rounded-md border border-slate-200 px-3 py-2" aria-label={`Domain ${claim.domain}`}>
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">@{claim.domain}</span>
            {claim.status === "proven" ? (
              <Badge tone="emerald">{PROOF_LABELS[claim.provenBy ?? ""] ?? "Proven"}</Badge>
            ) : (
              <Badge tone="amber">Waiting for proof</Badge>
            )}
          </p>
          {claim.status === "pending" && (
            <div className="mt-1 space-y-1 text-xs text-slate-600">
              <p>
                Until this domain is proven, only people this connection signed in itself can use it, and other sign-in methods do not
                trust their addresses. Add this DNS record, then check, or ask an instance admin to approve the domain:
              </p>
              <p className="font-mono break-all text-slate-800">
                {claim.txtRecord.name} TXT &quot;{claim.txtRecord.value}&quot;
              </p>
              {claim.lastCheckProblem && <p className="text-amber-800">Last check: {claim.lastCheckProblem}</p>}
              {check.error && check.variables?.id === claim.id && <ErrorAlert>{errorMessage(check.error)}</ErrorAlert>}
              <Button
                variant="secondary"
                size="sm"
                pending={check.isPending && check.variables?.id === claim.id}
                onClick={() => check.mutate({ dataspace: slug, id: claim.id })}
              >
                Check now
              </Button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { useTRPC } from "@/trpc/react";
import { platformLabel } from "./pipeline-rule-input";
import { justChanged } from "./pipeline-runs";

/**
 * Where a deployment is on GitHub and GitLab (integrations with `deployments.push`,
 * src/server/ci/push-deployments.ts): the platform's deployment id, the last status it took and
 * its last refusal in its own words. Nothing when it is on neither. `changedAt`: when the
 * deployment last changed, so a status being posted shows without a reload.
 */
export function PlatformLinks({ deploymentId, changedAt }: { deploymentId: string; changedAt?: Date }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const links = useQuery(trpc.ci.deploymentLinks.queryOptions({ dataspace: slug, deploymentId }, { refetchInterval: () => (justChanged(changedAt) ? 5_000 : false) }));
  if (!links.data?.length) return null;
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">On GitHub and GitLab</h2>
      <p className="mt-1 text-xs text-slate-500">This deployment as the integrations that push deployments created it there, with the last status each took.</p>
      <ul className="mt-3 divide-y divide-slate-100" aria-label="On GitHub and GitLab">
        {links.data.map((link) => (
          <li key={link.integrationId} className="py-2 text-sm" aria-label={link.integrationName}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Badge tone="indigo">{platformLabel(link.platform)}</Badge>
              <span className="font-medium text-slate-900">{link.integrationName}</span>
              {link.externalId && <span className="text-slate-600">Deployment {link.externalId}</span>}
              {link.lastStatus ? <Badge>{link.lastStatus.replace("_", " ")}</Badge> : <span className="text-xs text-slate-400">no status yet</span>}
              <span className="ml-auto text-xs whitespace-nowrap text-slate-500">
                Updated <RelativeTime date={link.updatedAt} />
              </span>
            </div>
            {link.lastError && <p className="mt-1 text-sm break-words text-red-600">{link.lastError}</p>}
          </li>
        ))}
      </ul>
    </Card>
  );
}

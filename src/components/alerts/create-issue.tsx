"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/react";

/**
 * "Create issue in …" on an alert or an incident (issue sync): the issue is made through the
 * record's request, created if it has none. The page owns the mutation (`alert.createIssue` or
 * `incident.createIssue`) like its other actions; this renders a button per integration that can
 * take the issue, and the note that follows.
 */

type IssueIntegration = { id: string; name: string; paused: boolean };

/**
 * With a request: what its issue links offer (`available`: syncing, pushing, not linked yet).
 * Without one: the dataspace's active integrations whose type syncs issues and whose config turns
 * issueSync on (not pull-only) — read from `integration.list`, which only admins may call: anyone
 * else, or a refusal, gets none.
 */
function useIssueIntegrations(requestId: string | null): IssueIntegration[] {
  const trpc = useTRPC();
  const { slug, isAdmin } = useDataspace();
  const links = useQuery({ ...trpc.request.issueLinks.queryOptions({ dataspace: slug, requestId: requestId ?? "" }), enabled: requestId !== null });
  const list = useQuery({ ...trpc.integration.list.queryOptions({ dataspace: slug }), enabled: requestId === null && isAdmin });
  const types = useQuery({ ...trpc.integration.types.queryOptions(undefined, { staleTime: Infinity }), enabled: requestId === null && isAdmin });

  if (requestId !== null) return links.data?.available ?? [];
  if (!isAdmin || !list.data || !types.data) return [];
  const syncing = new Set(types.data.filter((t) => t.supportsIssueSync).map((t) => t.type as string));
  return list.data
    .filter((i) => i.isActive && syncing.has(i.type) && pushesIssues(i.config))
    .map((i) => ({ id: i.id, name: i.name, paused: false }));
}

function pushesIssues(config: Record<string, unknown>): boolean {
  const sync = config.issueSync;
  if (!sync || typeof sync !== "object") return false;
  const { enabled, direction } = sync as { enabled?: unknown; direction?: unknown };
  return enabled !== false && direction !== "pull";
}

/** One "Create issue in <integration>" button per integration; `pending` is the integration being asked. */
export function CreateIssueButtons({ requestId, pending, onCreate }: { requestId: string | null; pending: string | null; onCreate: (integrationId: string) => void }) {
  const integrations = useIssueIntegrations(requestId);
  return integrations.map((integration) => (
    <Button
      key={integration.id}
      variant="secondary"
      disabled={integration.paused || (pending !== null && pending !== integration.id)}
      title={integration.paused ? "Its sync is paused after the platform refused its credentials: an admin must fix them first" : undefined}
      pending={pending === integration.id}
      onClick={() => onCreate(integration.id)}
    >
      Create issue in {integration.name}
    </Button>
  ));
}

/** After "Create issue in …": the link is on the request, whose page shows it until the issue exists. */
export function IssueRequested({ created, className }: { created: { requestId: string; link: { integration: { name: string } } } | undefined; className?: string }) {
  const { slug } = useDataspace();
  if (!created) return null;
  return (
    <Notice className={className}>
      Issue requested in {created.link.integration.name}: follow it on{" "}
      <Link href={`/d/${slug}/requests/${created.requestId}`} className="font-medium text-indigo-600 hover:text-indigo-800">
        the request
      </Link>
    </Notice>
  );
}

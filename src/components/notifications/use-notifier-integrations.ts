"use client";

import { useQuery } from "@tanstack/react-query";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { useTRPC } from "@/trpc/react";

export type NotifierIntegration = { id: string; name: string; type: string };

/**
 * The dataspace's Slack and Microsoft Teams integrations, for admins (only they may list
 * integrations): the form's choices and the names rules show. Members get none, and rules then
 * say where they post without the integration's name.
 */
export function useNotifierIntegrations() {
  const trpc = useTRPC();
  const { slug, isAdmin } = useDataspace();
  const query = useQuery(trpc.integration.list.queryOptions({ dataspace: slug }, { enabled: isAdmin }));
  const integrations: NotifierIntegration[] = (query.data ?? [])
    .filter((i) => i.type === "SLACK" || i.type === "MS_TEAMS")
    .map((i) => ({ id: i.id, name: i.name, type: i.type }));
  const nameOf = (id: string | null) => (id ? integrations.find((i) => i.id === id)?.name : undefined);
  return { integrations, nameOf, isPending: isAdmin && query.isPending, error: query.error };
}

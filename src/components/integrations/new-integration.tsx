"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { useTRPC } from "@/trpc/react";
import { EMPTY_INTEGRATION, IntegrationForm } from "./integration-form";
import { integrationPath, integrationsPath } from "./labels";

/** Creates an integration, then goes to its page (its inbound URL and setup steps are there). */
export function NewIntegration() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug } = useDataspace();
  const types = useQuery(trpc.integration.types.queryOptions(undefined, { staleTime: Infinity }));
  const create = useMutation(
    trpc.integration.create.mutationOptions({
      onSuccess: async (created) => {
        queryClient.setQueryData(trpc.integration.get.queryKey({ dataspace: slug, id: created.id }), created);
        await queryClient.invalidateQueries(trpc.integration.list.queryFilter({ dataspace: slug }));
        router.push(integrationPath(slug, created.id));
      },
    }),
  );

  return (
    <IntegrationForm
      initial={EMPTY_INTEGRATION}
      types={types.data ?? []}
      editing={false}
      submitLabel="Create integration"
      // Still pending while the integration's page loads.
      pending={create.isPending || create.isSuccess}
      error={create.error}
      onSubmit={(input) => create.mutate({ dataspace: slug, ...input })}
      onCancel={() => router.push(integrationsPath(slug))}
    />
  );
}

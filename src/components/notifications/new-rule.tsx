"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { useTRPC } from "@/trpc/react";
import { rulePath, rulesPath } from "./labels";
import { RuleForm } from "./rule-form";
import { EMPTY_RULE } from "./rule-input";
import { useNotifierIntegrations } from "./use-notifier-integrations";

/** Creates a rule, then opens its page (where "Send test notification" is). */
export function NewRule() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug } = useDataspace();
  const { integrations } = useNotifierIntegrations();
  const catalog = useQuery(trpc.webhook.eventTypes.queryOptions(undefined, { staleTime: Infinity }));
  const create = useMutation(
    trpc.notification.create.mutationOptions({
      onSuccess: async (rule) => {
        queryClient.setQueryData(trpc.notification.get.queryKey({ dataspace: slug, id: rule.uuid }), rule);
        await queryClient.invalidateQueries(trpc.notification.list.queryFilter({ dataspace: slug }));
        router.push(rulePath(slug, rule.uuid));
      },
    }),
  );
  const firstSlack = integrations.find((i) => i.type === "SLACK");

  return (
    <RuleForm
      initial={{ ...EMPTY_RULE, integrationId: firstSlack?.id ?? "" }}
      integrations={integrations}
      catalog={catalog.data ?? []}
      submitLabel="Create rule"
      pending={create.isPending || create.isSuccess}
      error={create.error}
      onSubmit={(input) => create.mutate({ dataspace: slug, ...input })}
      onCancel={() => router.push(rulesPath(slug))}
    />
  );
}

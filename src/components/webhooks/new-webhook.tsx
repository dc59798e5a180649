"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { webhookPath, webhooksPath } from "./labels";
import { SecretReveal } from "./secret-reveal";
import { WebhookForm } from "./webhook-form";
import { EMPTY_WEBHOOK } from "./webhook-input";

/** Creates a webhook, then shows its signing secret once instead of moving on. */
export function NewWebhook() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug } = useDataspace();
  const eventTypes = useQuery(trpc.webhook.eventTypes.queryOptions(undefined, { staleTime: Infinity }));
  const create = useMutation(
    trpc.webhook.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.webhook.list.queryFilter({ dataspace: slug })) }),
  );

  if (create.isSuccess) {
    const { endpoint, secret } = create.data;
    return (
      <div className="space-y-5">
        <p className="text-sm text-slate-700">
          Webhook created for <span className="font-medium break-all text-slate-900">{endpoint.url}</span>.
        </p>
        <SecretReveal secret={secret} />
        <div className="flex justify-end">
          <ButtonLink href={webhookPath(slug, endpoint.id)}>
            I have copied it, go to the webhook
            <Icon name="chevronRight" className="-mr-0.5 size-4" />
          </ButtonLink>
        </div>
      </div>
    );
  }

  return (
    <WebhookForm
      initial={EMPTY_WEBHOOK}
      eventTypes={eventTypes.data ?? []}
      editing={false}
      submitLabel="Add webhook"
      pending={create.isPending}
      error={create.error}
      onSubmit={(input) => create.mutate({ dataspace: slug, ...input })}
      onCancel={() => router.push(webhooksPath(slug))}
    />
  );
}

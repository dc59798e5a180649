"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { useTRPC } from "@/trpc/react";
import { EMPTY_REQUEST, RequestForm } from "./request-form";

export function NewRequest() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit } = useDataspace();
  const members = useQuery(trpc.member.list.queryOptions({ dataspace: slug }));
  const create = useMutation(
    trpc.request.create.mutationOptions({
      onSuccess: async (request) => {
        await queryClient.invalidateQueries(trpc.request.pathFilter());
        router.push(`/d/${slug}/requests/${request.id}`);
      },
    }),
  );

  if (!canEdit) return <Notice>Viewers can read requests but not create them. Ask an admin for the member role.</Notice>;

  return (
    <RequestForm
      initial={EMPTY_REQUEST}
      members={members.data ?? []}
      submitLabel="Create request"
      // Stays pending through the navigation that follows success.
      pending={create.isPending || create.isSuccess}
      error={create.error}
      onSubmit={(values) => create.mutate({ dataspace: slug, ...values })}
      onCancel={() => router.push(`/d/${slug}/requests`)}
    />
  );
}

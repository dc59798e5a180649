"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { useTRPC } from "@/trpc/react";
import { useServiceGroups } from "./groups";
import { servicePath, servicesPath } from "./labels";
import { EMPTY_SERVICE, ServiceForm } from "./service-form";

export function NewService() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit } = useDataspace();
  const members = useQuery({ ...trpc.member.list.queryOptions({ dataspace: slug }), enabled: canEdit });
  const groups = useServiceGroups(slug);
  const create = useMutation(
    trpc.service.create.mutationOptions({
      onSuccess: async (service) => {
        await queryClient.invalidateQueries(trpc.service.pathFilter());
        router.push(servicePath(slug, service.id));
      },
    }),
  );

  if (!canEdit) return <Notice>Viewers can see services but not create them. Ask an admin for the member role.</Notice>;

  return (
    <ServiceForm
      initial={EMPTY_SERVICE}
      members={members.data ?? []}
      groups={groups}
      withStatus
      submitLabel="Create service"
      // Stays pending through the navigation that follows success.
      pending={create.isPending || create.isSuccess}
      error={create.error}
      onSubmit={(values) => create.mutate({ dataspace: slug, ...values })}
      onCancel={() => router.push(servicesPath(slug))}
    />
  );
}

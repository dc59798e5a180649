"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { useTRPC } from "@/trpc/react";
import { MaintenanceForm } from "./maintenance-form";

export function NewMaintenance() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit } = useDataspace();
  const services = useQuery(trpc.service.options.queryOptions({ dataspace: slug }));
  const schedule = useMutation(
    trpc.maintenance.schedule.mutationOptions({
      onSuccess: async (window) => {
        await queryClient.invalidateQueries(trpc.maintenance.pathFilter());
        router.push(`/d/${slug}/maintenance/${window.id}`);
      },
    }),
  );

  if (!canEdit) return <Notice>Viewers can read maintenance windows but not schedule them. Ask an admin for the member role.</Notice>;

  return (
    <MaintenanceForm
      initial={null}
      services={services.data ?? []}
      submitLabel="Schedule maintenance"
      // Stays pending through the navigation that follows success.
      pending={schedule.isPending || schedule.isSuccess}
      error={schedule.error}
      onSubmit={(values) => schedule.mutate({ dataspace: slug, ...values })}
      onCancel={() => router.push(`/d/${slug}/maintenance`)}
    />
  );
}

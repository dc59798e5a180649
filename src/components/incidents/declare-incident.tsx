"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { useTRPC } from "@/trpc/react";
import { IncidentForm } from "./incident-form";

/** The "Declare incident" form; `request` links the incident to the request it comes from. */
export function DeclareIncident({ request }: { request?: { id: string; title: string } | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit } = useDataspace();
  const services = useQuery({ ...trpc.service.options.queryOptions({ dataspace: slug }), enabled: canEdit });
  const create = useMutation(
    trpc.incident.create.mutationOptions({
      onSuccess: async (incident) => {
        await queryClient.invalidateQueries(trpc.incident.pathFilter());
        router.push(`/d/${slug}/incidents/${incident.id}`);
      },
    }),
  );

  if (!canEdit) return <Notice>Viewers can follow incidents but not declare them. Ask an admin for the member role.</Notice>;

  return (
    <>
      {request && (
        <p className="mb-6 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          Linked to the request{" "}
          <Link href={`/d/${slug}/requests/${request.id}`} className="font-medium text-indigo-600 hover:text-indigo-800">
            {request.title}
          </Link>
        </p>
      )}
      <IncidentForm
        mode="declare"
        initial={{ title: "", severity: "major", status: "investigating", message: "", services: [] }}
        serviceOptions={services.data ?? []}
        servicesLoading={services.isPending}
        submitLabel="Declare incident"
        // Stays pending through the navigation that follows success.
        pending={create.isPending || create.isSuccess}
        error={create.error}
        onSubmit={(values) => create.mutate({ dataspace: slug, ...values, requestId: request?.id ?? null })}
        onCancel={() => router.push(`/d/${slug}/incidents`)}
      />
    </>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { Confirm } from "@/components/ui/confirm";
import { integrationsPath, type Integration } from "./labels";

type Confirming = "activate" | "deactivate" | "delete";

/** Edit, activate/deactivate and delete; each change to what the inbound URL accepts asks first. */
export function IntegrationActions({ integration, onEdit }: { integration: Integration; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug } = useDataspace();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const input = { dataspace: slug, id: integration.id };

  const setActive = useMutation(
    trpc.integration.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.integration.get.queryKey(input), saved);
        setConfirming(null);
        await queryClient.invalidateQueries(trpc.integration.list.queryFilter({ dataspace: slug }));
      },
    }),
  );
  const remove = useMutation(
    trpc.integration.delete.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries(trpc.integration.get.queryFilter(input));
        await queryClient.invalidateQueries(trpc.integration.list.queryFilter({ dataspace: slug }));
        router.push(integrationsPath(slug));
      },
    }),
  );
  const error = setActive.error ?? remove.error;

  const ask = (what: Confirming | null) => {
    setActive.reset();
    remove.reset();
    setConfirming(what);
  };

  return (
    <div className="flex flex-col items-end gap-2">
      {confirming === null && (
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => { ask(null); onEdit(); }}>
            Edit
          </Button>
          {integration.isActive ? (
            <Button variant="secondary" onClick={() => ask("deactivate")}>
              Deactivate
            </Button>
          ) : (
            <Button onClick={() => ask("activate")}>Activate</Button>
          )}
          <Button variant="danger" onClick={() => ask("delete")}>
            Delete
          </Button>
        </div>
      )}
      {confirming === "activate" && (
        <Confirm
          label="Confirm activate"
          onBack={() => setConfirming(null)}
          verb="activate" pending={setActive.isPending} onConfirm={() => setActive.mutate({ ...input, patch: { isActive: true } })}
        >
          Activate this integration? Its inbound URL accepts verified requests again, and they are processed into events.
        </Confirm>
      )}
      {confirming === "deactivate" && (
        <Confirm
          label="Confirm deactivate"
          onBack={() => setConfirming(null)}
          verb="deactivate" danger pending={setActive.isPending} onConfirm={() => setActive.mutate({ ...input, patch: { isActive: false } })}
        >
          Deactivate this integration? Its inbound URL answers 404 while it is off, and what the sender sends meanwhile is not stored
          (most senders retry for a while, then give up).
        </Confirm>
      )}
      {confirming === "delete" && (
        <Confirm
          label="Confirm delete"
          onBack={() => setConfirming(null)}
          verb="delete" danger pending={remove.isPending} onConfirm={() => remove.mutate(input)}
        >
          Delete this integration, its stored secrets and all its received events? Its inbound URL stops working. This cannot be undone.
        </Confirm>
      )}
      <ErrorAlert className="max-w-md">{error ? errorMessage(error) : null}</ErrorAlert>
    </div>
  );
}

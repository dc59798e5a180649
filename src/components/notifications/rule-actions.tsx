"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/confirm";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { rulesPath, type NotificationRule } from "./labels";

/** Edit, send a test notification, delete (after a confirm). Admins only; the server refuses anyone else anyway. */
export function RuleActions({ rule, onEdit, onTestSent }: { rule: NotificationRule; onEdit: () => void; onTestSent: (sent: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, isAdmin } = useDataspace();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const input = { dataspace: slug, id: rule.uuid };
  const sendTest = useMutation(
    trpc.notification.sendTest.mutationOptions({
      onSuccess: async () => {
        onTestSent(true);
        await queryClient.invalidateQueries(trpc.notification.messages.pathFilter());
      },
    }),
  );
  const remove = useMutation(
    trpc.notification.delete.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries(trpc.notification.get.queryFilter(input));
        await queryClient.invalidateQueries(trpc.notification.list.queryFilter({ dataspace: slug }));
        router.push(rulesPath(slug));
      },
    }),
  );
  if (!isAdmin) return null;
  const error = sendTest.error ?? remove.error;
  const reset = () => {
    sendTest.reset();
    remove.reset();
    onTestSent(false);
  };

  return (
    <div className="flex flex-col items-end gap-2">
      {confirmingDelete ? (
        <Confirm label="Confirm delete" verb="delete" danger pending={remove.isPending} onConfirm={() => remove.mutate(input)} onBack={() => setConfirmingDelete(false)}>
          Delete the rule “{rule.name}” and its message log? Messages still waiting to be sent are dropped. This cannot be undone.
        </Confirm>
      ) : (
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => { reset(); onEdit(); }}>
            Edit
          </Button>
          <Button variant="secondary" pending={sendTest.isPending} onClick={() => { reset(); sendTest.mutate(input); }}>
            Send test notification
          </Button>
          <Button variant="danger" onClick={() => { reset(); setConfirmingDelete(true); }}>
            Delete
          </Button>
        </div>
      )}
      <ErrorAlert className="max-w-md">{error ? errorMessage(error) : null}</ErrorAlert>
    </div>
  );
}

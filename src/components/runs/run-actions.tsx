"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/trpc/errors";
import { useRunProcedures, type RunsScope } from "./use-run-procedures";

/** "Cancel run" and "Rerun", each behind a confirmation, with the server's refusal shown inline. */
export function RunActions({ scope, run }: { scope: RunsScope; run: { id: string; functionName: string; active: boolean } }) {
  const { procedures, inputOf, hrefOf } = useRunProcedures(scope);
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState<"cancel" | "rerun" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: procedures.pathKey() });
  // Refused or not, the run moved on (e.g. it ended meanwhile): show it as it is now, with the reason.
  const done = async () => {
    setConfirming(null);
    await refresh();
  };
  const cancel = useMutation(procedures.cancel.mutationOptions({ onSettled: done }));
  const rerun = useMutation(
    procedures.rerun.mutationOptions({
      onSettled: done,
      onSuccess: (result) => {
        if (!result.external) router.push(hrefOf(result.id));
      },
    }),
  );
  const error = cancel.error ?? rerun.error;
  const ask = (what: "cancel" | "rerun") => {
    cancel.reset();
    rerun.reset();
    setConfirming(what);
  };

  return (
    <div className="flex flex-col items-end gap-2">
      {confirming === null && (
        <div className="flex gap-2">
          {run.active && (
            <Button variant="danger" onClick={() => ask("cancel")}>
              Cancel run
            </Button>
          )}
          <Button variant="secondary" onClick={() => ask("rerun")}>
            Rerun
          </Button>
        </div>
      )}
      {confirming && (
        <div role="group" aria-label={confirming === "cancel" ? "Confirm cancel" : "Confirm rerun"} className="max-w-md rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm">
          <p className="text-slate-700">
            {confirming === "cancel"
              ? "Cancel this run? Steps that have not run yet will never run; a step running right now finishes, but its result is dropped."
              : `Run ${run.functionName} again with the same trigger event? Every step runs again, as a new run; this one stays as it is.`}
          </p>
          <div className="mt-3 flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
              {confirming === "cancel" ? "Keep running" : "Back"}
            </Button>
            {confirming === "cancel" ? (
              <Button variant="danger" size="sm" pending={cancel.isPending} onClick={() => cancel.mutate(inputOf({ id: run.id }))}>
                Yes, cancel run
              </Button>
            ) : (
              <Button size="sm" pending={rerun.isPending} onClick={() => rerun.mutate(inputOf({ id: run.id }))}>
                Yes, rerun
              </Button>
            )}
          </div>
        </div>
      )}
      <ErrorAlert className="max-w-md">{error ? errorMessage(error) : null}</ErrorAlert>
    </div>
  );
}

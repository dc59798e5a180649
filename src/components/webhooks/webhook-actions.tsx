"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/confirm";
import { TextField } from "@/components/ui/field";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { HELD_LIMIT, webhooksPath, type WebhookEndpoint } from "./labels";

/** What an action left to tell the admin, shown under the page header. */
export type ActionResult =
  | { kind: "enabled"; released: number; wasStopped: boolean }
  | { kind: "disabled" }
  | { kind: "rotated"; secret: string; oldValidUntil: Date | null }
  | { kind: "test" };

type Confirming = "enable" | "disable" | "rotate" | "delete";

/**
 * Edit, enable/disable, rotate secret, send test event and delete. Each action that changes what
 * receivers get asks first, saying what will happen; the server's refusal is shown inline.
 */
export function WebhookActions({ endpoint, onEdit, onResult }: { endpoint: WebhookEndpoint; onEdit: () => void; onResult: (result: ActionResult | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug } = useDataspace();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [graceHours, setGraceHours] = useState("24");
  const [graceError, setGraceError] = useState<string | null>(null);
  const input = { dataspace: slug, id: endpoint.id };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.webhook.get.queryFilter(input)),
      queryClient.invalidateQueries(trpc.webhook.list.queryFilter({ dataspace: slug })),
      queryClient.invalidateQueries(trpc.webhook.deliveries.pathFilter()),
    ]);
  const finish = async (result: ActionResult) => {
    setConfirming(null);
    onResult(result);
    await refresh();
  };

  const stopped = endpoint.state !== "ACTIVE";
  const enabled = endpoint.isActive && !stopped;
  const setActive = useMutation(
    trpc.webhook.setActive.mutationOptions({
      onSuccess: (result, vars) => finish(vars.isActive ? { kind: "enabled", released: result.released, wasStopped: stopped } : { kind: "disabled" }),
    }),
  );
  const rotate = useMutation(
    trpc.webhook.rotateSecret.mutationOptions({
      onSuccess: (result) => finish({ kind: "rotated", secret: result.secret, oldValidUntil: result.endpoint.previousSecretExpiresAt }),
    }),
  );
  const sendTest = useMutation(trpc.webhook.sendTest.mutationOptions({ onSuccess: () => finish({ kind: "test" }) }));
  const remove = useMutation(
    trpc.webhook.delete.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries(trpc.webhook.get.queryFilter(input));
        await queryClient.invalidateQueries(trpc.webhook.list.queryFilter({ dataspace: slug }));
        router.push(webhooksPath(slug));
      },
    }),
  );
  const mutations = [setActive, rotate, sendTest, remove];
  const error = mutations.find((m) => m.error)?.error;
  const rotateErrors = fieldErrorsOf(rotate.error);

  const ask = (what: Confirming | null) => {
    for (const m of mutations) m.reset();
    onResult(null);
    setConfirming(what);
  };

  function submitRotate(event: FormEvent) {
    event.preventDefault();
    const hours = graceHours.trim() === "" ? 24 : Number(graceHours);
    setGraceError(Number.isInteger(hours) ? null : "Enter a whole number of hours, from 0 to 168");
    if (Number.isInteger(hours)) rotate.mutate({ ...input, graceHours: hours });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      {confirming === null && (
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => { ask(null); onEdit(); }}>
            Edit
          </Button>
          {enabled ? (
            <Button variant="secondary" onClick={() => ask("disable")}>
              Disable
            </Button>
          ) : (
            <Button onClick={() => ask("enable")}>Enable</Button>
          )}
          <Button variant="secondary" onClick={() => ask("rotate")}>
            Rotate secret
          </Button>
          <Button variant="secondary" pending={sendTest.isPending} onClick={() => { ask(null); sendTest.mutate(input); }}>
            Send test event
          </Button>
          <Button variant="danger" onClick={() => ask("delete")}>
            Delete
          </Button>
        </div>
      )}
      {confirming === "enable" && (
        <Confirm
          label="Confirm enable"
          onBack={() => setConfirming(null)}
          verb="enable" pending={setActive.isPending} onConfirm={() => setActive.mutate({ ...input, isActive: true })}
        >
          Enable this webhook? {stopped ? `It was ${endpoint.state === "PAUSED" ? "paused" : "disabled"} after repeated failures; its failure count starts again from zero. ` : ""}
          New events are delivered again, and the deliveries held meanwhile are released now, oldest first.
        </Confirm>
      )}
      {confirming === "disable" && (
        <Confirm
          label="Confirm disable"
          onBack={() => setConfirming(null)}
          verb="disable" danger pending={setActive.isPending} onConfirm={() => setActive.mutate({ ...input, isActive: false })}
        >
          Disable this webhook? Events that happen while it is off are held, with deliveries still being retried, and sent when you
          enable it again (up to {HELD_LIMIT}; past that, new ones are recorded as failed and can be replayed).
        </Confirm>
      )}
      {confirming === "rotate" && (
        <form method="post" onSubmit={submitRotate} noValidate role="group" aria-label="Confirm rotate secret" className="w-full max-w-md rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm">
          <p className="text-slate-700">
            Rotate the signing secret? You get a new secret, shown once. The old one keeps signing alongside it (two signatures per
            delivery) for the grace period, so your receiver can switch without missing a delivery.
          </p>
          <TextField
            label="Grace period (hours)"
            name="graceHours"
            type="number"
            inputMode="numeric"
            min={0}
            max={168}
            value={graceHours}
            onChange={(e) => setGraceHours(e.target.value)}
            error={graceError ?? rotateErrors.graceHours}
            hint="0 stops the old secret at once; at most 168 (a week)."
            className="mt-3"
          />
          <div className="mt-3 flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
              Back
            </Button>
            <Button type="submit" size="sm" pending={rotate.isPending}>
              Rotate secret
            </Button>
          </div>
        </form>
      )}
      {confirming === "delete" && (
        <Confirm
          label="Confirm delete"
          onBack={() => setConfirming(null)}
          verb="delete" danger pending={remove.isPending} onConfirm={() => remove.mutate(input)}
        >
          Delete this webhook and its whole delivery history? Deliveries still pending are dropped. This cannot be undone.
        </Confirm>
      )}
      <ErrorAlert className="max-w-md">{error && !rotateErrors.graceHours ? errorMessage(error) : null}</ErrorAlert>
    </div>
  );
}

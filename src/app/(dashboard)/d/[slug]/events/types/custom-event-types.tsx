"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { EmptyState } from "@/components/ui/empty-state";
import { ExpandableRow, useToggleSet } from "@/components/ui/expandable-row";
import { CodeField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";
import { parseSchema } from "./new-custom-event-type";

type EventType = inferRouterOutputs<AppRouter>["eventType"]["list"]["items"][number];

/** The registered types by name; each opens to its schema, how to publish it and (for admins) edit and delete. */
export function CustomEventTypes({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const rows = useToggleSet();
  const list = useQuery(trpc.eventType.list.queryOptions({ dataspace: slug }));

  return (
    <Card>
      <CardHeader title="Registered types" description="Up to 100 per dataspace. Webhooks subscribe with custom.*, a prefix such as custom.deploy.*, or one type." />
      {list.isPending ? (
        <SkeletonRows rows={3} label="Loading custom event types" />
      ) : list.isError ? (
        <ErrorAlert className="m-4">Could not load custom event types: {errorMessage(list.error)}</ErrorAlert>
      ) : list.data.items.length === 0 ? (
        <EmptyState icon={<Icon name="bolt" />} title="No custom event types yet">
          {canEdit ? "Register one above, then publish it from a script or CI job." : "An admin can register one."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Custom event types">
          {list.data.items.map((type) => (
            <ExpandableRow
              key={type.id}
              panelId={`type-${type.id}`}
              expanded={rows.isOpen(type.id)}
              onToggle={() => rows.toggle(type.id)}
              summary={
                <>
                  <Badge tone="indigo" className="font-mono">{type.name}</Badge>
                  <span className="min-w-0 flex-1 truncate text-slate-700">{type.description}</span>
                  <span className="hidden shrink-0 text-slate-500 md:inline">
                    updated <RelativeTime date={type.updatedAt} />
                  </span>
                </>
              }
            >
              <TypeDetail type={type} canEdit={canEdit} />
            </ExpandableRow>
          ))}
        </ul>
      )}
    </Card>
  );
}

function TypeDetail({ type, canEdit }: { type: EventType; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const example = `curl -X POST "$SWITCHBOARD/api/v1/events" -H "Authorization: Bearer $TOKEN" \\\n  -H "Content-Type: application/json" -d '{"type": "${type.name}", "data": {…}}'`;
  if (editing) return <EditType type={type} onDone={() => setEditing(false)} />;
  return (
    <div className="space-y-3">
      <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100" aria-label={`Schema of ${type.name}`}>
        {JSON.stringify(type.schema, null, 2)}
      </pre>
      <p className="text-xs text-slate-500">Publish it with a token that has the events:write scope:</p>
      <pre className="overflow-auto rounded-md bg-white p-2 font-mono text-xs text-slate-700 ring-1 ring-slate-200">{example}</pre>
      {canEdit && (
        <div className="flex flex-wrap items-start justify-end gap-2">
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <DeleteType type={type} />
        </div>
      )}
    </div>
  );
}

function EditType({ type, onDone }: { type: EventType; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [description, setDescription] = useState(type.description);
  const [schemaText, setSchemaText] = useState(JSON.stringify(type.schema, null, 2));
  const [schemaError, setSchemaError] = useState<string | null>(null);
  const update = useMutation(
    trpc.eventType.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.eventType.list.queryFilter({ dataspace: slug }));
        onDone();
      },
    }),
  );
  const errors = fieldErrorsOf(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSchema(schemaText);
    setSchemaError("error" in parsed ? parsed.error : null);
    if ("schema" in parsed) update.mutate({ dataspace: slug, id: type.id, patch: { description, schema: parsed.schema } });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-4" aria-label={`Edit ${type.name}`}>
      <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} maxLength={500} />
      <CodeField label="JSON Schema" rows={10} value={schemaText} onChange={(e) => setSchemaText(e.target.value)} error={schemaError ?? errors.schema} hint="Events published from now on are checked against it." />
      <FormActions error={update.error && Object.keys(errors).length === 0 ? errorMessage(update.error) : null} pending={update.isPending} submitLabel="Save changes" onCancel={onDone} />
    </form>
  );
}

function DeleteType({ type }: { type: EventType }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.eventType.delete.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.eventType.list.queryFilter({ dataspace: slug })),
    }),
  );
  if (!confirming) {
    return (
      <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    );
  }
  return (
    <div>
      <Confirm
        label={`Confirm delete ${type.name}`}
        onBack={() => setConfirming(false)}
        verb="delete" danger pending={remove.isPending} onConfirm={() => remove.mutate({ dataspace: slug, id: type.id })}
      >
        Delete {type.name}? Publishing it is refused from then on. Past events stay in the log, and webhooks keep their subscriptions.
      </Confirm>
      <ErrorAlert className="mt-2 max-w-md">{remove.error ? errorMessage(remove.error) : null}</ErrorAlert>
    </div>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { MappingForm } from "./mapping-form";
import { draftOf, EMPTY_DRAFT, type Mapping } from "./mapping-input";

/** After a change: the list, and the metric definitions the overview's custom charts are drawn from. */
function useInvalidateMappings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.metric.mappings.queryFilter({ dataspace: slug })),
      queryClient.invalidateQueries(trpc.metric.definitions.queryFilter({ dataspace: slug })),
    ]);
}

/** The dataspace's custom metric mappings; admins also create, edit and delete them here. */
export function MappingsView() {
  const trpc = useTRPC();
  const { slug, isAdmin } = useDataspace();
  const list = useQuery(trpc.metric.mappings.queryOptions({ dataspace: slug }));
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Mappings" description={isAdmin ? "Up to 100 per dataspace. Figures are computed every minute, with the built-in metrics." : "Admins and owners create and change mappings; you can read them."} />
        {list.isPending ? (
          <SkeletonRows rows={3} label="Loading metric mappings" />
        ) : list.isError ? (
          <ErrorAlert className="m-4">Could not load metric mappings: {errorMessage(list.error)}</ErrorAlert>
        ) : list.data.length === 0 ? (
          <EmptyState icon={<Icon name="chart" />} title="No custom metrics yet">
            A mapping turns events into a metric of your own, charted on the Overview and forwarded with the others. For example,{" "}
            <code className="font-mono text-slate-700">github.workflow_run.completed</code> → <code className="font-mono text-slate-700">ci.duration_seconds</code>,
            tagged with the repo, branch and conclusion: how long CI takes, per repository.{isAdmin ? " Create one below." : " An admin can create one."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Metric mappings">
            {list.data.map((mapping) => (
              <MappingRow key={mapping.id} mapping={mapping} canEdit={isAdmin} />
            ))}
          </ul>
        )}
      </Card>
      {isAdmin && <NewMapping />}
    </div>
  );
}

function NewMapping() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const invalidate = useInvalidateMappings();
  // A new key empties the form once a mapping is saved.
  const [generation, setGeneration] = useState(0);
  const create = useMutation(
    trpc.metric.createMapping.mutationOptions({
      onSuccess: async () => {
        setGeneration((n) => n + 1);
        await invalidate();
      },
    }),
  );
  return (
    <Card>
      <CardHeader title="New mapping" description="Which events to record, the number each one records, and the tags to tell them apart by." />
      <div className="px-5 py-5">
        <MappingForm
          key={generation}
          label="New mapping"
          initial={EMPTY_DRAFT}
          submitLabel="Create mapping"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate({ dataspace: slug, ...input })}
        />
      </div>
    </Card>
  );
}

function MappingRow({ mapping, canEdit }: { mapping: Mapping; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="px-5 py-5">
        <EditMapping mapping={mapping} onDone={() => setEditing(false)} />
      </li>
    );
  }
  const tags = Object.entries(mapping.tags);
  return (
    <li className="px-5 py-4" aria-label={mapping.metric}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-semibold text-slate-900">{mapping.metric}</span>
        <Badge tone="indigo">{mapping.kind}</Badge>
        {mapping.isActive ? <Badge tone="emerald">Active</Badge> : <Badge>Inactive</Badge>}
        {canEdit && (
          <div className="ml-auto flex items-start gap-2">
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${mapping.metric}`}>
              Edit
            </Button>
            <DeleteMapping mapping={mapping} />
          </div>
        )}
      </div>
      {mapping.description && <p className="mt-1 text-sm text-slate-600">{mapping.description}</p>}
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">
        <Detail term="Events">{mapping.events.join(", ")}</Detail>
        <Detail term="Value">
          {mapping.value}
          {mapping.unit && <span className="font-sans text-slate-500"> ({mapping.unit})</span>}
        </Detail>
        <Detail term="Tags">{tags.length ? tags.map(([tag, expression]) => `${tag} = ${expression}`).join(" · ") : <span className="font-sans text-slate-400">none</span>}</Detail>
        <Detail term="Filter">{mapping.filter || <span className="font-sans text-slate-400">none, every event</span>}</Detail>
      </dl>
    </li>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="font-mono text-xs leading-5 break-words text-slate-800 sm:pt-px">{children}</dd>
    </>
  );
}

function EditMapping({ mapping, onDone }: { mapping: Mapping; onDone: () => void }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const invalidate = useInvalidateMappings();
  const update = useMutation(
    trpc.metric.updateMapping.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  return (
    <MappingForm
      label={`Edit ${mapping.metric}`}
      initial={draftOf(mapping)}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      onSubmit={(patch) => update.mutate({ dataspace: slug, id: mapping.id, patch })}
      onCancel={onDone}
    />
  );
}

function DeleteMapping({ mapping }: { mapping: Mapping }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const invalidate = useInvalidateMappings();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(trpc.metric.deleteMapping.mutationOptions({ onSettled: invalidate }));
  if (!confirming) {
    return (
      <Button variant="danger" size="sm" onClick={() => setConfirming(true)} aria-label={`Delete ${mapping.metric}`}>
        Delete
      </Button>
    );
  }
  return (
    <div>
      <Confirm
        label={`Confirm delete ${mapping.metric}`}
        onBack={() => setConfirming(false)}
        verb="delete"
        danger
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ dataspace: slug, id: mapping.id })}
      >
        Delete {mapping.metric}? Its figures are deleted with it, its chart leaves the Overview and it is no longer forwarded.
      </Confirm>
      <ErrorAlert className="mt-2 max-w-md">{remove.error ? errorMessage(remove.error) : null}</ErrorAlert>
    </div>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ExpressionDetail, ExpressionDetails } from "@/components/expressions/expression-details";
import { expressionsText } from "@/components/expressions/rows";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { DeleteButton } from "@/components/ui/delete-button";
import { EditableItem } from "@/components/ui/editable-item";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { ItemListCard } from "@/components/ui/item-list-card";
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
      <ItemListCard
        title="Mappings"
        description={isAdmin ? "Up to 100 per dataspace. Figures are computed every minute, with the built-in metrics." : "Admins and owners create and change mappings; you can read them."}
        noun="metric mappings"
        query={list}
        empty={
          <EmptyState icon={<Icon name="chart" />} title="No custom metrics yet">
            A mapping turns events into a metric of your own, charted on the Overview and forwarded with the others. For example,{" "}
            <code className="font-mono text-slate-700">github.workflow_run.completed</code> → <code className="font-mono text-slate-700">ci.duration_seconds</code>,
            tagged with the repo, branch and conclusion: how long CI takes, per repository.{isAdmin ? " Create one below." : " An admin can create one."}
          </EmptyState>
        }
      >
        {(mappings) => mappings.map((mapping) => <MappingRow key={mapping.id} mapping={mapping} canEdit={isAdmin} />)}
      </ItemListCard>
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
  return (
    <EditableItem
      name={mapping.metric}
      canEdit={canEdit}
      heading={
        <>
          <span className="font-mono text-sm font-semibold text-slate-900">{mapping.metric}</span>
          <Badge tone="indigo">{mapping.kind}</Badge>
          {mapping.isActive ? <Badge tone="emerald">Active</Badge> : <Badge>Inactive</Badge>}
        </>
      }
      actions={<DeleteMapping mapping={mapping} />}
      editor={(done) => <EditMapping mapping={mapping} onDone={done} />}
    >
      {mapping.description && <p className="mt-1 text-sm text-slate-600">{mapping.description}</p>}
      <ExpressionDetails>
        <ExpressionDetail term="Events">{mapping.events.join(", ")}</ExpressionDetail>
        <ExpressionDetail term="Value">
          {mapping.value}
          {mapping.unit && <span className="font-sans text-slate-500"> ({mapping.unit})</span>}
        </ExpressionDetail>
        <ExpressionDetail term="Tags" none="none">
          {expressionsText(mapping.tags)}
        </ExpressionDetail>
        <ExpressionDetail term="Filter" none="none, every event">
          {mapping.filter}
        </ExpressionDetail>
      </ExpressionDetails>
    </EditableItem>
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
  const remove = useMutation(trpc.metric.deleteMapping.mutationOptions({ onSettled: invalidate }));
  return (
    <DeleteButton name={mapping.metric} pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate({ dataspace: slug, id: mapping.id })}>
      Delete {mapping.metric}? Its figures are deleted with it, its chart leaves the Overview and it is no longer forwarded.
    </DeleteButton>
  );
}

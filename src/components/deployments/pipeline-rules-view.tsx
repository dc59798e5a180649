"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ExpressionDetail, ExpressionDetails } from "@/components/expressions/expression-details";
import { expressionsText } from "@/components/expressions/rows";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DeleteButton } from "@/components/ui/delete-button";
import { EditableItem } from "@/components/ui/editable-item";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { ItemListCard } from "@/components/ui/item-list-card";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { PipelineRuleForm } from "./pipeline-rule-form";
import { draftOf, EMPTY_DRAFT, platformLabel, type PipelineRule } from "./pipeline-rule-input";
import { RunItems, usePipelineRuns } from "./pipeline-runs";

const RUNS_SHOWN = 5;

function useInvalidateRules() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.ci.pathFilter());
}

/** The dataspace's pipeline rules, each with its last runs; admins also create, edit and delete them here. */
export function PipelineRulesView() {
  const trpc = useTRPC();
  const { slug, isAdmin } = useDataspace();
  const list = useQuery(trpc.ci.rules.queryOptions({ dataspace: slug }));
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-6">
      <ItemListCard
        title="Rules"
        description={isAdmin ? "Up to 50 per dataspace. Each matching event starts one run, with the integration's token." : "Admins and owners create and change pipeline rules; you can read them and their runs."}
        actions={
          isAdmin && !adding ? (
            <Button onClick={() => setAdding(true)}>
              <Icon name="plus" className="-ml-0.5 size-4" />
              New rule
            </Button>
          ) : undefined
        }
        noun="pipeline rules"
        query={list}
        empty={
          <EmptyState icon={<Icon name="rocket" />} title="No pipeline rules yet">
            <p>A rule starts a GitHub Actions workflow or a GitLab pipeline when an event matches. For example:</p>
            <ul className="mt-2 space-y-1 text-left">
              <li>
                <span className="font-medium text-slate-700">Eval on PR</span>: on <code className="font-mono text-slate-700">github.pull_request.opened</code>, run{" "}
                <code className="font-mono text-slate-700">eval.yml</code> on <code className="font-mono text-slate-700">data.payload.pull_request.head.ref</code> with input pr ={" "}
                <code className="font-mono text-slate-700">string(data.payload.number)</code>.
              </li>
              <li>
                <span className="font-medium text-slate-700">Smoke test after deploy</span>: on <code className="font-mono text-slate-700">deployment.status_changed</code> where{" "}
                <code className="font-mono text-slate-700">data.status == &quot;success&quot;</code>, run on <code className="font-mono text-slate-700">&quot;main&quot;</code> with input deployment ={" "}
                <code className="font-mono text-slate-700">data.uuid</code>.
              </li>
            </ul>
            <p className="mt-2">{isAdmin ? "Create one with New rule." : "An admin can create one."}</p>
          </EmptyState>
        }
      >
        {(rules) => rules.map((rule) => <RuleRow key={rule.id} rule={rule} canEdit={isAdmin} />)}
      </ItemListCard>
      {isAdmin && adding && <NewRule onDone={() => setAdding(false)} />}
    </div>
  );
}

function NewRule({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const invalidate = useInvalidateRules();
  const create = useMutation(
    trpc.ci.createRule.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  return (
    <Card>
      <CardHeader title="New pipeline rule" description="Which events, on which GitHub or GitLab integration, and what to run there." />
      <div className="px-5 py-5">
        <PipelineRuleForm
          label="New pipeline rule"
          initial={EMPTY_DRAFT}
          submitLabel="Create rule"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate({ dataspace: slug, ...input })}
          onCancel={onDone}
        />
      </div>
    </Card>
  );
}

function RuleRow({ rule, canEdit }: { rule: PipelineRule; canEdit: boolean }) {
  return (
    <EditableItem
      name={rule.name}
      canEdit={canEdit}
      heading={
        <>
          <span className="text-sm font-semibold text-slate-900">{rule.name}</span>
          <Badge tone="indigo">{platformLabel(rule.platform)}</Badge>
          <span className="text-sm text-slate-600">{rule.integrationName}</span>
          {rule.isActive ? <Badge tone="emerald">Active</Badge> : <Badge>Inactive</Badge>}
        </>
      }
      actions={<DeleteRule rule={rule} />}
      editor={(done) => <EditRule rule={rule} onDone={done} />}
    >
      <ExpressionDetails>
        <ExpressionDetail term="Events">{rule.events.join(", ")}</ExpressionDetail>
        <ExpressionDetail term="Filter" none="none, every event">
          {rule.filter}
        </ExpressionDetail>
        {rule.platform === "GITHUB" && <ExpressionDetail term="Workflow">{rule.workflow}</ExpressionDetail>}
        <ExpressionDetail term="Ref">{rule.ref}</ExpressionDetail>
        <ExpressionDetail term={rule.platform === "GITLAB" ? "Variables" : "Inputs"} none="none">
          {expressionsText(rule.inputs)}
        </ExpressionDetail>
      </ExpressionDetails>
      <RuleRuns rule={rule} />
    </EditableItem>
  );
}

function RuleRuns({ rule }: { rule: PipelineRule }) {
  const runs = usePipelineRuns({ ruleId: rule.id, limit: RUNS_SHOWN });
  return (
    <div className="mt-3">
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Last runs</h3>
      {runs.isPending ? (
        <p className="mt-1 text-sm text-slate-400">Loading…</p>
      ) : runs.isError ? (
        <p className="mt-1 text-sm text-red-600">Could not load the runs: {errorMessage(runs.error)}</p>
      ) : runs.data.length === 0 ? (
        <p className="mt-1 text-sm text-slate-400">No runs yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={`Runs of ${rule.name}`}>
          <RunItems runs={runs.data} show="subject" />
        </ul>
      )}
    </div>
  );
}

function EditRule({ rule, onDone }: { rule: PipelineRule; onDone: () => void }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const invalidate = useInvalidateRules();
  const update = useMutation(
    trpc.ci.updateRule.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  return (
    <PipelineRuleForm
      label={`Edit ${rule.name}`}
      initial={draftOf(rule)}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      onSubmit={(patch) => update.mutate({ dataspace: slug, id: rule.id, patch })}
      onCancel={onDone}
    />
  );
}

function DeleteRule({ rule }: { rule: PipelineRule }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const invalidate = useInvalidateRules();
  const remove = useMutation(trpc.ci.deleteRule.mutationOptions({ onSettled: invalidate }));
  return (
    <DeleteButton name={rule.name} pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate({ dataspace: slug, id: rule.id })}>
      Delete {rule.name}? Its runs are deleted with it; runs already started on {platformLabel(rule.platform)} go on there.
    </DeleteButton>
  );
}

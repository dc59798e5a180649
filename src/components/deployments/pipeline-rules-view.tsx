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
      <Card>
        <CardHeader
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
        />
        {list.isPending ? (
          <SkeletonRows rows={3} label="Loading pipeline rules" />
        ) : list.isError ? (
          <ErrorAlert className="m-4">Could not load pipeline rules: {errorMessage(list.error)}</ErrorAlert>
        ) : list.data.length === 0 ? (
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
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Pipeline rules">
            {list.data.map((rule) => (
              <RuleRow key={rule.id} rule={rule} canEdit={isAdmin} />
            ))}
          </ul>
        )}
      </Card>
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
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="px-5 py-5">
        <EditRule rule={rule} onDone={() => setEditing(false)} />
      </li>
    );
  }
  const inputs = Object.entries(rule.inputs);
  return (
    <li className="px-5 py-4" aria-label={rule.name}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-900">{rule.name}</span>
        <Badge tone="indigo">{platformLabel(rule.platform)}</Badge>
        <span className="text-sm text-slate-600">{rule.integrationName}</span>
        {rule.isActive ? <Badge tone="emerald">Active</Badge> : <Badge>Inactive</Badge>}
        {canEdit && (
          <div className="ml-auto flex items-start gap-2">
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${rule.name}`}>
              Edit
            </Button>
            <DeleteRule rule={rule} />
          </div>
        )}
      </div>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">
        <Detail term="Events">{rule.events.join(", ")}</Detail>
        <Detail term="Filter">{rule.filter || <span className="font-sans text-slate-400">none, every event</span>}</Detail>
        {rule.platform === "GITHUB" && <Detail term="Workflow">{rule.workflow}</Detail>}
        <Detail term="Ref">{rule.ref}</Detail>
        <Detail term={rule.platform === "GITLAB" ? "Variables" : "Inputs"}>
          {inputs.length ? inputs.map(([name, expression]) => `${name} = ${expression}`).join(" · ") : <span className="font-sans text-slate-400">none</span>}
        </Detail>
      </dl>
      <RuleRuns rule={rule} />
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
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(trpc.ci.deleteRule.mutationOptions({ onSettled: invalidate }));
  if (!confirming) {
    return (
      <Button variant="danger" size="sm" onClick={() => setConfirming(true)} aria-label={`Delete ${rule.name}`}>
        Delete
      </Button>
    );
  }
  return (
    <div>
      <Confirm
        label={`Confirm delete ${rule.name}`}
        onBack={() => setConfirming(false)}
        verb="delete"
        danger
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ dataspace: slug, id: rule.id })}
      >
        Delete {rule.name}? Its runs are deleted with it; runs already started on {platformLabel(rule.platform)} go on there.
      </Confirm>
      <ErrorAlert className="mt-2 max-w-md">{remove.error ? errorMessage(remove.error) : null}</ErrorAlert>
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ExpressionHelp } from "@/components/expressions/expression-help";
import { ExpressionRows } from "@/components/expressions/expression-rows";
import { useRowCheck } from "@/components/expressions/rows";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { useDraft, type DraftFormProps } from "@/components/ui/draft-form";
import { CheckboxField, CodeField, SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { INPUT_MESSAGES, inputOf, isPlatform, MAX_INPUTS, platformLabel, ruleErrors, type PipelineRuleInput, type Platform, type RuleDraft } from "./pipeline-rule-input";

/** A pipeline rule to create or edit: which events, on which GitHub or GitLab integration, and what to run there. */
export function PipelineRuleForm({ initial, submitLabel, pending, error, onSubmit, onCancel, label }: DraftFormProps<RuleDraft, PipelineRuleInput>) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  // Listing integrations is admin-only, as is this form.
  const integrations = useQuery(trpc.integration.list.queryOptions({ dataspace: slug }));
  const platforms = (integrations.data ?? []).flatMap((i) => (isPlatform(i.type) ? [{ id: i.id, name: i.name, platform: i.type, isActive: i.isActive }] : []));
  const { draft, set } = useDraft(initial);
  const inputCheck = useRowCheck(INPUT_MESSAGES);
  const platform = platforms.find((i) => i.id === draft.integrationId)?.platform;
  const server = ruleErrors(error);
  const errors = server.fields;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (inputCheck.check(draft.inputs)) onSubmit(inputOf(draft, platform));
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-5" aria-label={label}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" value={draft.name} onChange={(e) => set("name", e.target.value)} error={errors.name} maxLength={100} autoComplete="off" placeholder="Smoke test after deploy" />
        <SelectField
          label="Integration"
          name="integrationId"
          value={draft.integrationId}
          onChange={(e) => set("integrationId", e.target.value)}
          error={errors.integrationId}
          hint="The GitHub or GitLab integration whose repository or project runs it, with its token."
        >
          <option value="">{integrations.isPending ? "Loading integrations…" : "Choose an integration"}</option>
          {platforms.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} ({platformLabel(i.platform)}){i.isActive ? "" : " — inactive"}
            </option>
          ))}
        </SelectField>
      </div>
      {integrations.isError && <ErrorAlert>Could not load the integrations: {errorMessage(integrations.error)}</ErrorAlert>}
      {integrations.isSuccess && platforms.length === 0 && (
        <Notice>
          A pipeline rule runs on a GitHub or GitLab integration, with a token allowed to start workflows or pipelines; this dataspace has none yet.{" "}
          <Link href={`/d/${slug}/integrations/new`} className="font-medium text-indigo-700 hover:underline">
            Add an integration
          </Link>
        </Notice>
      )}
      <CodeField
        label="Events"
        name="events"
        rows={2}
        value={draft.events}
        onChange={(e) => set("events", e.target.value)}
        error={errors.events}
        placeholder="deployment.status_changed"
        hint={
          <>
            Event types or patterns, separated by commas or lines: <code>github.pull_request.opened</code>, <code>deployment.status_changed</code>, <code>deployment.*</code>.
          </>
        }
      />
      <CodeField
        label="Filter"
        name="filter"
        rows={2}
        value={draft.filter}
        onChange={(e) => set("filter", e.target.value)}
        error={errors.filter}
        placeholder='data.status == "success"'
        hint="Optional. A condition in the webhook filter language; only the events for which it is true start a run."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Workflow"
          name="workflow"
          className="[&_input]:font-mono"
          value={platform === "GITLAB" ? "" : draft.workflow}
          onChange={(e) => set("workflow", e.target.value)}
          disabled={platform === "GITLAB"}
          error={errors.workflow}
          maxLength={255}
          spellCheck={false}
          autoComplete="off"
          placeholder={platform === "GITLAB" ? "" : "eval.yml"}
          hint={
            platform === "GITLAB" ? (
              <>GitLab runs the project&apos;s pipeline (its <code>.gitlab-ci.yml</code>) on the ref: no workflow to name.</>
            ) : (
              <>
                GitHub: the workflow&apos;s file name (e.g. <code>eval.yml</code>) or its id; it needs a <code>workflow_dispatch</code> trigger. Left empty for GitLab.
              </>
            )
          }
        />
        <TextField
          label="Ref"
          name="ref"
          className="[&_input]:font-mono"
          value={draft.ref}
          onChange={(e) => set("ref", e.target.value)}
          error={errors.ref}
          maxLength={2000}
          spellCheck={false}
          autoComplete="off"
          placeholder='"main"'
          hint={
            <>
              The branch or tag to run on, as an expression: a branch as quoted text, <code>&quot;main&quot;</code>, or e.g. <code>data.payload.pull_request.head.ref</code>.
            </>
          }
        />
      </div>
      <ExpressionRows
        legend="Inputs"
        description={<InputsDescription platform={platform} />}
        noun="input"
        max={MAX_INPUTS}
        name={{ placeholder: "deployment", maxLength: 100, code: true }}
        expressionPlaceholder="data.uuid"
        rows={draft.inputs}
        onChange={(rows) => set("inputs", rows)}
        localErrors={inputCheck.errors}
        serverErrors={server.rows}
        error={errors.inputs}
      />
      <CheckboxField label="Active" checked={draft.isActive} onChange={(e) => set("isActive", e.target.checked)} hint="An inactive rule keeps its runs but starts no new ones." error={errors.isActive} />
      <ExpressionHelp
        examples={[
          "Eval on PR: github.pull_request.opened · ref data.payload.pull_request.head.ref · pr = string(data.payload.number)",
          'Smoke test after deploy: deployment.status_changed · filter data.status == "success" · ref "main" · deployment = data.uuid',
        ]}
        note="Everything is checked on save, each message under its field. Each matching event starts one run."
      >
        Filter, ref and inputs are CEL expressions, as in webhook filters, over <code>event</code> (<code>event.type</code>, <code>event.id</code>,{" "}
        <code>event.timestamp</code>) and <code>data</code>, the event&apos;s payload: a deployment&apos;s events carry the deployment (<code>data.uuid</code>,{" "}
        <code>data.environment</code>, <code>data.status</code>, …); for events received from GitHub and GitLab the provider&apos;s own payload is{" "}
        <code>data.payload</code>. For example:
      </ExpressionHelp>
      <FormActions error={server.general} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

/** What an input becomes on the chosen platform, or on either while none is chosen. */
function InputsDescription({ platform }: { platform: Platform | undefined }) {
  return (
    <>
      Optional, at most {MAX_INPUTS}. Each is a CEL expression giving text,{" "}
      {platform === "GITLAB" ? (
        <>passed to the pipeline as a variable of that name.</>
      ) : platform === "GITHUB" ? (
        <>
          passed to the workflow as an input its <code>workflow_dispatch</code> trigger declares (GitHub refuses others).
        </>
      ) : (
        <>
          a workflow input on GitHub (as its <code>workflow_dispatch</code> declares them), a pipeline variable on GitLab.
        </>
      )}
    </>
  );
}

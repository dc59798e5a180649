"use client";

import type { FormEvent } from "react";
import { ExpressionHelp } from "@/components/expressions/expression-help";
import { ExpressionRows } from "@/components/expressions/expression-rows";
import { useRowCheck } from "@/components/expressions/rows";
import { useDraft, type DraftFormProps } from "@/components/ui/draft-form";
import { CheckboxField, CodeField, SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { inputOf, KINDS, MAX_TAGS, mappingErrors, TAG_MESSAGES, type MappingDraft, type MappingInput, type MappingKind } from "./mapping-input";
import { TryMapping } from "./try-mapping";

/** A custom metric mapping to create or edit: which events, the value and tags each records, and a try on an example event. */
export function MappingForm({ initial, submitLabel, pending, error, onSubmit, onCancel, label }: DraftFormProps<MappingDraft, MappingInput>) {
  const { draft, set } = useDraft(initial);
  const tagCheck = useRowCheck(TAG_MESSAGES);
  const server = mappingErrors(error);
  const errors = server.fields;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (tagCheck.check(draft.tags)) onSubmit(inputOf(draft));
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <form method="post" onSubmit={submit} noValidate className="space-y-5" aria-label={label}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            value={draft.name}
            onChange={(e) => set("name", e.target.value)}
            error={errors.name}
            maxLength={100}
            autoComplete="off"
            placeholder="ci.duration_seconds"
            hint={<>Recorded as <code className="font-mono">custom.{draft.name.trim() || "<name>"}</code>: lower-case letters, digits and _, dots between parts.</>}
          />
          <TextField label="Description" name="description" value={draft.description} onChange={(e) => set("description", e.target.value)} error={errors.description} maxLength={500} placeholder="How long CI workflows take" />
        </div>
        <CodeField
          label="Events"
          name="events"
          rows={2}
          value={draft.events}
          onChange={(e) => set("events", e.target.value)}
          error={errors.events}
          placeholder="github.workflow_run.completed"
          hint={<>Event types or patterns, separated by commas or lines: <code>request.added</code>, <code>request.*</code>, <code>github.workflow_run.completed</code>.</>}
        />
        <CodeField
          label="Filter"
          name="filter"
          rows={2}
          value={draft.filter}
          onChange={(e) => set("filter", e.target.value)}
          error={errors.filter}
          placeholder='data.payload.workflow_run.conclusion != "skipped"'
          hint="Optional. A condition; only the events for which it is true are recorded."
        />
        <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)_10rem]">
          <SelectField label="Kind" name="kind" value={draft.kind} onChange={(e) => set("kind", e.target.value as MappingKind)} error={errors.kind}>
            {KINDS.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Value"
            name="value"
            className="[&_input]:font-mono"
            value={draft.value}
            onChange={(e) => set("value", e.target.value)}
            error={errors.value}
            spellCheck={false}
            autoComplete="off"
            hint={`A number for each event; 1 counts events. The ${draft.kind} ${KINDS.find((k) => k.value === draft.kind)?.hint}.`}
          />
          <TextField label="Unit" name="unit" value={draft.unit} onChange={(e) => set("unit", e.target.value)} error={errors.unit} maxLength={30} placeholder="seconds" />
        </div>
        <ExpressionRows
          legend="Tags"
          description={`Optional, at most ${MAX_TAGS}. Each observation is recorded per tag set, so keep values few (a repository, a branch, a status — not an id).`}
          noun="tag"
          max={MAX_TAGS}
          name={{ placeholder: "repo", maxLength: 50 }}
          expressionPlaceholder="data.payload.repository.full_name"
          rows={draft.tags}
          onChange={(tags) => set("tags", tags)}
          localErrors={tagCheck.errors}
          serverErrors={server.rows}
          error={errors.tags}
        />
        <CheckboxField label="Active" checked={draft.isActive} onChange={(e) => set("isActive", e.target.checked)} hint="An inactive mapping keeps its figures but records nothing new." error={errors.isActive} />
        <ExpressionHelp
          examples={[
            "value: (timestamp(data.payload.workflow_run.updated_at) - timestamp(data.payload.workflow_run.run_started_at)).getSeconds()",
            "repo: data.payload.repository.full_name · branch: data.payload.workflow_run.head_branch · conclusion: data.payload.workflow_run.conclusion",
          ]}
          note='An event whose value is not a number records nothing; a tag with no value for an event is recorded as "none".'
        >
          Filter, value and tags are CEL expressions, as in webhook filters, over <code>event</code> (<code>event.type</code>, <code>event.id</code>,{" "}
          <code>event.timestamp</code>) and <code>data</code>, the event&apos;s payload. For events received from GitHub, GitLab and the other providers the
          provider&apos;s own payload is <code>data.payload</code>. For example, on <code>github.workflow_run.completed</code>:
        </ExpressionHelp>
        <FormActions error={server.general} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
      </form>
      <TryMapping mapping={inputOf(draft)} />
    </div>
  );
}

"use client";

import { useState, type FormEvent } from "react";
import { CheckboxField, CodeField, SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { inputOf, KINDS, localTagErrors, mappingErrors, tagRow, type MappingDraft, type MappingInput, type MappingKind } from "./mapping-input";
import { MappingTags } from "./mapping-tags";
import { TryMapping } from "./try-mapping";

type Props = {
  initial: MappingDraft;
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: filed under the fields it names, the rest above the buttons. */
  error: unknown;
  onSubmit: (input: MappingInput) => void;
  onCancel?: () => void;
  label: string;
};

/** A custom metric mapping to create or edit: which events, the value and tags each records, and a try on an example event. */
export function MappingForm({ initial, submitLabel, pending, error, onSubmit, onCancel, label }: Props) {
  const [draft, setDraft] = useState(initial);
  const [tagErrors, setTagErrors] = useState<Record<number, string>>({});
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => setDraft((prev) => ({ ...prev, [key]: value }));
  const server = mappingErrors(error);
  const errors = server.fields;

  function submit(event: FormEvent) {
    event.preventDefault();
    const local = localTagErrors(draft);
    setTagErrors(local);
    if (Object.keys(local).length === 0) onSubmit(inputOf(draft));
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
        <MappingTags
          rows={draft.tags}
          onChange={(tags) => set("tags", tags)}
          onAdd={() => set("tags", [...draft.tags, tagRow()])}
          localErrors={tagErrors}
          serverErrors={server.tags}
          error={errors.tags}
        />
        <CheckboxField label="Active" checked={draft.isActive} onChange={(e) => set("isActive", e.target.checked)} hint="An inactive mapping keeps its figures but records nothing new." error={errors.isActive} />
        <ExpressionHelp />
        <FormActions error={server.general} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
      </form>
      <TryMapping mapping={inputOf(draft)} />
    </div>
  );
}

function ExpressionHelp() {
  return (
    <div className="rounded-md bg-slate-50 px-4 py-3 text-xs leading-5 text-slate-600 ring-1 ring-slate-200">
      <p className="font-medium text-slate-700">Expressions</p>
      <p>
        Filter, value and tags are CEL expressions, as in webhook filters, over <code>event</code> (<code>event.type</code>, <code>event.id</code>,{" "}
        <code>event.timestamp</code>) and <code>data</code>, the event&apos;s payload. For events received from GitHub, GitLab and the other providers the
        provider&apos;s own payload is <code>data.payload</code>. For example, on <code>github.workflow_run.completed</code>:
      </p>
      <ul className="mt-1 list-disc pl-5 font-mono">
        <li>value: (timestamp(data.payload.workflow_run.updated_at) - timestamp(data.payload.workflow_run.run_started_at)).getSeconds()</li>
        <li>repo: data.payload.repository.full_name · branch: data.payload.workflow_run.head_branch · conclusion: data.payload.workflow_run.conclusion</li>
      </ul>
      <p className="mt-1">An event whose value is not a number records nothing; a tag with no value for an event is recorded as &quot;none&quot;.</p>
    </div>
  );
}

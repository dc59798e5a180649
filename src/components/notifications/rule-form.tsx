"use client";

import { useState, type FormEvent } from "react";
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { DestinationFields } from "./destination-fields";
import { EventTypesField } from "./event-types-field";
import { FormSection } from "./form-section";
import { ruleFormErrors } from "./rule-errors";
import { inputFromValues, type RuleFormField, type RuleFormValues, type RuleInput } from "./rule-input";
import { TimingFields } from "./timing-fields";
import type { NotifierIntegration } from "./use-notifier-integrations";

type Props = {
  initial: RuleFormValues;
  integrations: NotifierIntegration[];
  catalog: { type: string; description: string }[];
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: its field errors go by the fields, the rest above the buttons. */
  error: unknown;
  onSubmit: (input: RuleInput) => void;
  onCancel: () => void;
};

/** A notification rule's settings, for a new rule and for editing one. */
export function RuleForm({ initial, integrations, catalog, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Partial<Record<RuleFormField, string>>>({});
  const server = ruleFormErrors(error, values.channel);
  const errors = { ...server.fields, ...localErrors };
  const change = (changes: Partial<RuleFormValues>) => setValues((prev) => ({ ...prev, ...changes }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = inputFromValues(values);
    setLocalErrors("errors" in result ? result.errors : {});
    if ("input" in result) onSubmit(result.input);
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-8">
      <FormSection title="Rule">
        <TextField
          label="Name"
          name="name"
          value={values.name}
          onChange={(e) => change({ name: e.target.value })}
          error={errors.name}
          maxLength={200}
          placeholder="Critical alerts to #ops"
          hint="What the rule is for, as the list and the failure notices show it."
        />
        <CheckboxField
          role="switch"
          label="Active"
          name="isActive"
          checked={values.isActive}
          onChange={(e) => change({ isActive: e.target.checked })}
          error={errors.isActive}
          hint="When off, the rule makes no messages; events meanwhile are not sent later."
        />
      </FormSection>

      <FormSection title="Events" description="Which of the dataspace's events make a message.">
        <EventTypesField
          events={values.events}
          filter={values.filter}
          onEventsChange={(events) => change({ events })}
          onFilterChange={(filter) => change({ filter })}
          errors={errors}
          catalog={catalog}
        />
      </FormSection>

      <FormSection title="Destination">
        <DestinationFields values={values} onChange={change} errors={errors} integrations={integrations} />
      </FormSection>

      <FormSection title="Message" description="Left empty, each event type has its own message (Block Kit for Slack, an Adaptive Card for Teams, HTML and text for email).">
        <TextField
          label="Title"
          name="templateTitle"
          value={values.templateTitle}
          onChange={(e) => change({ templateTitle: e.target.value })}
          error={errors.templateTitle}
          maxLength={300}
          placeholder="{{ data.severity }}: {{ data.title }}"
          autoComplete="off"
        />
        <TextAreaField
          label="Text"
          name="templateText"
          rows={3}
          value={values.templateText}
          onChange={(e) => change({ templateText: e.target.value })}
          error={errors.templateText}
          maxLength={3000}
          hint={
            <>
              Placeholders are filled in from the event, and nothing in them is run: <code>{"{{ data.title }}"}</code>,{" "}
              <code>{"{{ data.service.name }}"}</code>, <code>{"{{ event.type }}"}</code>. The event types&apos; fields are in the API
              reference.
            </>
          }
        />
      </FormSection>

      <FormSection title="Timing">
        <TimingFields values={values} onChange={change} errors={errors} />
      </FormSection>

      <FormActions error={server.general} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

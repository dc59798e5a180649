"use client";

import { useState, type FormEvent } from "react";
import type { IncidentSeverity, IncidentStatus } from "@/generated/prisma/enums";
import { ErrorAlert } from "@/components/ui/alert";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { OPEN_STATUSES, SEVERITIES, SEVERITY_LABELS, STATUS_HINTS, STATUS_LABELS } from "./labels";
import { serviceErrorsOf, ServicesPicker, type AffectedService, type ServiceOption } from "./services-picker";

export type IncidentFieldValues = { title: string; severity: IncidentSeverity; services: AffectedService[] };
export type DeclareValues = IncidentFieldValues & { status: Exclude<IncidentStatus, "resolved">; message: string };

type Common = {
  serviceOptions: ServiceOption[];
  servicesLoading?: boolean;
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: field errors go under their fields, the rest above the buttons. */
  error: unknown;
  onCancel?: () => void;
};

/**
 * Declaring an incident (`mode: "declare"`: title, severity, the status it starts in, the first
 * update and the affected services) or editing one (`mode: "edit"`: title, severity, services —
 * its status moves through timeline updates).
 */
export function IncidentForm(
  props: Common &
    ({ mode: "declare"; initial: DeclareValues; onSubmit: (values: DeclareValues) => void } | { mode: "edit"; initial: IncidentFieldValues; onSubmit: (values: IncidentFieldValues) => void }),
) {
  const declaring = props.mode === "declare";
  const [title, setTitle] = useState(props.initial.title);
  const [severity, setSeverity] = useState(props.initial.severity);
  const [services, setServices] = useState(props.initial.services);
  const [status, setStatus] = useState<DeclareValues["status"]>(props.mode === "declare" ? props.initial.status : "investigating");
  const [message, setMessage] = useState(props.mode === "declare" ? props.initial.message : "");

  const errors = fieldErrorsOf(props.error);
  const serviceErrors = serviceErrorsOf(props.error);
  const known = ["title", "severity", "status", "message", "services", "requestId"];
  const generalError = props.error && !Object.keys(errors).some((field) => known.includes(field)) ? errorMessage(props.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (props.mode === "declare") props.onSubmit({ title, severity, services, status, message });
    else props.onSubmit({ title, severity, services });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <TextField
        label="Title"
        name="title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.title}
        autoComplete="off"
        maxLength={300}
        hint="What users notice, e.g. “Checkout fails for card payments”."
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField label="Severity" name="severity" value={severity} onChange={(e) => setSeverity(e.target.value as IncidentSeverity)} error={errors.severity}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>
          ))}
        </SelectField>
        {declaring && (
          <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as DeclareValues["status"])} error={errors.status} hint={STATUS_HINTS[status]}>
            {OPEN_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </SelectField>
        )}
      </div>
      {declaring && (
        <TextAreaField
          label="First update"
          name="message"
          rows={4}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={errors.message}
          hint="What is happening and what you are doing about it: the first entry of the timeline."
        />
      )}
      <div>
        <ServicesPicker options={props.serviceOptions} loading={props.servicesLoading} value={services} onChange={setServices} errors={serviceErrors.entries} />
        {serviceErrors.general && Object.keys(serviceErrors.entries).length === 0 && <ErrorAlert className="mt-2">{serviceErrors.general}</ErrorAlert>}
      </div>
      {declaring && errors.requestId && <ErrorAlert>Linked request: {errors.requestId}</ErrorAlert>}
      <FormActions error={generalError} pending={props.pending} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  );
}

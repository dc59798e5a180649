"use client";

import { useState, type FormEvent } from "react";
import type { RequestPriority, RequestStatus } from "@/generated/prisma/enums";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { CustomFieldsEditor, rowsFromData, rowsToData, type CustomFieldRow } from "./custom-fields";
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from "./labels";

type Scalar = string | number | boolean | null;

/** What the API takes for a request (create input, or the full patch of an update). */
export type RequestValues = {
  title: string;
  status: RequestStatus;
  priority: RequestPriority;
  assigneeId: string | null;
  notes: string;
  productContext: string | null;
  ccEmails: string[];
  isPrivate: boolean;
  serializedData: Record<string, Scalar>;
};

export const EMPTY_REQUEST: RequestValues = {
  title: "",
  status: "open",
  priority: "normal",
  assigneeId: null,
  notes: "",
  productContext: null,
  ccEmails: [],
  isPrivate: false,
  serializedData: {},
};

type Member = { id: string; email: string; name: string | null };

type Props = {
  initial: RequestValues;
  members: Member[];
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: its field errors go under the fields, the rest above the buttons. */
  error: unknown;
  onSubmit: (values: RequestValues) => void;
  onCancel?: () => void;
};

function splitEmails(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

export function RequestForm({ initial, members, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [title, setTitle] = useState(initial.title);
  const [status, setStatus] = useState(initial.status);
  const [priority, setPriority] = useState(initial.priority);
  const [assigneeId, setAssigneeId] = useState(initial.assigneeId ?? "");
  const [notes, setNotes] = useState(initial.notes);
  const [productContext, setProductContext] = useState(initial.productContext ?? "");
  const [cc, setCc] = useState(initial.ccEmails.join(", "));
  const [isPrivate, setIsPrivate] = useState(initial.isPrivate);
  const [rows, setRows] = useState<CustomFieldRow[]>(() => rowsFromData(initial.serializedData));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const serverErrors = fieldErrorsOf(error);
  const errors = { ...serverErrors, ...localErrors };
  const ccEmails = splitEmails(cc);
  // The API reports a bad address by its index (ccEmails.2); name the address instead.
  const ccIndex = Object.keys((error as { data?: { fieldErrors?: Record<string, string[]> } } | null)?.data?.fieldErrors ?? {})
    .map((path) => /(?:^|\.)ccEmails\.(\d+)$/.exec(path)?.[1])
    .find((i) => i !== undefined);
  const ccError = ccIndex !== undefined && ccEmails[Number(ccIndex)] ? `“${ccEmails[Number(ccIndex)]}” is not a valid email address` : errors.ccEmails;
  const generalError = error && Object.keys(serverErrors).length === 0 ? errorMessage(error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const custom = rowsToData(rows, initial.serializedData);
    if ("error" in custom) {
      setLocalErrors({ serializedData: custom.error });
      return;
    }
    setLocalErrors({});
    onSubmit({
      title,
      status,
      priority,
      assigneeId: assigneeId || null,
      notes,
      productContext: productContext.trim() || null,
      ccEmails,
      isPrivate,
      serializedData: custom.data,
    });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <TextField label="Title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} autoComplete="off" maxLength={300} />
      <div className="grid gap-6 sm:grid-cols-3">
        <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as RequestStatus)} error={errors.status}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </SelectField>
        <SelectField label="Priority" name="priority" value={priority} onChange={(e) => setPriority(e.target.value as RequestPriority)} error={errors.priority}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>{PRIORITY_LABELS[p]}</option>
          ))}
        </SelectField>
        <SelectField label="Assignee" name="assigneeId" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} error={errors.assigneeId}>
          <option value="">Unassigned</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>{m.name ? `${m.name} (${m.email})` : m.email}</option>
          ))}
        </SelectField>
      </div>
      <TextAreaField label="Notes" name="notes" rows={6} value={notes} onChange={(e) => setNotes(e.target.value)} error={errors.notes} hint="What is needed, and why." />
      <div className="grid gap-6 sm:grid-cols-2">
        <TextField
          label="Product context"
          name="productContext"
          value={productContext}
          onChange={(e) => setProductContext(e.target.value)}
          error={errors.productContext}
          hint="The product or component this is about."
        />
        <TextField
          label="CC emails"
          name="ccEmails"
          value={cc}
          onChange={(e) => setCc(e.target.value)}
          error={ccError}
          hint="Comma separated, e.g. ana@example.com, bo@example.com"
          autoComplete="off"
        />
      </div>
      <CustomFieldsEditor rows={rows} onChange={setRows} error={errors.serializedData} />
      <CheckboxField
        label="Private"
        name="isPrivate"
        checked={isPrivate}
        onChange={(e) => setIsPrivate(e.target.checked)}
        error={errors.isPrivate}
        hint="Only the requester, the assignee and admins can see a private request."
      />
      <FormActions error={generalError} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

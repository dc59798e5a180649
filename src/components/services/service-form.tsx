"use client";

import { useState, type FormEvent } from "react";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { SERVICE_STATUSES, SERVICE_STATUS_LABELS } from "./labels";

/** What the API takes for a service (create input; an update sends the fields that changed, without status). */
export type ServiceValues = {
  name: string;
  description: string;
  group: string | null;
  ownerId: string | null;
  status: ServiceStatus;
};

export const EMPTY_SERVICE: ServiceValues = { name: "", description: "", group: null, ownerId: null, status: "operational" };

type Member = { id: string; email: string; name: string | null };

type Props = {
  initial: ServiceValues;
  members: Member[];
  /** Group names already in use, offered as suggestions. */
  groups: string[];
  /** The status is chosen here only when creating; afterwards it has its own selector. */
  withStatus: boolean;
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: its field errors go under the fields, the rest above the buttons. */
  error: unknown;
  onSubmit: (values: ServiceValues) => void;
  onCancel?: () => void;
};

export function ServiceForm({ initial, members, groups, withStatus, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [group, setGroup] = useState(initial.group ?? "");
  const [ownerId, setOwnerId] = useState(initial.ownerId ?? "");
  const [status, setStatus] = useState(initial.status);
  const [nameError, setNameError] = useState<string | null>(null);

  const errors = fieldErrorsOf(error);
  const generalError = error && Object.keys(errors).length === 0 ? errorMessage(error) : null;
  // An owner who left the dataspace is still shown, so saving other fields does not drop them silently.
  const ownerMissing = initial.ownerId !== null && !members.some((m) => m.id === initial.ownerId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError("Name is required");
      return;
    }
    setNameError(null);
    onSubmit({ name: name.trim(), description: description.trim(), group: group.trim() || null, ownerId: ownerId || null, status });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameError ?? errors.name}
        hint="As the status page shows it, e.g. Checkout API. Unique in this dataspace."
        autoComplete="off"
        maxLength={100}
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <TextField
          label="Group"
          name="group"
          value={group}
          onChange={(e) => setGroup(e.target.value)}
          error={errors.group}
          hint="Services of one group are shown together, e.g. API or Web. Leave empty for none."
          autoComplete="off"
          maxLength={100}
          list="service-groups"
        />
        <datalist id="service-groups">
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
        <SelectField label="Owner" name="ownerId" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={errors.ownerId} hint="The member who answers for it.">
          <option value="">Nobody</option>
          {ownerMissing && <option value={initial.ownerId!}>A former member</option>}
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name ? `${m.name} (${m.email})` : m.email}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField label="Description" name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} maxLength={2000} />
      {withStatus && (
        <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as ServiceStatus)} error={errors.status} className="sm:w-1/2">
          {SERVICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SERVICE_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      )}
      <FormActions error={generalError} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

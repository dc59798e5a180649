"use client";

import { useEffect, useState, type FormEvent } from "react";
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { fromLocalInput, toLocalInput } from "./labels";

export type MaintenanceValues = { title: string; description: string; scheduledStart: Date; scheduledEnd: Date; serviceIds: string[] };

type Service = { id: string; name: string; group: string | null };

type Props = {
  initial: MaintenanceValues | null;
  services: Service[];
  /** What the window's status lets change: a window in progress keeps its start and services. */
  locked?: { start: boolean; services: boolean };
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: MaintenanceValues) => void;
  onCancel?: () => void;
};

const HOUR = 3_600_000;

/** The next whole hour, and the one after: a sensible first window. */
function defaultTimes(): [Date, Date] {
  const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
  return [start, new Date(start.getTime() + HOUR)];
}

export function MaintenanceForm({ initial, services, locked, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [title, setTitle] = useState(initial?.title ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  // Times are shown in the browser's time zone, which the server cannot know: filled in after mount.
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [zone, setZone] = useState("");
  useEffect(() => {
    const [defaultStart, defaultEnd] = defaultTimes();
    setStart((value) => value || toLocalInput(initial?.scheduledStart ?? defaultStart));
    setEnd((value) => value || toLocalInput(initial?.scheduledEnd ?? defaultEnd));
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [initial]);
  const [selected, setSelected] = useState<string[]>(initial?.serviceIds ?? []);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const serverErrors = fieldErrorsOf(error);
  const errors = { ...serverErrors, ...localErrors };
  const generalError = error && Object.keys(serverErrors).length === 0 ? errorMessage(error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const scheduledStart = fromLocalInput(start);
    const scheduledEnd = fromLocalInput(end);
    const missing: Record<string, string> = {};
    if (!scheduledStart) missing.scheduledStart = "Pick a start date and time";
    if (!scheduledEnd) missing.scheduledEnd = "Pick an end date and time";
    setLocalErrors(missing);
    if (!scheduledStart || !scheduledEnd) return;
    onSubmit({ title, description, scheduledStart, scheduledEnd, serviceIds: selected });
  }

  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current, id] : current.filter((s) => s !== id)));

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <TextField label="Title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} autoComplete="off" maxLength={300} />
      <TextAreaField
        label="Description"
        name="description"
        rows={4}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.description}
        hint="What will be done, and what users will notice."
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <TextField
          label="Starts"
          name="scheduledStart"
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          error={errors.scheduledStart}
          disabled={locked?.start}
          hint={locked?.start ? "The window has started." : `In your time zone${zone ? ` (${zone})` : ""}. The window starts by itself at this time.`}
        />
        <TextField
          label="Ends"
          name="scheduledEnd"
          type="datetime-local"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          error={errors.scheduledEnd}
          hint="It completes by itself at this time."
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Affected services</legend>
        <p className="mt-1 text-xs text-slate-500">
          {locked?.services ? "The window is in progress: its services are under maintenance and stay as they are." : "They show as under maintenance while the window is in progress."}
        </p>
        {services.length === 0 ? (
          <p className="mt-3 text-sm text-slate-400">This dataspace has no services yet.</p>
        ) : (
          <div className="mt-3 grid gap-2 sm:grid-cols-2">
            {services.map((s) => (
              <CheckboxField
                key={s.id}
                label={s.name}
                hint={s.group ?? undefined}
                name="serviceIds"
                value={s.id}
                checked={selected.includes(s.id)}
                disabled={locked?.services}
                onChange={(e) => toggle(s.id, e.target.checked)}
              />
            ))}
          </div>
        )}
        {errors.serviceIds && <p className="mt-2 text-sm text-red-600">{errors.serviceIds}</p>}
      </fieldset>
      <FormActions error={generalError} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

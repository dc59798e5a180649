"use client";

import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import type { RuleFormField, RuleFormValues } from "./rule-input";

type Props = {
  values: RuleFormValues;
  onChange: (changes: Partial<RuleFormValues>) => void;
  errors: Partial<Record<RuleFormField, string>>;
};

/** The zones this browser knows, UTC first; the rule's own zone is kept even if this browser does not list it. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...known])];
}

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** When not to send (quiet hours) and how many a minute at most (the throttle). */
export function TimingFields({ values, onChange, errors }: Props) {
  return (
    <>
      <CheckboxField
        label="Quiet hours"
        name="quietHoursOn"
        checked={values.quietHoursOn}
        // Turned on for the first time: the admin's own zone is the likeliest one.
        onChange={(e) => onChange(e.target.checked && values.quietTimeZone === "UTC" ? { quietHoursOn: true, quietTimeZone: browserTimeZone() } : { quietHoursOn: e.target.checked })}
        hint="Messages due inside these hours wait until they end, then go out."
      />
      {values.quietHoursOn && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="From" name="quietStart" type="time" value={values.quietStart} onChange={(e) => onChange({ quietStart: e.target.value })} error={errors.quietStart} />
          <TextField label="Until" name="quietEnd" type="time" value={values.quietEnd} onChange={(e) => onChange({ quietEnd: e.target.value })} error={errors.quietEnd} />
          <SelectField label="Time zone" name="quietTimeZone" value={values.quietTimeZone} onChange={(e) => onChange({ quietTimeZone: e.target.value })} error={errors.quietTimeZone}>
            {timeZones(values.quietTimeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <TextField
        label="Throttle (messages per minute)"
        name="throttle"
        type="number"
        inputMode="numeric"
        min={1}
        value={values.throttle}
        onChange={(e) => onChange({ throttle: e.target.value })}
        error={errors.throttle}
        className="sm:w-64"
        hint="Optional. At most this many messages a minute; the rest are folded into one digest message a minute, so a storm stays readable."
      />
    </>
  );
}

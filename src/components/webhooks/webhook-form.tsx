"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { CheckboxField, CodeField, SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { FIELDS, FILTER_EXAMPLES, type Field, type WebhookInput } from "./webhook-input";
import { FilterField } from "./filter-field";
import { HELD_LIMIT } from "./labels";

const TEMPLATE_EXAMPLE = '{\n  "text": "{{ data.title }} is now {{ data.status }}",\n  "event": "{{ event.type }}",\n  "target": "{{ hook.target }}"\n}';

type Props = {
  initial: WebhookInput;
  /** The event catalog: one checkbox each; anything else subscribed goes to the patterns field. */
  eventTypes: { type: string; description: string }[];
  editing: boolean;
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: its field errors go under the fields, the rest above the buttons. */
  error: unknown;
  onSubmit: (input: WebhookInput) => void;
  onCancel?: () => void;
};

const pretty = (value: unknown) => (value === null || (typeof value === "object" && Object.keys(value as object).length === 0) ? "" : JSON.stringify(value, null, 2));

/** A JSON object typed into a textarea: empty is null; anything but an object is refused. */
function parseObject(text: string, what: string): { value: Record<string, unknown> | null } | { error: string } {
  if (!text.trim()) return { value: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `${what} is not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: `${what} must be a JSON object, like {"team": "ops"}` };
  return { value: value as Record<string, unknown> };
}

export function WebhookForm({ initial, eventTypes, editing, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const catalog = new Set(eventTypes.map((e) => e.type));
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [checked, setChecked] = useState<string[]>(() => initial.eventTypes.filter((t) => catalog.has(t)));
  const [patterns, setPatterns] = useState(() => initial.eventTypes.filter((t) => !catalog.has(t)).join(", "));
  const [filter, setFilter] = useState(initial.filter ?? "");
  const [isActive, setIsActive] = useState(initial.isActive);
  const [extraPayload, setExtraPayload] = useState(() => pretty(initial.extraPayload));
  const [extraHeaders, setExtraHeaders] = useState(() => pretty(initial.extraHeaders));
  const [template, setTemplate] = useState(initial.payloadTemplate);
  const [customTemplate, setCustomTemplate] = useState(initial.customTemplate ?? "");
  const [retryClientErrors, setRetryClientErrors] = useState(initial.retryClientErrors);
  const [rateLimit, setRateLimit] = useState(initial.rateLimitPerSecond === null ? "" : String(initial.rateLimitPerSecond));
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});

  const serverErrors = fieldErrorsOf(error);
  const errors: Partial<Record<string, string>> = { ...serverErrors, ...localErrors };
  const shownServerErrors = Object.keys(serverErrors).filter((key) => (FIELDS as string[]).includes(key));
  const generalError = error && shownServerErrors.length === 0 ? errorMessage(error) : null;

  function toggleType(type: string, on: boolean) {
    setChecked((prev) => (on ? [...prev, type] : prev.filter((t) => t !== type)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    const payload = parseObject(extraPayload, "Extra payload");
    if ("error" in payload) local.extraPayload = payload.error;
    const headers = parseObject(extraHeaders, "Extra headers");
    if ("error" in headers) local.extraHeaders = headers.error;
    else if (headers.value && Object.values(headers.value).some((v) => typeof v !== "string")) {
      local.extraHeaders = 'Every header value must be a string, like {"Authorization": "Bearer …"}';
    }
    const limit = rateLimit.trim() === "" ? null : Number(rateLimit);
    if (limit !== null && !Number.isInteger(limit)) local.rateLimitPerSecond = "Enter a whole number of deliveries per second, or leave it empty";
    setLocalErrors(local);
    if (Object.keys(local).length > 0 || "error" in payload || "error" in headers) return;
    const others = patterns
      .split(/[,\s]+/)
      .map((p) => p.trim())
      .filter(Boolean);
    onSubmit({
      url: url.trim(),
      description: description.trim(),
      // Deduplicated and sorted as the server stores them, so an unchanged selection compares equal.
      eventTypes: [...new Set([...checked, ...others])].sort(),
      filter: filter.trim() || null,
      isActive,
      extraPayload: payload.value,
      extraHeaders: (headers.value ?? {}) as Record<string, string>,
      payloadTemplate: template,
      customTemplate: template === "CUSTOM" ? customTemplate : null,
      retryClientErrors,
      rateLimitPerSecond: limit,
    });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-8">
      <Section title="Target">
        <TextField
          label="Target URL"
          name="url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          placeholder="https://hooks.example.com/switchboard"
          autoComplete="off"
          hint="Where deliveries are POSTed. HTTPS, unless this dataspace allows plain HTTP in Settings."
        />
        <TextField
          label="Description"
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
          maxLength={500}
          hint="Optional: what receives these events, for whoever reads this list next."
        />
        <CheckboxField
          role="switch"
          label="Active"
          name="isActive"
          checked={isActive}
          onChange={(e) => setIsActive(e.target.checked)}
          error={errors.isActive}
          hint={`When off, deliveries are held (up to ${HELD_LIMIT}) and sent when it is on again.`}
        />
      </Section>

      <Section title="Events">
        <fieldset aria-describedby={errors.eventTypes ? "webhook-event-types-error" : "webhook-event-types-hint"}>
          <legend className="text-sm font-medium text-slate-800">Event types</legend>
          <p id="webhook-event-types-hint" className="mt-0.5 text-xs text-slate-500">
            Which events are sent. Pick from the catalog, add patterns below, or both.
          </p>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {eventTypes.map((e) => (
              <li key={e.type}>
                <CheckboxField
                  label={<span className="font-mono text-xs">{e.type}</span>}
                  hint={e.description}
                  checked={checked.includes(e.type)}
                  onChange={(ev) => toggleType(e.type, ev.target.checked)}
                />
              </li>
            ))}
          </ul>
          {errors.eventTypes && (
            <p id="webhook-event-types-error" className="mt-2 text-sm text-red-600">
              {errors.eventTypes}
            </p>
          )}
        </fieldset>
        <TextField
          label="Event patterns"
          name="eventPatterns"
          value={patterns}
          onChange={(e) => setPatterns(e.target.value)}
          placeholder="request.*"
          autoComplete="off"
          hint={
            <>
              Comma separated. <code>request.*</code> is every request event, <code>*</code> is every event, including types added
              later.
            </>
          }
        />
        <FilterField value={filter} onChange={setFilter} error={errors.filter} examples={FILTER_EXAMPLES} />
      </Section>

      <Section title="Payload">
        <SelectField
          label="Payload template"
          name="payloadTemplate"
          value={template}
          onChange={(e) => setTemplate(e.target.value as WebhookInput["payloadTemplate"])}
          error={errors.payloadTemplate}
          hint={
            template === "DEJACODE" ? (
              <>
                The body is <code>{'{"hook": {"uuid", "event", "target"}, "data": {…}}'}</code>, as DejaCode sends it.
              </>
            ) : (
              "The body is your template, rendered for each event."
            )
          }
        >
          <option value="DEJACODE">DejaCode (default)</option>
          <option value="CUSTOM">Custom template</option>
        </SelectField>
        {template === "CUSTOM" && (
          <CodeField
            label="Template"
            name="customTemplate"
            rows={6}
            value={customTemplate}
            onChange={(e) => setCustomTemplate(e.target.value)}
            error={errors.customTemplate}
            placeholder={TEMPLATE_EXAMPLE}
            hint={
              <>
                A JSON object; placeholders in its strings are filled in from the event: <code>{"{{ data.title }}"}</code>,{" "}
                <code>{"{{ event.type }}"}</code>, <code>{"{{ hook.target }}"}</code>. A string that is only a placeholder takes the
                value as it is (a list stays a list).
              </>
            }
          />
        )}
        <CodeField
          label="Extra payload"
          name="extraPayload"
          rows={Math.max(3, extraPayload.split("\n").length)}
          value={extraPayload}
          onChange={(e) => setExtraPayload(e.target.value)}
          error={errors.extraPayload}
          placeholder='{"team": "ops"}'
          hint="Optional. A JSON object merged into the top of every body."
        />
        <CodeField
          label="Extra headers"
          name="extraHeaders"
          rows={Math.max(3, extraHeaders.split("\n").length)}
          value={extraHeaders}
          onChange={(e) => setExtraHeaders(e.target.value)}
          error={errors.extraHeaders}
          placeholder='{"Authorization": "Bearer …"}'
          hint={
            editing
              ? "A JSON object of header names and values. Values that look like credentials are shown as ***: leave *** as it is to keep the stored value."
              : "Optional. A JSON object of header names and values, sent with every delivery. Signature and hop-by-hop headers cannot be set."
          }
        />
      </Section>

      <Section title="Delivery">
        <CheckboxField
          label="Retry 4xx answers"
          name="retryClientErrors"
          checked={retryClientErrors}
          onChange={(e) => setRetryClientErrors(e.target.checked)}
          error={errors.retryClientErrors}
          hint="Network errors, timeouts, 5xx, 408 and 429 are always retried. Other 4xx answers are final unless this is on."
        />
        <TextField
          label="Rate limit per second"
          name="rateLimitPerSecond"
          type="number"
          inputMode="numeric"
          min={1}
          value={rateLimit}
          onChange={(e) => setRateLimit(e.target.value)}
          error={errors.rateLimitPerSecond}
          className="sm:w-64"
          hint="Optional. At most this many deliveries per second; the rest wait their turn."
        />
      </Section>

      <FormActions error={generalError} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-5">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}


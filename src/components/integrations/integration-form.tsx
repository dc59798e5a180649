"use client";

import { TRPCClientError } from "@trpc/client";
import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckboxField, CodeField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import type { IntegrationType } from "@/generated/prisma/enums";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import type { Integration, IntegrationTypeInfo } from "./labels";

/** What the API takes for an integration (create input, or the full patch of an update). */
export type IntegrationInput = { type: IntegrationType; name: string; config: Record<string, unknown>; isActive: boolean };

/** The form's starting values; the config is JSON text as the textarea holds it. */
export type IntegrationFormValues = { type: IntegrationType | ""; name: string; configText: string; isActive: boolean };

export const EMPTY_INTEGRATION: IntegrationFormValues = { type: "", name: "", configText: "", isActive: true };

export function valuesFromIntegration(integration: Integration): IntegrationFormValues {
  return { type: integration.type, name: integration.name, configText: JSON.stringify(integration.config, null, 2), isActive: integration.isActive };
}

/** The fields of `after` that differ from the integration as loaded: an update sends only what the admin changed. */
export function changedIntegrationFields(before: Integration, after: IntegrationInput): Partial<Omit<IntegrationInput, "type">> {
  const patch: Partial<Omit<IntegrationInput, "type">> = {};
  if (after.name !== before.name) patch.name = after.name;
  if (after.isActive !== before.isActive) patch.isActive = after.isActive;
  if (JSON.stringify(after.config) !== JSON.stringify(before.config)) patch.config = after.config;
  return patch;
}

/**
 * The server's messages about the config, one per wrong field (`config.repository`, …): each
 * already names its field, and a config can have several fields wrong at once.
 */
function configErrorsOf(error: unknown): string[] {
  if (!(error instanceof TRPCClientError)) return [];
  const raw = (error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {};
  return Object.entries(raw)
    .filter(([path]) => path.replace(/^patch\./, "") === "config" || path.replace(/^patch\./, "").startsWith("config."))
    .flatMap(([, messages]) => messages.slice(0, 1)); // the first is the one to fix first ("is required" before "too short")
}

/** A JSON object typed into a textarea; anything else is refused with what is wrong. */
function parseConfig(text: string): { value: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { error: 'Config is required: a JSON object, like {"repository": "owner/name"}' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Config is not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: 'Config must be a JSON object, like {"repository": "owner/name"}' };
  return { value: value as Record<string, unknown> };
}

type Props = {
  initial: IntegrationFormValues;
  /** The registry's types, in picker order; each knows its secret fields. */
  types: IntegrationTypeInfo[];
  /** Editing keeps the type (a config belongs to its type) and shows secrets as "***". */
  editing: boolean;
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: its field errors go under the fields, the rest above the buttons. */
  error: unknown;
  onSubmit: (input: IntegrationInput) => void;
  onCancel?: () => void;
};

export function IntegrationForm({ initial, types, editing, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [type, setType] = useState(initial.type);
  const [name, setName] = useState(initial.name);
  const [configText, setConfigText] = useState(initial.configText);
  // The example for the type picked last: replaced on a type change only while untouched.
  const [example, setExample] = useState(initial.configText);
  const [isActive, setIsActive] = useState(initial.isActive);
  const [localErrors, setLocalErrors] = useState<Partial<Record<"type" | "config", string>>>({});
  const info = types.find((t) => t.type === type);

  const serverErrors = fieldErrorsOf(error);
  const configErrors = localErrors.config ? [localErrors.config] : configErrorsOf(error);
  const typeError = localErrors.type ?? serverErrors.type;
  const known = ["type", "name", "config", "isActive"];
  const generalError = error && !Object.keys(serverErrors).some((key) => known.includes(key)) ? errorMessage(error) : null;

  function pickType(next: IntegrationType) {
    const picked = types.find((t) => t.type === next);
    const nextExample = picked?.exampleConfig ?? "{}";
    if (configText === example) setConfigText(nextExample);
    setExample(nextExample);
    setType(next);
    setLocalErrors((prev) => ({ ...prev, type: undefined }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const local: typeof localErrors = {};
    if (!type) local.type = "Pick the kind of integration";
    const config = parseConfig(configText);
    if ("error" in config) local.config = config.error;
    setLocalErrors(local);
    if (!type || "error" in config) return;
    onSubmit({ type, name: name.trim(), config: config.value, isActive });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-8">
      {!editing && <TypePicker types={types} value={type} onChange={pickType} error={typeError} />}
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={serverErrors.name}
        maxLength={100}
        autoComplete="off"
        placeholder={info ? `e.g. ${info.label} – main repository` : "e.g. GitHub – main repository"}
        hint="How this integration is listed, and the name in its domain events (inbound.<name> for generic webhooks)."
      />
      <div className="space-y-3">
        <CodeField
          label="Config"
          name="config"
          rows={Math.max(6, configText.split("\n").length + 1)}
          value={configText}
          onChange={(e) => setConfigText(e.target.value)}
          error={configErrors}
          placeholder={type ? undefined : "Pick a type first: its example config appears here."}
          hint={
            editing
              ? 'A JSON object. Secrets show as "***": leave "***" to keep a stored secret, or type a new value to replace it.'
              : 'A JSON object. Fill in the empty secrets (""): they are stored encrypted and never shown again, only as "***".'
          }
        />
        {editing || !type || configText === example ? null : (
          <Button variant="ghost" size="sm" onClick={() => setConfigText(example)}>
            Start again from the {info?.label ?? type} example
          </Button>
        )}
        {info && <FieldGuide fields={info.fields} editing={editing} />}
      </div>
      <CheckboxField
        role="switch"
        label="Active"
        name="isActive"
        checked={isActive}
        onChange={(e) => setIsActive(e.target.checked)}
        error={serverErrors.isActive}
        hint="When off, its inbound URL answers 404 and nothing is stored, as if it did not exist."
      />

      <FormActions error={generalError} pending={pending} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function TypePicker({ types, value, onChange, error }: { types: IntegrationTypeInfo[]; value: string; onChange: (type: IntegrationType) => void; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Type</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {types.map((t) => (
          <label
            key={t.type}
            className={cn(
              "flex cursor-pointer items-center gap-2.5 rounded-md px-3 py-2 text-sm ring-1 ring-inset",
              value === t.type ? "bg-indigo-50 font-medium text-indigo-800 ring-indigo-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50",
            )}
          >
            <input type="radio" name="type" value={t.type} checked={value === t.type} onChange={() => onChange(t.type)} className="size-4 accent-indigo-600" />
            {t.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The type's config fields: which are required, which secret, what each is for. */
function FieldGuide({ fields, editing }: { fields: IntegrationTypeInfo["fields"]; editing: boolean }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3">
      <h3 className="text-xs font-medium text-slate-500">Fields</h3>
      <dl className="mt-2 space-y-2 text-sm">
        {fields.map((field) => (
          <div key={field.name}>
            <dt className="flex flex-wrap items-center gap-1.5">
              <code className="font-mono text-xs font-medium text-slate-900">{field.name}</code>
              <Badge tone={field.required ? "indigo" : "slate"}>{field.required ? "Required" : "Optional"}</Badge>
              {field.secret && <Badge tone="amber">Secret</Badge>}
            </dt>
            <dd className="mt-0.5 text-slate-600">
              {field.help}
              {!editing && !field.required && field.secret && (
                <>
                  {" "}
                  Add it as <code className="font-mono text-xs">&quot;{field.name}&quot;: &quot;…&quot;</code> if you need it.
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}


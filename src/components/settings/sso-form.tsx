"use client";

import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";

export type SsoRole = "ADMIN" | "MEMBER" | "VIEWER";

export type SsoFormValues = {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string;
  defaultRole: SsoRole;
  enabled: boolean;
};

export const EMPTY_SSO: SsoFormValues = { name: "", issuer: "", clientId: "", clientSecret: "", allowedDomains: "", defaultRole: "MEMBER", enabled: true };

type Props = {
  initial: SsoFormValues;
  editing: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: SsoFormValues) => void;
  onCancel?: () => void;
};

export function SsoForm({ initial, editing, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof SsoFormValues>(key: K, value: SsoFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errors = fieldErrorsOf(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Connection name" value={values.name} onChange={(e) => set("name", e.target.value)} error={errors.name} placeholder="Acme Okta" />
        <TextField
          label="Issuer URL"
          value={values.issuer}
          onChange={(e) => set("issuer", e.target.value)}
          error={errors.issuer}
          placeholder="https://acme.okta.com"
          hint="We check it serves /.well-known/openid-configuration."
        />
        <TextField label="Client ID" value={values.clientId} onChange={(e) => set("clientId", e.target.value)} error={errors.clientId} autoComplete="off" />
        <TextField
          label="Client secret"
          type="password"
          value={values.clientSecret}
          onChange={(e) => set("clientSecret", e.target.value)}
          error={errors.clientSecret}
          autoComplete="new-password"
          hint={editing ? "Leave empty to keep the current secret." : "Stored encrypted; shown masked afterwards."}
        />
        <TextField
          label="Allowed email domains"
          value={values.allowedDomains}
          onChange={(e) => set("allowedDomains", e.target.value)}
          error={errors.allowedDomains}
          placeholder="acme.com, acme.io"
          hint="Comma separated. People with these addresses sign in through this connection."
        />
        <SelectField label="Default role" value={values.defaultRole} onChange={(e) => set("defaultRole", e.target.value as SsoRole)} error={errors.defaultRole} hint="Given to people joining through SSO.">
          <option value="ADMIN">Admin</option>
          <option value="MEMBER">Member</option>
          <option value="VIEWER">Viewer</option>
        </SelectField>
      </div>
      <CheckboxField label="Enabled" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} hint="Disabled connections keep their settings but sign nobody in." />
      <ErrorAlert>{error && Object.keys(errors).length === 0 ? errorMessage(error) : null}</ErrorAlert>
      <div className="flex justify-end gap-3">
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        )}
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

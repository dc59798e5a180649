"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { CopyField } from "@/components/members/copy-field";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { Icon } from "@/components/ui/icons";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { ScopeList } from "./labels";
import { ScopePicker, withoutImplied } from "./scope-picker";

const DAY = 86_400_000;
// "365" is a year; the server accepts up to 366 days, so the last day picked in the calendar fits.
const EXPIRY_CHOICES = [
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "date", label: "On a date…" },
  { value: "never", label: "Never" },
];

const isoDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/** The expiry to send: null for never, the end of the chosen day (local time) for a date. */
function expiryOf(choice: string, day: string): Date | null | "invalid" {
  if (choice === "never") return null;
  if (choice !== "date") return new Date(Date.now() + Number(choice) * DAY);
  const end = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(end.getTime()) ? "invalid" : end;
}

/** The create form; after creation the token is shown here, once, with a copy button. */
export function NewApiToken() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Set<string>>(() => new Set(["read"]));
  const [expiry, setExpiry] = useState("30");
  const [day, setDay] = useState("");
  const [dayError, setDayError] = useState<string | null>(null);

  const create = useMutation(
    trpc.apiToken.create.mutationOptions({
      onSuccess: async () => {
        setName("");
        setScopes(new Set(["read"]));
        await queryClient.invalidateQueries(trpc.apiToken.list.queryFilter({ dataspace: slug }));
      },
    }),
  );
  const errors = fieldErrorsOf(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const expiresAt = expiryOf(expiry, day);
    setDayError(expiresAt === "invalid" ? "Pick a date" : null);
    if (expiresAt !== "invalid") create.mutate({ dataspace: slug, name, scopes: withoutImplied(scopes), expiresAt });
  }

  const today = new Date();
  return (
    <Card>
      <CardHeader title="New token" description="For a script, a CI job or a reporting tool. Give each its own token, so you can revoke one without the others." />
      {create.data ? (
        <TokenReveal token={create.data.token} name={create.data.apiToken.name} scopes={create.data.apiToken.scopes} onDone={() => create.reset()} />
      ) : (
        <form method="post" onSubmit={submit} noValidate className="space-y-5 px-5 py-5">
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem_12rem] sm:items-start">
            <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={100} placeholder="Nightly CSV export" />
            <SelectField label="Expires" value={expiry} onChange={(e) => setExpiry(e.target.value)} error={expiry === "date" ? undefined : errors.expiresAt}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>{choice.label}</option>
              ))}
            </SelectField>
            {expiry === "date" && (
              <TextField
                label="Expiry date"
                type="date"
                value={day}
                min={isoDay(today)}
                max={isoDay(new Date(today.getTime() + 365 * DAY))}
                onChange={(e) => setDay(e.target.value)}
                error={dayError ?? errors.expiresAt}
                hint="At the end of that day, at most a year ahead."
              />
            )}
          </div>
          <ScopePicker value={scopes} onChange={setScopes} error={errors.scopes} />
          <FormActions error={create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null} pending={create.isPending} submitLabel="Create token" />
        </form>
      )}
    </Card>
  );
}

/** The token in clear, the one time the server hands it out. */
function TokenReveal({ token, name, scopes, onDone }: { token: string; name: string; scopes: string[]; onDone: () => void }) {
  return (
    <div role="status" className="m-5 space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="flex items-start gap-2 text-sm font-semibold text-amber-900">
        <Icon name="key" className="mt-0.5 size-4 shrink-0 text-amber-600" />
        Copy the token “{name}” now: you won’t see it again.
      </p>
      <CopyField label="API token" value={token} hint="Send it as Authorization: Bearer <token> to /api/v1. Afterwards only its first characters are shown; if you lose it, revoke it and create another." />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ScopeList scopes={scopes} />
        <Button variant="secondary" onClick={onDone}>
          I saved it
        </Button>
      </div>
    </div>
  );
}

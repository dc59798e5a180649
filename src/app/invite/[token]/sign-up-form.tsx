"use client";

import { useActionState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { AuthFormState } from "../../(auth)/form-state";
import { createAccountAndJoin } from "./actions";

/** A new person's account, created through the invitation. An addressed invitation fixes the email. */
export function SignUpForm({ token, invitedEmail }: { token: string; invitedEmail: string | null }) {
  const [state, action, pending] = useActionState(createAccountAndJoin.bind(null, token), {} as AuthFormState);
  const error = (field: string) => state.fieldErrors?.[field]?.[0];
  return (
    <form action={action} className="space-y-4" aria-label="Create your account">
      <ErrorAlert>{state.message}</ErrorAlert>
      <TextField label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={error("name")} />
      {invitedEmail ? (
        <TextField label="Email" name="email" type="email" value={invitedEmail} readOnly hint="The invitation was sent to this address." />
      ) : (
        <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} error={error("email")} />
      )}
      <TextField label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." required error={error("password")} />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating account…" : "Create account and join"}
      </Button>
    </form>
  );
}

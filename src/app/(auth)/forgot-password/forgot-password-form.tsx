"use client";

import { useActionState } from "react";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { requestResetAction, type ForgotPasswordState } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestResetAction, {} as ForgotPasswordState);
  if (state.sent) {
    return (
      <Notice>
        If an account exists for {state.values?.email}, we sent it a link to choose a new password. The link works once, for an hour.
      </Notice>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <ErrorAlert>{state.message}</ErrorAlert>
      <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} error={state.fieldErrors?.email?.[0]} />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}

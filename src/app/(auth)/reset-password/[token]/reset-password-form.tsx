"use client";

import { useActionState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { AuthFormState } from "../../form-state";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction.bind(null, token), {} as AuthFormState);
  return (
    <form action={action} className="space-y-4">
      <ErrorAlert>{state.message}</ErrorAlert>
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." required error={state.fieldErrors?.password?.[0]} />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}

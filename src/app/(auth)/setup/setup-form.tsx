"use client";

import { useActionState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { AuthFormState } from "../form-state";
import { createOwner } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState(createOwner, {} as AuthFormState);
  const error = (field: string) => state.fieldErrors?.[field]?.[0];
  return (
    <form action={action} className="space-y-4">
      <ErrorAlert>{state.message}</ErrorAlert>
      <TextField label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={error("name")} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        error={error("email")}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        error={error("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating account…" : "Create owner account"}
      </Button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { AuthFormState } from "../form-state";
import { signInWithPassword, signInWithProvider, signInWithSso } from "./actions";

const initial: AuthFormState = {};

export function PasswordForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInWithPassword, initial);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ErrorAlert>{state.message}</ErrorAlert>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email?.[0]}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password?.[0]}
      />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

export function SsoForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInWithSso, initial);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ErrorAlert>{state.message}</ErrorAlert>
      <TextField
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        placeholder="you@company.com"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email?.[0]}
      />
      <Button type="submit" variant="secondary" pending={pending} className="w-full">
        {pending ? "Redirecting…" : "Sign in with SSO"}
      </Button>
    </form>
  );
}

export function ProviderButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInWithProvider, initial);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ErrorAlert>{state.message}</ErrorAlert>
      {providers.map((provider) => (
        <Button key={provider.id} type="submit" name="provider" value={provider.id} variant="secondary" disabled={pending} className="w-full">
          Continue with {provider.name}
        </Button>
      ))}
    </form>
  );
}

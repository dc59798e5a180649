"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import type { AuthFormState } from "../../(auth)/form-state";
import { changePasswordAction } from "./actions";

export function NameForm({ name }: { name: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(name ?? "");
  const update = useMutation(
    trpc.account.updateProfile.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.account.me.queryFilter());
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(update.error);
  return (
    <form
      className="space-y-4"
      aria-label="Name"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ name: value });
      }}
    >
      {update.error && !fieldErrors.name && <ErrorAlert>{errorMessage(update.error)}</ErrorAlert>}
      {update.isSuccess && <Notice>Name saved.</Notice>}
      <TextField label="Name" name="name" autoComplete="name" required value={value} onChange={(e) => setValue(e.target.value)} error={fieldErrors.name} />
      <Button type="submit" pending={update.isPending}>
        Save name
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, {} as AuthFormState);
  const error = (field: string) => state.fieldErrors?.[field]?.[0];
  return (
    <form action={action} className="space-y-4" aria-label="Password">
      <ErrorAlert>{state.message}</ErrorAlert>
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={error("currentPassword")} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 10 characters." required error={error("newPassword")} />
      <Button type="submit" pending={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </form>
  );
}

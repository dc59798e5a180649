"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export function RenameForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, name, isAdmin } = useDataspace();
  const [value, setValue] = useState(name);
  const rename = useMutation(
    trpc.dataspace.rename.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.dataspace.current.queryFilter({ dataspace: slug })),
          queryClient.invalidateQueries(trpc.dataspace.mine.queryFilter()),
        ]);
        router.refresh(); // server-rendered titles show the new name too
      },
    }),
  );
  const errors = fieldErrorsOf(rename.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ dataspace: slug, name: value });
  }

  return (
    <Card>
      <CardHeader title="General" description="The dataspace’s name is shown to every member. Its URL does not change." />
      <form method="post" onSubmit={submit} noValidate className="space-y-4 px-5 py-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Dataspace name"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              rename.reset();
            }}
            error={errors.name}
            disabled={!isAdmin}
            hint={isAdmin ? undefined : "Only admins and owners can rename the dataspace."}
          />
          <TextField label="Slug" value={slug} readOnly hint={`Part of every link: /d/${slug}. It never changes, so links keep working.`} />
        </div>
        <ErrorAlert>{rename.error && !errors.name ? errorMessage(rename.error) : null}</ErrorAlert>
        {rename.isSuccess && (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        )}
        {isAdmin && (
          <div className="flex justify-end">
            <Button type="submit" pending={rename.isPending}>
              Rename
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

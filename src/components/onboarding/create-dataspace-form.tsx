"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** What the server will derive from the name when no slug is given (a preview only). */
function previewSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export function CreateDataspaceForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const create = useMutation(
    trpc.dataspace.create.mutationOptions({
      onSuccess: async (dataspace) => {
        await queryClient.invalidateQueries(trpc.dataspace.mine.queryFilter());
        router.push(`/d/${dataspace.slug}/requests`);
      },
    }),
  );
  const errors = fieldErrorsOf(create.error);
  const suggested = previewSlug(name);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, ...(slug.trim() ? { slug: slug.trim() } : {}) });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-5">
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} placeholder="Platform team" autoFocus autoComplete="off" />
      <TextField
        label="URL slug (optional)"
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        error={errors.slug}
        placeholder={suggested || "platform-team"}
        hint={`Lowercase letters, digits and dashes. Left empty, it is derived from the name${suggested ? `: /d/${suggested}` : ""}.`}
        autoComplete="off"
      />
      <ErrorAlert>{create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null}</ErrorAlert>
      <Button type="submit" className="w-full" pending={create.isPending || create.isSuccess}>
        Create dataspace
      </Button>
    </form>
  );
}

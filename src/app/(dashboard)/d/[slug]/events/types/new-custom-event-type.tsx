"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Card, CardHeader } from "@/components/ui/card";
import { CodeField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export const EXAMPLE_SCHEMA = JSON.stringify(
  { type: "object", required: ["service"], properties: { service: { type: "string" }, version: { type: "string" } } },
  null,
  2,
);

/** A JSON text as an object, or the reason it is not one (shown under the field before any round trip). */
export function parseSchema(text: string): { schema: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: 'Must be a JSON object, e.g. {"type": "object"}' };
    return { schema: value as Record<string, unknown> };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

/** Registers a type: its name, what it means, and the schema its events' data must match. */
export function NewCustomEventType() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [name, setName] = useState("custom.");
  const [description, setDescription] = useState("");
  const [schemaText, setSchemaText] = useState(EXAMPLE_SCHEMA);
  const [schemaError, setSchemaError] = useState<string | null>(null);
  const create = useMutation(
    trpc.eventType.create.mutationOptions({
      onSuccess: async () => {
        setName("custom.");
        setDescription("");
        setSchemaText(EXAMPLE_SCHEMA);
        await queryClient.invalidateQueries(trpc.eventType.list.queryFilter({ dataspace: slug }));
      },
    }),
  );
  const errors = fieldErrorsOf(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSchema(schemaText);
    setSchemaError("error" in parsed ? parsed.error : null);
    if ("schema" in parsed) create.mutate({ dataspace: slug, name, description, schema: parsed.schema });
  }

  return (
    <Card>
      <CardHeader title="Register a type" description="The name is fixed once registered: publishers and webhook subscriptions refer to it." />
      <form method="post" onSubmit={submit} noValidate className="space-y-5 px-5 py-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
            maxLength={100}
            hint="custom.<name>: lowercase letters, digits and _, dots between parts, e.g. custom.deploy.finished"
          />
          <TextField label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} maxLength={500} placeholder="A deploy finished" />
        </div>
        <CodeField
          label="JSON Schema"
          name="schema"
          rows={10}
          value={schemaText}
          onChange={(e) => setSchemaText(e.target.value)}
          error={schemaError ?? errors.schema}
          hint="Draft 2020-12, at most 32 KB. References only inside the schema (#/$defs/…); formats are not checked."
        />
        <FormActions error={create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null} pending={create.isPending} submitLabel="Register type" />
      </form>
    </Card>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeField, TextField } from "@/components/ui/field";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import type { MappingInput } from "./mapping-input";

/** An event's data typed as JSON: an object, or why not (said under the field, with no request sent). */
function parseData(text: string): { data: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() || "{}");
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: 'The data must be a JSON object, like {"title": "Printer on fire"}' };
  return { data: value as Record<string, unknown> };
}

/**
 * "Try it": the mapping as the form holds it now (unsaved), on an example event, answered with what
 * it would record — its value and tags — or why it records nothing. Nothing is stored.
 */
export function TryMapping({ mapping }: { mapping: MappingInput }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const [type, setType] = useState("");
  const [dataText, setDataText] = useState("{}");
  const [localErrors, setLocalErrors] = useState<{ type?: string; data?: string }>({});
  const [tried, setTried] = useState<string | null>(null);
  const attempt = useMutation(trpc.metric.tryMapping.mutationOptions());
  const suggested = mapping.events.find((pattern) => !pattern.includes("*")) ?? "";
  // What the shown result was computed from, to say when the form has moved on since.
  const signature = JSON.stringify([mapping, type.trim() || suggested, dataText]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const eventType = type.trim() || suggested;
    const parsed = parseData(dataText);
    const errors = { type: eventType ? undefined : "Enter the example event's type, e.g. request.added", data: "error" in parsed ? parsed.error : undefined };
    setLocalErrors(errors);
    if (errors.type || !("data" in parsed)) {
      attempt.reset();
      return;
    }
    setTried(signature);
    attempt.mutate({ dataspace: slug, mapping, event: { type: eventType, data: parsed.data } });
  }

  const stale = attempt.data && tried !== signature;
  return (
    <section aria-labelledby="try-mapping" className="h-fit space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <div>
        <h3 id="try-mapping" className="text-sm font-semibold text-slate-900">Try it</h3>
        <p className="mt-0.5 text-xs text-slate-500">Run the mapping as it stands, unsaved, on an example event and see what it would record.</p>
      </div>
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Try the mapping">
        <TextField
          label="Event type"
          value={type}
          onChange={(e) => setType(e.target.value)}
          error={localErrors.type}
          placeholder={suggested || "request.added"}
          autoComplete="off"
          spellCheck={false}
          className="[&_input]:font-mono"
        />
        <CodeField
          label="Event data (JSON)"
          rows={6}
          value={dataText}
          onChange={(e) => setDataText(e.target.value)}
          error={localErrors.data}
          hint={<>The event&apos;s <code>data</code>; for a provider&apos;s event, its payload goes under <code>&quot;payload&quot;</code>.</>}
        />
        <div className="flex justify-end">
          <Button type="submit" variant="secondary" size="sm" pending={attempt.isPending}>
            Try it
          </Button>
        </div>
      </form>
      <ErrorAlert>{attempt.error ? errorMessage(attempt.error) : null}</ErrorAlert>
      {attempt.data && (
        <div role="status" aria-label="Try it result" className="rounded-md bg-white p-3 text-sm ring-1 ring-slate-200">
          {attempt.data.observation ? (
            <>
              <p className="font-medium text-emerald-700">Records an observation of custom.{mapping.name || "<name>"}:</p>
              <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                <dt className="text-slate-500">Value</dt>
                <dd className="font-mono">{attempt.data.observation.value}</dd>
                {Object.entries(attempt.data.observation.tags).map(([tag, value]) => (
                  <div key={tag} className="contents">
                    <dt className="font-mono text-slate-500">{tag}</dt>
                    <dd className="font-mono break-all">{value}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : (
            <p className="text-amber-800">Records nothing: {attempt.data.reason}.</p>
          )}
          {stale && <p className="mt-2 text-xs text-slate-500">The mapping or the event has changed since; try again to see the new result.</p>}
        </div>
      )}
    </section>
  );
}

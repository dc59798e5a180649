"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlBaseClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { inputRow, MAX_INPUTS, type InputRow, type Platform } from "./pipeline-rule-input";

type Props = {
  rows: InputRow[];
  onChange: (rows: InputRow[]) => void;
  platform: Platform | undefined;
  /** Found before sending, by row. */
  localErrors: Record<number, string>;
  /** The API's, by input name ("inputs.pr: …"). */
  serverErrors: Record<string, string>;
  /** About the inputs as a whole (too many, a name the API refuses). */
  error?: string;
};

/** A rule's inputs: one row per input, its name and the expression giving its value for each event. */
export function PipelineRuleInputs({ rows, onChange, platform, localErrors, serverErrors, error }: Props) {
  const update = (key: number, patch: Partial<InputRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const named = new Set(rows.map((row) => row.name.trim()));
  // A refusal for an input no row holds any more (renamed since) still has to be seen.
  const unplaced = Object.entries(serverErrors).filter(([name]) => !named.has(name));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Inputs</legend>
      <p className="text-xs text-slate-500">
        Optional, at most {MAX_INPUTS}. Each is a CEL expression giving text,{" "}
        {platform === "GITLAB" ? (
          <>passed to the pipeline as a variable of that name.</>
        ) : platform === "GITHUB" ? (
          <>
            passed to the workflow as an input its <code>workflow_dispatch</code> trigger declares (GitHub refuses others).
          </>
        ) : (
          <>
            a workflow input on GitHub (as its <code>workflow_dispatch</code> declares them), a pipeline variable on GitLab.
          </>
        )}
      </p>
      {rows.length > 0 && (
        <ul className="space-y-2" aria-label="Inputs">
          {rows.map((row, index) => {
            const message = localErrors[row.key] ?? serverErrors[row.name.trim()];
            const errorId = `pipeline-input-${row.key}-error`;
            return (
              <li key={row.key}>
                <div className="flex items-start gap-2">
                  <input
                    aria-label={`Input ${index + 1} name`}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={message ? errorId : undefined}
                    className={cn(controlBaseClasses, "w-32 shrink-0 font-mono text-xs sm:w-44", message && "ring-red-400")}
                    value={row.name}
                    onChange={(e) => update(row.key, { name: e.target.value })}
                    placeholder="deployment"
                    spellCheck={false}
                    autoComplete="off"
                    maxLength={100}
                  />
                  <input
                    aria-label={`Input ${index + 1} expression`}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={message ? errorId : undefined}
                    className={cn(controlBaseClasses, "min-w-0 flex-1 font-mono text-xs", message && "ring-red-400")}
                    value={row.expression}
                    onChange={(e) => update(row.key, { expression: e.target.value })}
                    placeholder="data.uuid"
                    spellCheck={false}
                    autoComplete="off"
                  />
                  <Button variant="ghost" size="sm" className="mt-0.5" aria-label={`Remove input ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                    <Icon name="x" className="size-4" />
                  </Button>
                </div>
                {message && (
                  <p id={errorId} className="mt-1 text-sm text-red-600">
                    {message}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {[...(error ? [error] : []), ...unplaced.map(([name, message]) => `${name}: ${message}`)].map((message) => (
        <p key={message} className="text-sm text-red-600">
          {message}
        </p>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, inputRow()])} disabled={rows.length >= MAX_INPUTS}>
        <Icon name="plus" className="-ml-0.5 size-3.5" />
        Add input
      </Button>
    </fieldset>
  );
}

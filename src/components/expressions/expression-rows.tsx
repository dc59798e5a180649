"use client";

import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlBaseClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { expressionRow, type ExpressionRow } from "./rows";

type Props = {
  /** The fieldset's legend and the list's name: "Tags". */
  legend: string;
  /** Under the legend: what the rows are for, and their limit. */
  description: ReactNode;
  /** One row, in lower case: "tag" → "Tag 1 name", "Remove tag 1", "Add tag". */
  noun: string;
  max: number;
  /** The name's input: a code identifier is set in monospace and not spell-checked. */
  name: { placeholder: string; maxLength: number; code?: boolean };
  expressionPlaceholder: string;
  rows: ExpressionRow[];
  onChange: (rows: ExpressionRow[]) => void;
  /** Found before sending, by row key. */
  localErrors: Record<number, string>;
  /** The API's, by row name ("tags.repo: …"). */
  serverErrors: Record<string, string>;
  /** About the rows as a whole (too many, a name the API refuses). */
  error?: string;
};

/** Named expressions, one row each: its name and the CEL expression giving its value for each event, with the row's error under it. */
export function ExpressionRows({ legend, description, noun, max, name, expressionPlaceholder, rows, onChange, localErrors, serverErrors, error }: Props) {
  const id = useId();
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const update = (key: number, patch: Partial<ExpressionRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const named = new Set(rows.map((row) => row.name.trim()));
  // A refusal for a name no row holds any more (renamed since) still has to be seen.
  const unplaced = Object.entries(serverErrors).filter(([rowName]) => !named.has(rowName));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p className="text-xs text-slate-500">{description}</p>
      {rows.length > 0 && (
        <ul className="space-y-2" aria-label={legend}>
          {rows.map((row, index) => {
            const message = localErrors[row.key] ?? serverErrors[row.name.trim()];
            const errorId = `${id}-${row.key}-error`;
            const invalid = { "aria-invalid": message ? true : undefined, "aria-describedby": message ? errorId : undefined };
            return (
              <li key={row.key}>
                <div className="flex items-start gap-2">
                  <input
                    aria-label={`${Noun} ${index + 1} name`}
                    {...invalid}
                    className={cn(controlBaseClasses, "w-32 shrink-0 sm:w-44", name.code && "font-mono text-xs", message && "ring-red-400")}
                    value={row.name}
                    onChange={(e) => update(row.key, { name: e.target.value })}
                    placeholder={name.placeholder}
                    spellCheck={name.code ? false : undefined}
                    autoComplete="off"
                    maxLength={name.maxLength}
                  />
                  <input
                    aria-label={`${Noun} ${index + 1} expression`}
                    {...invalid}
                    className={cn(controlBaseClasses, "min-w-0 flex-1 font-mono text-xs", message && "ring-red-400")}
                    value={row.expression}
                    onChange={(e) => update(row.key, { expression: e.target.value })}
                    placeholder={expressionPlaceholder}
                    spellCheck={false}
                    autoComplete="off"
                  />
                  <Button variant="ghost" size="sm" className="mt-0.5" aria-label={`Remove ${noun} ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
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
      {[...(error ? [error] : []), ...unplaced.map(([rowName, message]) => `${rowName}: ${message}`)].map((message) => (
        <p key={message} className="text-sm text-red-600">
          {message}
        </p>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, expressionRow()])} disabled={rows.length >= max}>
        <Icon name="plus" className="-ml-0.5 size-3.5" />
        {`Add ${noun}`}
      </Button>
    </fieldset>
  );
}

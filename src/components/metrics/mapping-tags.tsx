"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlBaseClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import type { TagRow } from "./mapping-input";

type Props = {
  rows: TagRow[];
  onChange: (rows: TagRow[]) => void;
  onAdd: () => void;
  /** Found before sending, by row. */
  localErrors: Record<number, string>;
  /** The API's, by tag name ("tags.repo: …"). */
  serverErrors: Record<string, string>;
  /** About the tags as a whole (too many, a name the API refuses). */
  error?: string;
};

/** A mapping's tags: one row per tag, its name and the expression giving its value for each event. */
export function MappingTags({ rows, onChange, onAdd, localErrors, serverErrors, error }: Props) {
  const update = (key: number, patch: Partial<TagRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const named = new Set(rows.map((row) => row.name.trim()));
  // A refusal for a tag no row holds any more (renamed since) still has to be seen.
  const unplaced = Object.entries(serverErrors).filter(([tag]) => !named.has(tag));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Tags</legend>
      <p className="text-xs text-slate-500">Optional, at most 10. Each observation is recorded per tag set, so keep values few (a repository, a branch, a status — not an id).</p>
      {rows.length > 0 && (
        <ul className="space-y-2" aria-label="Tags">
          {rows.map((row, index) => {
            const message = localErrors[row.key] ?? serverErrors[row.name.trim()];
            const errorId = `tag-${row.key}-error`;
            return (
              <li key={row.key}>
                <div className="flex items-start gap-2">
                  <input
                    aria-label={`Tag ${index + 1} name`}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={message ? errorId : undefined}
                    className={cn(controlBaseClasses, "w-32 shrink-0 sm:w-44", message && "ring-red-400")}
                    value={row.name}
                    onChange={(e) => update(row.key, { name: e.target.value })}
                    placeholder="repo"
                    autoComplete="off"
                    maxLength={50}
                  />
                  <input
                    aria-label={`Tag ${index + 1} expression`}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={message ? errorId : undefined}
                    className={cn(controlBaseClasses, "min-w-0 flex-1 font-mono text-xs", message && "ring-red-400")}
                    value={row.expression}
                    onChange={(e) => update(row.key, { expression: e.target.value })}
                    placeholder="data.payload.repository.full_name"
                    spellCheck={false}
                    autoComplete="off"
                  />
                  <Button variant="ghost" size="sm" className="mt-0.5" aria-label={`Remove tag ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
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
      {[...(error ? [error] : []), ...unplaced.map(([tag, message]) => `${tag}: ${message}`)].map((message) => (
        <p key={message} className="text-sm text-red-600">
          {message}
        </p>
      ))}
      <Button variant="secondary" size="sm" onClick={onAdd} disabled={rows.length >= 10}>
        <Icon name="plus" className="-ml-0.5 size-3.5" />
        Add tag
      </Button>
    </fieldset>
  );
}

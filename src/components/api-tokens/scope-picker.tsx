"use client";

import { API_LEVELS, API_RESOURCES, hasScope, levelAtMost, parseScope } from "@/server/api-tokens/scopes";
import { LEVEL_LABELS, RESOURCE_LABELS } from "./labels";

const ROWS: { label: string; prefix: string }[] = [
  { label: "All resources", prefix: "" },
  ...API_RESOURCES.map((resource) => ({ label: RESOURCE_LABELS[resource], prefix: `${resource}:` })),
];

/** Whether another chosen scope already grants `scope` (a higher level, or the same level for every resource). */
function impliedByOthers(scope: string, chosen: ReadonlySet<string>): boolean {
  const parsed = parseScope(scope)!;
  const others = [...chosen].filter((s) => s !== scope);
  if (parsed.resource) return hasScope(others, parsed.resource, parsed.level);
  return others.some((s) => {
    const other = parseScope(s);
    return other?.resource === null && levelAtMost(parsed.level, other.level);
  });
}

/** The choice without what it already implies: `write` and `read` become `write`. */
export function withoutImplied(chosen: ReadonlySet<string>): string[] {
  return [...chosen].filter((scope) => !impliedByOthers(scope, chosen));
}

/**
 * Scopes as a grid of checkboxes: a row for every resource at once, then one per resource.
 * A box another choice already covers shows ticked and locked, so what the token can do is visible.
 */
export function ScopePicker({ value, onChange, error }: { value: ReadonlySet<string>; onChange: (next: Set<string>) => void; error?: string }) {
  const toggle = (scope: string, on: boolean) => {
    const next = new Set(value);
    if (on) next.add(scope);
    else next.delete(scope);
    onChange(next);
  };
  return (
    <fieldset aria-describedby={error ? "scopes-error" : "scopes-hint"}>
      <legend className="text-sm font-medium text-slate-800">Scopes</legend>
      <div className="mt-1.5 overflow-x-auto rounded-md ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-xs font-medium text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">Resource</th>
              {API_LEVELS.map((level) => (
                <th key={level} scope="col" className="w-20 px-3 py-2 text-center">{LEVEL_LABELS[level]}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ROWS.map((row) => (
              <tr key={row.label} className={row.prefix === "" ? "bg-indigo-50/40" : undefined}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-700">{row.label}</th>
                {API_LEVELS.map((level) => {
                  const scope = `${row.prefix}${level}`;
                  const implied = impliedByOthers(scope, value);
                  return (
                    <td key={level} className="px-3 py-2 text-center">
                      <input
                        type="checkbox"
                        aria-label={`${row.label}: ${LEVEL_LABELS[level].toLowerCase()}`}
                        title={implied ? "Included by another scope you chose" : scope}
                        checked={value.has(scope) || implied}
                        disabled={implied}
                        onChange={(e) => toggle(scope, e.target.checked)}
                        className="size-4 rounded border-slate-300 accent-indigo-600 disabled:opacity-50"
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? (
        <p id="scopes-error" className="mt-1.5 text-sm text-red-600">{error}</p>
      ) : (
        <p id="scopes-hint" className="mt-1.5 text-xs text-slate-500">
          Write includes read, admin includes write. The token acts as you, and never does more than your role allows when it is used.
        </p>
      )}
    </fieldset>
  );
}

"use client";

import { Button } from "@/components/ui/button";
import { controlBaseClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";

type Scalar = string | number | boolean | null;

export type CustomFieldRow = { id: number; key: string; value: string };

let nextId = 1;

function display(value: Scalar): string {
  return value === null ? "" : String(value);
}

export function rowsFromData(data: Record<string, Scalar>): CustomFieldRow[] {
  return Object.entries(data).map(([key, value]) => ({ id: nextId++, key, value: display(value) }));
}

/**
 * Rows back to `serializedData`. Values are text, except that a value left as it was keeps its
 * original type (a number stays a number). Blank rows are dropped.
 */
export function rowsToData(rows: CustomFieldRow[], original: Record<string, Scalar>): { data: Record<string, Scalar> } | { error: string } {
  const data: Record<string, Scalar> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value.trim()) continue;
    if (!key) return { error: "Every custom field needs a name" };
    if (key in data) return { error: `The field “${key}” appears twice` };
    const before = original[key];
    data[key] = before !== undefined && display(before) === row.value ? before : row.value;
  }
  return { data };
}

export function CustomFieldsEditor({ rows, onChange, error }: { rows: CustomFieldRow[]; onChange: (rows: CustomFieldRow[]) => void; error?: string }) {
  const update = (id: number, patch: Partial<CustomFieldRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset aria-describedby={error ? "custom-fields-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Custom fields</legend>
      <p className="mt-0.5 text-xs text-slate-500">Extra data sent along with the request to webhooks and integrations.</p>
      {rows.length > 0 && (
        <ul className="mt-3 space-y-2">
          {rows.map((row, i) => (
            <li key={row.id} className="flex items-center gap-2">
              <label className="sr-only" htmlFor={`cf-key-${row.id}`}>
                Field name {i + 1}
              </label>
              <input
                id={`cf-key-${row.id}`}
                value={row.key}
                onChange={(e) => update(row.id, { key: e.target.value })}
                placeholder="Name"
                maxLength={100}
                className={`${controlBaseClasses} w-2/5`}
              />
              <label className="sr-only" htmlFor={`cf-value-${row.id}`}>
                Field value {i + 1}
              </label>
              <input
                id={`cf-value-${row.id}`}
                value={row.value}
                onChange={(e) => update(row.id, { value: e.target.value })}
                placeholder="Value"
                className={`${controlBaseClasses} min-w-0 flex-1`}
              />
              <Button variant="ghost" size="sm" onClick={() => onChange(rows.filter((r) => r.id !== row.id))} aria-label={`Remove field ${row.key || i + 1}`}>
                <Icon name="x" className="size-4" />
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id="custom-fields-error" className="mt-2 text-sm text-red-600">
          {error}
        </p>
      )}
      <Button variant="secondary" size="sm" className="mt-3" onClick={() => onChange([...rows, { id: nextId++, key: "", value: "" }])}>
        <Icon name="plus" className="size-4" />
        Add field
      </Button>
    </fieldset>
  );
}

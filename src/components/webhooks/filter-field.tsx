import { CodeField } from "@/components/ui/field";

/**
 * The filter expression field, as webhooks and notification rules both take it: the same
 * language over `event` and `data`, with examples fitting the form's events.
 */
export function FilterField({ value, onChange, error, examples }: { value: string; onChange: (value: string) => void; error?: string; examples: readonly string[] }) {
  return (
    <CodeField
      label="Filter"
      name="filter"
      rows={2}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      hint={
        <>
          Optional. A CEL expression over <code>event</code> and <code>data</code>; only events for which it is true are sent. Examples:{" "}
          {examples.map((example, i) => (
            <span key={example}>
              {i > 0 && ", "}
              <code className="text-slate-700">{example}</code>
            </span>
          ))}
        </>
      }
    />
  );
}

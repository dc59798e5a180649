"use client";

import { CodeField } from "@/components/ui/field";
import { FilterField } from "@/components/webhooks/filter-field";
import { splitList } from "./rule-input";

const FILTER_EXAMPLES = ['data.severity == "critical"', 'data.service.name == "Checkout"', 'event.type != "alert.resolved"'];

type Props = {
  events: string;
  filter: string;
  onEventsChange: (events: string) => void;
  onFilterChange: (filter: string) => void;
  errors: { events?: string; filter?: string };
  /** The event catalog (types and families) to pick from. */
  catalog: { type: string; description: string }[];
};

/** Which events a rule takes: types and patterns typed (comma or one per line) or picked from the catalog, then a filter. */
export function EventTypesField({ events, filter, onEventsChange, onFilterChange, errors, catalog }: Props) {
  const chosen = new Set(splitList(events));
  const add = (type: string) => onEventsChange([...chosen, type].join("\n"));
  return (
    <>
      <div>
        <CodeField
          label="Events"
          name="events"
          rows={Math.max(2, chosen.size + 1)}
          value={events}
          onChange={(e) => onEventsChange(e.target.value)}
          error={errors.events}
          placeholder={"alert.triggered\nincident.*"}
          hint={
            <>
              Comma separated or one per line: an event type (<code>alert.triggered</code>), every type of a family (<code>incident.*</code>) or
              every event (<code>*</code>).
            </>
          }
        />
        {catalog.length > 0 && (
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-indigo-700 hover:text-indigo-600">Pick from the event types</summary>
            <ul aria-label="Event types" className="mt-2 max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
              {catalog.map((e) => (
                <li key={e.type} className="flex items-start justify-between gap-3">
                  <span className="min-w-0">
                    <code className="text-xs text-slate-900">{e.type}</code>
                    <span className="block text-xs text-slate-500">{e.description}</span>
                  </span>
                  <button
                    type="button"
                    disabled={chosen.has(e.type)}
                    onClick={() => add(e.type)}
                    aria-label={`Add ${e.type}`}
                    className="shrink-0 rounded px-2 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-400 disabled:hover:bg-transparent"
                  >
                    {chosen.has(e.type) ? "Added" : "Add"}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <FilterField value={filter} onChange={onFilterChange} error={errors.filter} examples={FILTER_EXAMPLES} />
    </>
  );
}

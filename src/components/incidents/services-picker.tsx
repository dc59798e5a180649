"use client";

import type { ServiceImpact, ServiceStatus } from "@/generated/prisma/enums";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import { IMPACT_LABELS, IMPACTS } from "./labels";

export type ServiceOption = { id: string; name: string; group: string | null; status: ServiceStatus };
export type AffectedService = { serviceId: string; impact: ServiceImpact };

const STATUS_DOT: Record<ServiceStatus, string> = {
  operational: "bg-emerald-500",
  degraded_performance: "bg-sky-500",
  partial_outage: "bg-amber-500",
  major_outage: "bg-red-500",
  under_maintenance: "bg-indigo-400",
};

/**
 * The services an incident affects: a checkbox per service of the dataspace (by group), and for
 * each one ticked the impact it has — the status the service shows while the incident is open.
 * `errors` are the API's per-entry messages, keyed by the entry's position in `value`.
 */
export function ServicesPicker({
  options,
  value,
  onChange,
  errors,
  loading,
}: {
  options: ServiceOption[];
  value: AffectedService[];
  onChange: (next: AffectedService[]) => void;
  errors: Record<number, string>;
  loading?: boolean;
}) {
  const chosen = new Map(value.map((s, index) => [s.serviceId, { ...s, index }]));
  // Services already on the incident that the list no longer offers (deleted meanwhile) stay visible.
  const unknown = value.filter((s) => !options.some((o) => o.id === s.serviceId));
  const groups = new Map<string, ServiceOption[]>();
  for (const option of options) {
    const key = option.group ?? "";
    groups.set(key, [...(groups.get(key) ?? []), option]);
  }

  function toggle(id: string, on: boolean) {
    onChange(on ? [...value, { serviceId: id, impact: "partial_outage" }] : value.filter((s) => s.serviceId !== id));
  }
  function setImpact(id: string, impact: ServiceImpact) {
    onChange(value.map((s) => (s.serviceId === id ? { ...s, impact } : s)));
  }

  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">Affected services</legend>
      <p className="mt-0.5 text-xs text-slate-500">Each one shows its impact as its status until the incident is resolved.</p>
      {loading ? (
        <p className="mt-3 text-sm text-slate-500">Loading services…</p>
      ) : options.length === 0 && unknown.length === 0 ? (
        <p className="mt-3 rounded-md border border-dashed border-slate-300 px-3 py-4 text-sm text-slate-500">
          This dataspace has no services yet. You can declare the incident without any and add them later.
        </p>
      ) : (
        <div className="mt-3 max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
          {[...groups].map(([group, services]) => (
            <div key={group || "ungrouped"}>
              {group && <div className="bg-slate-50 px-3 py-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{group}</div>}
              <ul className="divide-y divide-slate-100">
                {services.map((service) => {
                  const entry = chosen.get(service.id);
                  const error = entry ? errors[entry.index] : undefined;
                  return (
                    <li key={service.id} className={cn("px-3 py-2", entry && "bg-indigo-50/40")}>
                      <div className="flex flex-wrap items-center justify-between gap-3">
                        <label className="flex min-w-0 cursor-pointer items-center gap-2 text-sm text-slate-800">
                          <input type="checkbox" checked={Boolean(entry)} onChange={(e) => toggle(service.id, e.target.checked)} className="size-4 accent-indigo-600" />
                          <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", STATUS_DOT[service.status])} />
                          <span className="truncate">{service.name}</span>
                        </label>
                        {entry && (
                          <select
                            aria-label={`Impact on ${service.name}`}
                            value={entry.impact}
                            onChange={(e) => setImpact(service.id, e.target.value as ServiceImpact)}
                            className={cn(controlClasses, "w-52 py-1")}
                          >
                            {IMPACTS.map((impact) => (
                              <option key={impact} value={impact}>{IMPACT_LABELS[impact]}</option>
                            ))}
                          </select>
                        )}
                      </div>
                      {error && <p className="mt-1 text-sm text-red-600">{error}</p>}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          {unknown.map((s) => (
            <div key={s.serviceId} className="flex items-center justify-between gap-3 px-3 py-2 text-sm text-slate-500">
              <span>A service that no longer exists</span>
              <button type="button" className="text-xs font-medium text-indigo-600 hover:text-indigo-800" onClick={() => toggle(s.serviceId, false)}>
                Remove
              </button>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** The API's field errors for the services (`services.2.serviceId`, `patch.services.0.impact`) by entry position; `general` for the list as a whole. */
export function serviceErrorsOf(error: unknown): { entries: Record<number, string>; general?: string } {
  const raw = (error as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data?.fieldErrors ?? {};
  const entries: Record<number, string> = {};
  let general: string | undefined;
  for (const [path, messages] of Object.entries(raw)) {
    const match = /^(?:patch\.)?services(?:\.(\d+))?/.exec(path);
    if (!match || !messages[0]) continue;
    if (match[1] === undefined) general ??= messages[0];
    else entries[Number(match[1])] ??= messages[0];
  }
  return { entries, general };
}

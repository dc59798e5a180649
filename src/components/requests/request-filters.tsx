"use client";

import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import type { RequestFilters } from "./filters";
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from "./labels";

type Member = { id: string; email: string; name: string | null };

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label
      className={cn(
        "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset select-none",
        checked ? "bg-indigo-50 text-indigo-700 ring-indigo-200" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50",
      )}
    >
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-3.5 accent-indigo-600" />
      {label}
    </label>
  );
}

function toggled<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

export function RequestFiltersBar({
  filters,
  members,
  onChange,
}: {
  filters: RequestFilters;
  members: Member[];
  onChange: (next: RequestFilters) => void;
}) {
  // The search box updates the URL after a short pause, not on every keystroke.
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q }), 300);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);

  return (
    <div className="space-y-3 border-b border-slate-200 px-4 py-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="request-search" className="block text-xs font-medium text-slate-600">
            Search
          </label>
          <div className="relative mt-1">
            <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
            <input
              id="request-search"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && onChange({ ...filters, q })}
              placeholder="Search titles"
              className={cn(controlClasses, "pl-8")}
            />
          </div>
        </div>
        <div className="w-56">
          <label htmlFor="request-assignee" className="block text-xs font-medium text-slate-600">
            Assignee
          </label>
          <select
            id="request-assignee"
            value={filters.assignee ?? ""}
            onChange={(e) => onChange({ ...filters, assignee: e.target.value || null })}
            className={cn(controlClasses, "mt-1")}
          >
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ? `${m.name} (${m.email})` : m.email}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-medium text-slate-600">Status</legend>
          {STATUSES.map((s) => (
            <Toggle key={s} label={STATUS_LABELS[s]} checked={filters.status.includes(s)} onChange={(on) => onChange({ ...filters, status: toggled(filters.status, s, on) })} />
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-medium text-slate-600">Priority</legend>
          {PRIORITIES.map((p) => (
            <Toggle
              key={p}
              label={PRIORITY_LABELS[p]}
              checked={filters.priority.includes(p)}
              onChange={(on) => onChange({ ...filters, priority: toggled(filters.priority, p, on) })}
            />
          ))}
        </fieldset>
      </div>
    </div>
  );
}

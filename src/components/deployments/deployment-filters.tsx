"use client";

import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import type { DeploymentFilters } from "./filters";
import { DEPLOYMENT_STATUSES, DEPLOYMENT_STATUS_LABELS } from "./labels";

type Facets = { services: { id: string; name: string }[]; environments: string[] };

export function DeploymentFiltersBar({ filters, facets, onChange }: { filters: DeploymentFilters; facets: Facets; onChange: (next: DeploymentFilters) => void }) {
  // An environment named in the URL stays choosable even when no deployment went there yet.
  const environments = filters.environment && !facets.environments.includes(filters.environment) ? [...facets.environments, filters.environment] : facets.environments;
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
      <div className="w-56">
        <label htmlFor="deployment-service" className="block text-xs font-medium text-slate-600">
          Service
        </label>
        <select
          id="deployment-service"
          value={filters.service ?? ""}
          onChange={(e) => onChange({ ...filters, service: e.target.value || null })}
          className={cn(controlClasses, "mt-1")}
        >
          <option value="">Any service</option>
          {facets.services.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
      </div>
      <div className="w-48">
        <label htmlFor="deployment-environment" className="block text-xs font-medium text-slate-600">
          Environment
        </label>
        <select
          id="deployment-environment"
          value={filters.environment ?? ""}
          onChange={(e) => onChange({ ...filters, environment: e.target.value || null })}
          className={cn(controlClasses, "mt-1")}
        >
          <option value="">Any environment</option>
          {environments.map((env) => (
            <option key={env} value={env}>{env}</option>
          ))}
        </select>
      </div>
      <fieldset className="flex flex-wrap items-center gap-1.5">
        <legend className="mb-1 text-xs font-medium text-slate-600">Status</legend>
        {DEPLOYMENT_STATUSES.map((status) => {
          const checked = filters.status.includes(status);
          return (
            <label
              key={status}
              className={cn(
                "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset select-none",
                checked ? "bg-indigo-50 text-indigo-700 ring-indigo-200" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50",
              )}
            >
              <input
                type="checkbox"
                checked={checked}
                onChange={(e) => onChange({ ...filters, status: e.target.checked ? [...filters.status, status] : filters.status.filter((s) => s !== status) })}
                className="size-3.5 accent-indigo-600"
              />
              {DEPLOYMENT_STATUS_LABELS[status]}
            </label>
          );
        })}
      </fieldset>
    </div>
  );
}

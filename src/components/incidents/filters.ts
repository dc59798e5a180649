import type { IncidentSeverity } from "@/generated/prisma/enums";
import { SEVERITIES } from "./labels";

/** Incident list filters as they live in the URL: `?state=open|resolved&severity=critical&severity=major`. */
export type IncidentState = "" | "open" | "resolved";
export type IncidentFilters = { state: IncidentState; severity: IncidentSeverity[] };

type ParamsLike = { getAll(name: string): string[]; get(name: string): string | null };

export function parseIncidentFilters(params: ParamsLike): IncidentFilters {
  const state = params.get("state");
  return {
    state: state === "open" || state === "resolved" ? state : "",
    severity: SEVERITIES.filter((s) => params.getAll("severity").includes(s)),
  };
}

export function filtersToSearch(filters: IncidentFilters): string {
  const query = new URLSearchParams();
  if (filters.state) query.set("state", filters.state);
  for (const s of filters.severity) query.append("severity", s);
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

export const PAGE_SIZE = 25;

/** The `incident.list` input for these filters; server prefetch and browser must build the same one. */
export function listInput(dataspace: string, filters: IncidentFilters) {
  return {
    dataspace,
    limit: PAGE_SIZE,
    ...(filters.state ? { status: [filters.state] } : {}),
    ...(filters.severity.length ? { severity: filters.severity } : {}),
  };
}

import type { RequestPriority, RequestStatus } from "@/generated/prisma/enums";
import { PRIORITIES, STATUSES } from "./labels";

/** Request list filters as they live in the URL: `?status=open&status=blocked&priority=high&assignee=<id|none>&q=…`. */
export type RequestFilters = { status: RequestStatus[]; priority: RequestPriority[]; assignee: string | null; q: string };

type ParamsLike = { getAll(name: string): string[]; get(name: string): string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRequestFilters(params: ParamsLike): RequestFilters {
  const assignee = params.get("assignee");
  return {
    status: STATUSES.filter((s) => params.getAll("status").includes(s)),
    priority: PRIORITIES.filter((p) => params.getAll("priority").includes(p)),
    assignee: assignee === "none" || (assignee && UUID.test(assignee)) ? assignee : null,
    q: (params.get("q") ?? "").slice(0, 200),
  };
}

export function filtersToSearch(filters: RequestFilters): string {
  const query = new URLSearchParams();
  for (const s of filters.status) query.append("status", s);
  for (const p of filters.priority) query.append("priority", p);
  if (filters.assignee) query.set("assignee", filters.assignee);
  if (filters.q.trim()) query.set("q", filters.q.trim());
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

export function hasFilters(filters: RequestFilters): boolean {
  return filters.status.length > 0 || filters.priority.length > 0 || filters.assignee !== null || filters.q.trim() !== "";
}

export const PAGE_SIZE = 25;

/** The `request.list` input for these filters; server prefetch and browser must build the same one. */
export function listInput(dataspace: string, filters: RequestFilters) {
  return {
    dataspace,
    limit: PAGE_SIZE,
    ...(filters.status.length ? { status: filters.status } : {}),
    ...(filters.priority.length ? { priority: filters.priority } : {}),
    ...(filters.assignee ? { assigneeId: filters.assignee === "none" ? null : filters.assignee } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

/** Adapts a server component's `searchParams` object to the URLSearchParams shape. */
export function paramsFromRecord(record: Record<string, string | string[] | undefined>): ParamsLike {
  return {
    getAll: (name) => {
      const v = record[name];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
    get: (name) => {
      const v = record[name];
      return v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;
    },
  };
}

import type { DeploymentStatus } from "@/generated/prisma/enums";
import { DEPLOYMENT_STATUSES } from "./labels";

/** Deployment list filters as they live in the URL: `?service=<id>&environment=production&status=failure`. */
export type DeploymentFilters = { service: string | null; environment: string | null; status: DeploymentStatus[] };

type ParamsLike = { getAll(name: string): string[]; get(name: string): string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const NO_FILTERS: DeploymentFilters = { service: null, environment: null, status: [] };

export function parseDeploymentFilters(params: ParamsLike): DeploymentFilters {
  const service = params.get("service");
  const environment = params.get("environment")?.trim().slice(0, 255);
  return {
    service: service && UUID.test(service) ? service : null,
    environment: environment || null,
    status: DEPLOYMENT_STATUSES.filter((s) => params.getAll("status").includes(s)),
  };
}

export function filtersToSearch(filters: DeploymentFilters): string {
  const query = new URLSearchParams();
  if (filters.service) query.set("service", filters.service);
  if (filters.environment) query.set("environment", filters.environment);
  for (const s of filters.status) query.append("status", s);
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

export function hasFilters(filters: DeploymentFilters): boolean {
  return filters.service !== null || filters.environment !== null || filters.status.length > 0;
}

export const PAGE_SIZE = 25;

/** The `deployment.list` input for these filters; server prefetch and browser must build the same one. */
export function listInput(dataspace: string, filters: DeploymentFilters) {
  return {
    dataspace,
    limit: PAGE_SIZE,
    ...(filters.service ? { serviceId: filters.service } : {}),
    ...(filters.environment ? { environment: filters.environment } : {}),
    ...(filters.status.length ? { status: filters.status } : {}),
  };
}

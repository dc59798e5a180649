import type { AlertSeverity, AlertStatus } from "@/generated/prisma/enums";
import { SEVERITIES, SOURCES, type AlertSourceName } from "./labels";

/** The list's tabs: open alerts (triggered or acknowledged) first, as that is what needs someone. */
export const VIEWS = ["open", "triggered", "acknowledged", "resolved", "all"] as const;
export type AlertsView = (typeof VIEWS)[number];

/** Alert list filters as they live in the URL: `?view=open&severity=critical&source=datadog&service=<id>`. */
export type AlertFilters = { view: AlertsView; severity: AlertSeverity[]; source: AlertSourceName[]; service: string | null };

type ParamsLike = { getAll(name: string): string[]; get(name: string): string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseAlertFilters(params: ParamsLike): AlertFilters {
  const view = params.get("view");
  const service = params.get("service");
  return {
    view: VIEWS.includes(view as AlertsView) ? (view as AlertsView) : "open",
    severity: SEVERITIES.filter((s) => params.getAll("severity").includes(s)),
    source: SOURCES.filter((s) => params.getAll("source").includes(s)),
    service: service && UUID.test(service) ? service : null,
  };
}

export function filtersToSearch(filters: AlertFilters): string {
  const query = new URLSearchParams();
  if (filters.view !== "open") query.set("view", filters.view);
  for (const s of filters.severity) query.append("severity", s);
  for (const s of filters.source) query.append("source", s);
  if (filters.service) query.set("service", filters.service);
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

export const PAGE_SIZE = 25;

const STATUSES_OF: Record<AlertsView, AlertStatus[] | undefined> = {
  open: ["triggered", "acknowledged"],
  triggered: ["triggered"],
  acknowledged: ["acknowledged"],
  resolved: ["resolved"],
  all: undefined,
};

/** The `alert.list` input for these filters; server prefetch and browser must build the same one. */
export function listInput(dataspace: string, filters: AlertFilters) {
  const status = STATUSES_OF[filters.view];
  return {
    dataspace,
    limit: PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(filters.severity.length ? { severity: filters.severity } : {}),
    ...(filters.source.length ? { source: filters.source } : {}),
    ...(filters.service ? { serviceId: filters.service } : {}),
  };
}

/** The uuid in what someone pasted: a uuid, or a dashboard or API URL ending in one. */
export function uuidIn(text: string): string | null {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:[?#].*)?$/i.exec(text.trim());
  return match ? match[1].toLowerCase() : null;
}

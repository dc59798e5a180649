/** The list's tabs: each a status and the order that reads best for it. */
export const MAINTENANCE_TABS = {
  upcoming: { label: "Upcoming", status: "scheduled", sort: "scheduledStart" },
  in_progress: { label: "In progress", status: "in_progress", sort: "scheduledStart" },
  completed: { label: "Completed", status: "completed", sort: "-scheduledStart" },
} as const;

export type MaintenanceTab = keyof typeof MAINTENANCE_TABS;

export function parseTab(value: string | null | undefined): MaintenanceTab {
  return value && value in MAINTENANCE_TABS ? (value as MaintenanceTab) : "upcoming";
}

export function listInputFor(slug: string, tab: MaintenanceTab) {
  const { status, sort } = MAINTENANCE_TABS[tab];
  return { dataspace: slug, status: [status], sort, limit: 25 };
}

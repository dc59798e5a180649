import type { ServiceStatus } from "@/generated/prisma/enums";
import { cn } from "@/components/ui/cn";

// Mirrors SERVICE_STATUSES / SERVICE_STATUS_LABELS in src/server/records/services/service.schema.ts,
// kept here so client bundles do not pull in the server's zod schemas.
export const SERVICE_STATUSES: ServiceStatus[] = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

/** The colours a status page shows: green, yellow, orange, red, blue. */
const STATUS_STYLES: Record<ServiceStatus, { badge: string; dot: string }> = {
  operational: { badge: "bg-green-50 text-green-800 ring-green-600/25", dot: "bg-green-500" },
  degraded_performance: { badge: "bg-yellow-50 text-yellow-800 ring-yellow-500/40", dot: "bg-yellow-400" },
  partial_outage: { badge: "bg-orange-50 text-orange-800 ring-orange-500/30", dot: "bg-orange-500" },
  major_outage: { badge: "bg-red-50 text-red-700 ring-red-600/25", dot: "bg-red-600" },
  under_maintenance: { badge: "bg-blue-50 text-blue-700 ring-blue-600/25", dot: "bg-blue-500" },
};

export function ServiceStatusBadge({ status, className }: { status: ServiceStatus; className?: string }) {
  const style = STATUS_STYLES[status];
  return (
    <span
      data-status={status}
      className={cn("inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", style.badge, className)}
    >
      <span aria-hidden="true" className={cn("size-2 rounded-full", style.dot)} />
      {SERVICE_STATUS_LABELS[status]}
    </span>
  );
}

/** The first page of the list: what the group suggestions and the list's first paint use (pages prefetch it). */
export const servicesListInput = (slug: string) => ({ dataspace: slug, limit: 100 });

export const servicesPath = (slug: string) => `/d/${slug}/services`;
export const servicePath = (slug: string, id: string) => `/d/${slug}/services/${id}`;

export function ownerLabel(owner: { name: string | null; email: string } | null | undefined): string {
  if (!owner) return "Nobody";
  return owner.name?.trim() || owner.email;
}

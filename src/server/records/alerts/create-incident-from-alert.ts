import type { IncidentSeverity } from "@/generated/prisma/enums";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { createIncident } from "@/server/records/incidents/create-incident";
import { createIncidentInput } from "@/server/records/incidents/incident.schema";
import type { ServiceImpact } from "@/server/records/services/service.schema";
import type { AlertSeverity } from "./alert.schema";
import { findAlert } from "./get-alert";
import { alertUrls } from "./serialize-alert";

const SEVERITY_OF: Record<AlertSeverity, IncidentSeverity> = { critical: "critical", error: "major", warning: "minor", info: "minor" };
const IMPACT_OF: Record<AlertSeverity, ServiceImpact> = {
  critical: "major_outage",
  error: "partial_outage",
  warning: "degraded_performance",
  info: "degraded_performance",
};

/**
 * "Create incident from alert": an incident declared by `createIncident` (so it publishes
 * `incident.created` and moves the service's status like any other) with the alert's title, a
 * severity from the alert's, its service affected with an impact from that severity, started when
 * the alert was first triggered, and the alert linked to it. An alert already part of an incident
 * is a conflict: a second click declares nothing.
 */
export async function createIncidentFromAlert(ctx: TenantContext, input: { id: string }): Promise<{ incidentId: string }> {
  requireRole(ctx.actor, "MEMBER");
  const alert = await findAlert(ctx, input.id);
  if (alert.incidentId) throw new AppError("CONFLICT", "This alert is already part of an incident; open that one instead");
  const link = alertUrls(ctx.dataspace.slug, alert.id).absolute_url;
  const message = [`Declared from alert: ${link} (${alert.source}, severity ${alert.severity}, seen ${alert.count}×)`, alert.description.trim()]
    .filter(Boolean)
    .join("\n\n");
  const incident = await createIncident(
    ctx,
    createIncidentInput.parse({
      title: alert.title.slice(0, 300),
      severity: SEVERITY_OF[alert.severity],
      message: message.slice(0, 20_000),
      services: alert.serviceId ? [{ serviceId: alert.serviceId, impact: IMPACT_OF[alert.severity] }] : [],
      startedAt: alert.triggeredAt,
      alertIds: [alert.id],
    }),
  );
  return { incidentId: incident.id };
}

import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { providerFor } from "@/server/integrations/registry";
import { metricDefinitions } from "@/server/metrics/definitions";
import { forwardedMetricNames, readTelemetrySettings } from "./settings";

/**
 * What an integration sends to its monitoring service and how far behind its metrics are, for
 * the integration's page and REST. An integration that sends no telemetry (not Datadog or New
 * Relic) has none: NOT_FOUND, saying so. `lagSeconds`: how old the first minute not yet sent is — a minute or two when
 * all is well (New Relic: five more, it gets minutes once they are final).
 */
export type TelemetryStatus = {
  metrics: string[];
  alerts: boolean;
  deployments: boolean;
  forwarding: {
    upTo: Date;
    lagSeconds: number;
    lastSentAt: Date | null;
    lastPoints: number;
    sentPoints: number;
    droppedBuckets: number;
    lastError: { message: string; at: Date | null } | null;
  } | null;
};

export async function getTelemetryStatus(ctx: TenantContext, integrationId: string, now = new Date()): Promise<TelemetryStatus> {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.integration.findFirst({ where: { id: integrationId }, select: { type: true, config: true, telemetryForwarding: true } });
  if (!row) throw notFound("Integration");
  if (!providerFor(row.type).telemetry) throw new AppError("NOT_FOUND", "This integration sends no telemetry: only Datadog and New Relic integrations do");
  const settings = readTelemetrySettings(row.config);
  const state = row.telemetryForwarding;
  return {
    metrics: settings ? forwardedMetricNames(settings, (await metricDefinitions(ctx.db)).map((definition) => definition.name)) : [],
    alerts: settings?.forwardAlerts ?? false,
    deployments: settings?.forwardDeployments ?? false,
    forwarding: state
      ? {
          upTo: state.upTo,
          lagSeconds: Math.max(0, Math.round((now.getTime() - state.upTo.getTime()) / 1000)),
          lastSentAt: state.lastSentAt,
          lastPoints: state.lastPoints,
          sentPoints: Number(state.sentPoints),
          droppedBuckets: Number(state.droppedBuckets),
          lastError: state.lastError ? { message: state.lastError, at: state.lastErrorAt } : null,
        }
      : null,
  };
}

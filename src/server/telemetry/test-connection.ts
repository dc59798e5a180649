import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { providerFor } from "@/server/integrations/registry";
import type { ConnectionCheck } from "./sink";
import { isSkipped, loadTelemetryTarget } from "./target";

export type TelemetryConnectionTest = { ok: boolean; checks: ConnectionCheck[]; skipped: string | null };

/**
 * "Test connection" of a Datadog or New Relic integration's outbound side: each key its settings
 * need, tried against the service with what is saved (a Datadog key through its validate call;
 * a New Relic license key by one gauge point, a User key by asking NerdGraph whose it is), each
 * failure in the service's own words. Admins only, like the rest of an integration's config.
 */
export async function testTelemetryConnection(ctx: TenantContext, integrationId: string): Promise<TelemetryConnectionTest> {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.integration.findFirst({ where: { id: integrationId }, select: { type: true } });
  if (!row) throw notFound("Integration");
  if (!providerFor(row.type).telemetry) throw new AppError("NOT_FOUND", "This integration sends no telemetry: only Datadog and New Relic integrations do");
  const loaded = await loadTelemetryTarget({ dataspaceId: ctx.dataspace.id, integrationId });
  if (isSkipped(loaded)) return { ok: false, checks: [], skipped: `Nothing to test: ${loaded.skipped}.` };
  const checks = await loaded.sink.testConnection(loaded.target);
  return { ok: checks.every((check) => check.ok), checks, skipped: null };
}

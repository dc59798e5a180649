import { scopedDb } from "@/server/db/scoped";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { providerFor } from "@/server/integrations/registry";
import { readTelemetrySettings } from "./settings";
import type { SkippedSend, TelemetrySink, TelemetryTarget } from "./sink";

export type IntegrationRef = { dataspaceId: string; integrationId: string };
export type LoadedTarget = { target: TelemetryTarget; sink: TelemetrySink; name: string };

/**
 * An integration as telemetry sends see it, or why it sends nothing right now (deleted, inactive,
 * not a monitoring provider, no API key). The API key is decrypted for this call only: never
 * returned from a runtime step, whose output is stored.
 */
export async function loadTelemetryTarget(ref: IntegrationRef): Promise<LoadedTarget | SkippedSend> {
  const tdb = scopedDb(ref.dataspaceId);
  const row = await tdb.integration.findFirst({ where: { id: ref.integrationId }, select: { id: true, type: true, name: true, isActive: true, config: true } });
  if (!row) return { skipped: "the integration no longer exists" };
  const sink = providerFor(row.type).telemetry;
  if (!sink) return { skipped: `a ${row.type} integration sends no telemetry` };
  if (!row.isActive) return { skipped: "the integration is inactive" };
  const settings = readTelemetrySettings(row.config);
  if (!settings) return { skipped: "the integration's config has no valid forwarding settings" };
  const secrets = await loadIntegrationSecrets(tdb, row.id);
  if (!secrets.apiKey) return { skipped: "no apiKey is configured: this integration only receives the service's notifications" };
  return { target: { integrationId: row.id, config: row.config as Record<string, unknown>, secrets, settings }, sink, name: row.name };
}

export const isSkipped = (value: object): value is SkippedSend => "skipped" in value;

/** The monitoring integrations of a dataspace that take `what` as it happens, except `except` (the one an alert came from: sending it back would loop). */
export async function targetsTaking(dataspaceId: string, what: "forwardAlerts" | "forwardDeployments", except: string | null = null): Promise<string[]> {
  const rows = await scopedDb(dataspaceId).integration.findMany({
    where: { type: { in: ["DATADOG", "NEW_RELIC"] }, isActive: true },
    select: { id: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.filter((row) => row.id !== except && readTelemetrySettings(row.config)?.[what] === true).map((row) => row.id);
}

import { db } from "@/server/db/client";
import { TENANT_MODELS } from "@/server/db/scoped";

const ORDER_WITHOUT_ID: Record<string, Record<string, "asc">[]> = {
  WebhookSettings: [{ dataspaceId: "asc" }],
  IncidentService: [{ incidentId: "asc" }, { serviceId: "asc" }],
  MaintenanceService: [{ maintenanceId: "asc" }, { serviceId: "asc" }],
  MetricBucket: [{ name: "asc" }, { series: "asc" }, { resolution: "asc" }, { at: "asc" }],
  TelemetryForwarding: [{ integrationId: "asc" }],
  DeploymentLink: [{ deploymentId: "asc" }, { integrationId: "asc" }],
};

type Delegate = { findMany: (args: unknown) => Promise<unknown[]> };

/**
 * Everything a dataspace owns, as plain JSON: its own row, every row of every tenant model
 * (read from TENANT_MODELS, so new models are covered without touching this), and the user
 * rows of its members. Two equal snapshots mean nothing of the dataspace changed.
 */
export async function snapshotDataspace(dataspaceId: string): Promise<unknown> {
  const snapshot: Record<string, unknown> = {
    Dataspace: await db.dataspace.findUnique({ where: { id: dataspaceId } }),
    User: await db.user.findMany({ where: { memberships: { some: { dataspaceId } } }, orderBy: { id: "asc" } }),
  };
  for (const model of [...TENANT_MODELS].sort()) {
    const delegate = (db as unknown as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)];
    // One-per-dataspace models (settings) are keyed by the dataspace itself, link models by their
    // two ends: neither has an `id`.
    const orderBy = ORDER_WITHOUT_ID[model] ?? { id: "asc" };
    snapshot[model] = await delegate.findMany({ where: { dataspaceId }, orderBy });
  }
  // BigInt (event seq) and Date survive as strings, which is all a comparison needs.
  return JSON.parse(JSON.stringify(snapshot, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
}

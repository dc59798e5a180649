import { db } from "@/server/db/client";
import { TENANT_MODELS } from "@/server/db/scoped";

type Delegate = { findMany: (args: unknown) => Promise<unknown[]> };

/**
 * Everything a dataspace owns, as plain JSON: its own row, every row of every tenant model
 * (read from TENANT_MODELS, so new models are covered without touching this), and the user
 * rows of its members. Two equal snapshots mean nothing of the dataspace changed.
 */
const ORDER_BY_KEY: Record<string, unknown> = {
  IncidentService: [{ incidentId: "asc" }, { serviceId: "asc" }],
  MaintenanceService: [{ maintenanceId: "asc" }, { serviceId: "asc" }],
};

export async function snapshotDataspace(dataspaceId: string): Promise<unknown> {
  const snapshot: Record<string, unknown> = {
    Dataspace: await db.dataspace.findUnique({ where: { id: dataspaceId } }),
    User: await db.user.findMany({ where: { memberships: { some: { dataspaceId } } }, orderBy: { id: "asc" } }),
  };
  for (const model of [...TENANT_MODELS].sort()) {
    const delegate = (db as unknown as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)];
    // One-per-dataspace models (settings) are keyed by the dataspace itself, join rows (an
    // incident's services) by their two ids: neither has an `id`, so those are ordered by key.
    const orderBy = model === "WebhookSettings" ? { dataspaceId: "asc" } : (ORDER_BY_KEY[model] ?? { id: "asc" });
    snapshot[model] = await delegate.findMany({ where: { dataspaceId }, orderBy });
  }
  // BigInt (event seq) and Date survive as strings, which is all a comparison needs.
  return JSON.parse(JSON.stringify(snapshot, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
}

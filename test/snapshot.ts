import { db } from "@/server/db/client";
import { TENANT_MODELS } from "@/server/db/scoped";

const KEYS: Record<string, string[]> = {
  WebhookSettings: ["dataspaceId"],
  IncidentService: ["incidentId", "serviceId"],
  MaintenanceService: ["maintenanceId", "serviceId"],
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
    // Models without an `id` are ordered by their own key: one-per-dataspace settings by the
    // dataspace, link rows (an incident's or a window's services) by the pair they link.
    const orderBy = (KEYS[model] ?? ["id"]).map((key) => ({ [key]: "asc" }));
    snapshot[model] = await delegate.findMany({ where: { dataspaceId }, orderBy });
  }
  // BigInt (event seq) and Date survive as strings, which is all a comparison needs.
  return JSON.parse(JSON.stringify(snapshot, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
}

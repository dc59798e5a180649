import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { badRequest } from "@/server/errors";

/**
 * Checks that every id names a service of this dataspace (the scoped client sees no other), so a
 * window can only hold its own dataspace's services; a refusal is filed under `serviceIds`.
 */
export async function assertServicesOfDataspace(tx: ScopedTx, serviceIds: string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const found = await tx.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true } });
  if (found.length !== serviceIds.length) {
    // Positions, not ids: what the caller sent is not repeated back (an id of another dataspace stays unconfirmed).
    const known = new Set(found.map((s) => s.id));
    const positions = serviceIds.flatMap((id, index) => (known.has(id) ? [] : [index + 1]));
    const which = positions.length === 1 ? `the service at position ${positions[0]} is` : `the services at positions ${positions.join(", ")} are`;
    throw badRequest("Some fields are invalid", { serviceIds: [`Unknown service: ${which} not a service of this dataspace`] });
  }
}


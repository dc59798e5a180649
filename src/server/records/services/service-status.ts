import type { ScopedTx } from "@/server/db/scoped";
import { publishEvent } from "@/server/events/publish-event";
import type { ServiceImpact, ServiceStatus, StatusCause } from "./service.schema";
import { serializeService, serviceInclude } from "./serialize-service";

type Dataspace = { id: string; slug: string; name: string };

const SEVERITY: Record<ServiceImpact, number> = { degraded_performance: 1, partial_outage: 2, major_outage: 3 };

/**
 * The status incidents and maintenances give a service: the worst impact of its open
 * incidents; else `under_maintenance` while a window holding it is in progress; else
 * `operational`. (An outage during maintenance shows as the outage: it is what users feel.)
 */
export async function derivedServiceStatuses(tx: ScopedTx, serviceIds: string[]): Promise<Map<string, ServiceStatus>> {
  const [impacts, maintained] = await Promise.all([
    tx.incidentService.findMany({
      where: { serviceId: { in: serviceIds }, incident: { status: { not: "resolved" } } },
      select: { serviceId: true, impact: true },
    }),
    tx.maintenanceService.findMany({
      where: { serviceId: { in: serviceIds }, maintenance: { status: "in_progress" } },
      select: { serviceId: true },
    }),
  ]);
  const statuses = new Map<string, ServiceStatus>(serviceIds.map((id) => [id, "operational"]));
  for (const { serviceId } of maintained) statuses.set(serviceId, "under_maintenance");
  const worst = new Map<string, ServiceImpact>();
  for (const { serviceId, impact } of impacts) {
    const current = worst.get(serviceId);
    if (!current || SEVERITY[impact] > SEVERITY[current]) worst.set(serviceId, impact);
  }
  for (const [serviceId, impact] of worst) statuses.set(serviceId, impact);
  return statuses;
}

/**
 * Moves each service to the status its open incidents and maintenances give it (see
 * `derivedServiceStatuses`), publishing `service.status_changed` for each one that moved. Call
 * it in the transaction of any change to an incident's or maintenance's status or services:
 * resolving an incident returns its services to operational unless another incident (or a
 * window in progress) still holds them.
 */
export async function recomputeServiceStatuses(
  tx: ScopedTx,
  dataspace: Dataspace,
  serviceIds: string[],
  cause: StatusCause,
  actorId: string | null,
): Promise<void> {
  if (serviceIds.length === 0) return;
  const ids = [...new Set(serviceIds)].sort();
  // Lock the services first (in one order, so two recomputes cannot deadlock), then derive: a
  // concurrent change to another incident of the same service waits here until this one commits,
  // and its derivation then sees this one's change. Deriving before the lock, two incidents
  // resolved at the same moment would each still see the other open and leave the service down.
  await tx.$executeRaw`SELECT 1 FROM "Service" WHERE id = ANY(${ids}::uuid[]) AND "dataspaceId" = ${dataspace.id}::uuid ORDER BY id FOR UPDATE`;
  const statuses = await derivedServiceStatuses(tx, ids);
  for (const [serviceId, status] of statuses) await setServiceStatus(tx, dataspace, serviceId, status, cause, actorId);
}

/** Sets one service's status; publishes `service.status_changed` when it changed. Returns whether it did. */
export async function setServiceStatus(
  tx: ScopedTx,
  dataspace: Dataspace,
  serviceId: string,
  status: ServiceStatus,
  cause: StatusCause,
  actorId: string | null,
): Promise<boolean> {
  // Concurrent changes to one service take turns, so each event's previous_status is the last one's status.
  await tx.$executeRaw`SELECT 1 FROM "Service" WHERE id = ${serviceId}::uuid AND "dataspaceId" = ${dataspace.id}::uuid FOR UPDATE`;
  const before = await tx.service.findUnique({ where: { id: serviceId }, select: { status: true } });
  if (!before || before.status === status) return false;
  const after = await tx.service.update({ where: { id: serviceId }, data: { status }, include: serviceInclude });
  await publishEvent(
    tx,
    dataspace.id,
    "service.status_changed",
    { ...serializeService(after, dataspace), previous_status: before.status, cause },
    { actorId },
  );
  return true;
}

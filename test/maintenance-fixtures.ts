import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { startMaintenance } from "@/server/records/maintenances/maintenance-transitions";
import { scheduleMaintenanceInput, type ScheduleMaintenanceInput } from "@/server/records/maintenances/maintenance.schema";
import { scheduleMaintenance } from "@/server/records/maintenances/schedule-maintenance";

/**
 * A maintenance window scheduled through the domain (an hour from now, for an hour), or with
 * `started` one that began a minute ago and is in progress (started as the runtime would).
 */
export async function seedMaintenance(ctx: TenantContext, options: Partial<ScheduleMaintenanceInput> & { started?: boolean } = {}) {
  const { started, ...overrides } = options;
  const now = Date.now();
  const window = await scheduleMaintenance(
    ctx,
    scheduleMaintenanceInput.parse({
      title: "Maintenance",
      scheduledStart: new Date(started ? now - 60_000 : now + 3_600_000),
      scheduledEnd: new Date(now + 7_200_000),
      ...overrides,
    }),
  );
  if (started) {
    await startMaintenance({ dataspaceId: ctx.dataspace.id, maintenanceId: window.id, scheduledStart: window.scheduledStart.toISOString(), scheduledEnd: window.scheduledEnd.toISOString() });
  }
  return window;
}

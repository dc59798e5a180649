import { z } from "zod";
import { addMaintenanceUpdate } from "@/server/records/maintenances/add-maintenance-update";
import { cancelMaintenance, completeMaintenanceNow } from "@/server/records/maintenances/complete-maintenance";
import { getMaintenance } from "@/server/records/maintenances/get-maintenance";
import { listMaintenances } from "@/server/records/maintenances/list-maintenances";
import {
  addMaintenanceUpdateInput,
  endMaintenanceInput,
  listMaintenancesInput,
  scheduleMaintenanceInput,
  updateMaintenanceInput,
} from "@/server/records/maintenances/maintenance.schema";
import { scheduleMaintenance } from "@/server/records/maintenances/schedule-maintenance";
import { updateMaintenance } from "@/server/records/maintenances/update-maintenance";
import { dataspaceProcedure, router } from "../trpc";

const maintenanceId = z.object({ id: z.string().uuid("Unknown maintenance window") });

export const maintenanceRouter = router({
  list: dataspaceProcedure.input(listMaintenancesInput).query(({ ctx, input }) => listMaintenances(ctx.tenant, input)),
  get: dataspaceProcedure.input(maintenanceId).query(({ ctx, input }) => getMaintenance(ctx.tenant, input.id)),
  /** The services a window can hold, for the schedule form. */
  schedule: dataspaceProcedure.input(scheduleMaintenanceInput).mutation(({ ctx, input }) => scheduleMaintenance(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateMaintenanceInput).mutation(({ ctx, input }) => updateMaintenance(ctx.tenant, input)),
  addUpdate: dataspaceProcedure.input(addMaintenanceUpdateInput).mutation(({ ctx, input }) => addMaintenanceUpdate(ctx.tenant, input)),
  complete: dataspaceProcedure.input(endMaintenanceInput).mutation(({ ctx, input }) => completeMaintenanceNow(ctx.tenant, input)),
  cancel: dataspaceProcedure.input(endMaintenanceInput).mutation(({ ctx, input }) => cancelMaintenance(ctx.tenant, input)),
});

import { z } from "zod";
import { changeServiceStatus } from "@/server/records/services/change-service-status";
import { createService } from "@/server/records/services/create-service";
import { deleteService } from "@/server/records/services/delete-service";
import { getService } from "@/server/records/services/get-service";
import { listServices } from "@/server/records/services/list-services";
import { listServiceOptions } from "@/server/records/services/service-options";
import { createServiceInput, listServicesInput, setServiceStatusInput, updateServiceInput } from "@/server/records/services/service.schema";
import { updateService } from "@/server/records/services/update-service";
import { dataspaceProcedure, router } from "../trpc";

const serviceId = z.object({ id: z.string().uuid("Unknown service") });

export const serviceRouter = router({
  list: dataspaceProcedure.input(listServicesInput).query(({ ctx, input }) => listServices(ctx.tenant, input)),
  options: dataspaceProcedure.query(({ ctx }) => listServiceOptions(ctx.tenant)),
  get: dataspaceProcedure.input(serviceId).query(({ ctx, input }) => getService(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createServiceInput).mutation(({ ctx, input }) => createService(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateServiceInput).mutation(({ ctx, input }) => updateService(ctx.tenant, input)),
  setStatus: dataspaceProcedure.input(setServiceStatusInput).mutation(({ ctx, input }) => changeServiceStatus(ctx.tenant, input)),
  delete: dataspaceProcedure.input(serviceId).mutation(({ ctx, input }) => deleteService(ctx.tenant, input.id)),
});

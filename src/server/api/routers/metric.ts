import { createMappingInput, mappingIdInput, tryMappingInput, updateMappingInput } from "@/server/metrics/custom/mapping.schema";
import { createMapping, deleteMapping, getMapping, listMappings, tryMapping, updateMapping } from "@/server/metrics/custom/manage-mappings";
import { listMetricDefinitions } from "@/server/metrics/definitions";
import { readMetric, readMetricInput } from "@/server/metrics/read-metrics";
import { overviewInput, readOverview } from "@/server/metrics/overview";
import { dataspaceProcedure, router } from "../trpc";

export const metricRouter = router({
  read: dataspaceProcedure.input(readMetricInput).query(({ ctx, input }) => readMetric(ctx.tenant, input)),
  overview: dataspaceProcedure.input(overviewInput).query(({ ctx, input }) => readOverview(ctx.tenant, input)),
  definitions: dataspaceProcedure.query(({ ctx }) => listMetricDefinitions(ctx.tenant)),
  // Custom metric mappings (src/server/metrics/custom).
  mappings: dataspaceProcedure.query(({ ctx }) => listMappings(ctx.tenant)),
  mapping: dataspaceProcedure.input(mappingIdInput).query(({ ctx, input }) => getMapping(ctx.tenant, input.id)),
  createMapping: dataspaceProcedure.input(createMappingInput).mutation(({ ctx, input }) => createMapping(ctx.tenant, input)),
  updateMapping: dataspaceProcedure.input(updateMappingInput).mutation(({ ctx, input }) => updateMapping(ctx.tenant, input)),
  deleteMapping: dataspaceProcedure.input(mappingIdInput).mutation(({ ctx, input }) => deleteMapping(ctx.tenant, input.id)),
  tryMapping: dataspaceProcedure.input(tryMappingInput).mutation(({ ctx, input }) => tryMapping(ctx.tenant, input)),
});

import { readMetric, readMetricInput } from "@/server/metrics/read-metrics";
import { overviewInput, readOverview } from "@/server/metrics/overview";
import { dataspaceProcedure, router } from "../trpc";

export const metricRouter = router({
  read: dataspaceProcedure.input(readMetricInput).query(({ ctx, input }) => readMetric(ctx.tenant, input)),
  overview: dataspaceProcedure.input(overviewInput).query(({ ctx, input }) => readOverview(ctx.tenant, input)),
});

import { cancelRun } from "@/server/runtime/runs/cancel-run";
import { getRun } from "@/server/runtime/runs/get-run";
import { listRuns } from "@/server/runtime/runs/list-runs";
import { rerunRun } from "@/server/runtime/runs/rerun-run";
import { listRunsInput, runIdInput } from "@/server/runtime/runs/runs.schema";
import { authedProcedure, dataspaceProcedure, router } from "../trpc";

/** Runs of the durable runtime: a dataspace's (its admins), and instance-wide ones (instance admins). */
export const runsRouter = router({
  list: dataspaceProcedure.input(listRunsInput).query(({ ctx, input }) => listRuns({ tenant: ctx.tenant }, input)),
  get: dataspaceProcedure.input(runIdInput).query(({ ctx, input }) => getRun({ tenant: ctx.tenant }, input.id)),
  cancel: dataspaceProcedure.input(runIdInput).mutation(({ ctx, input }) => cancelRun({ tenant: ctx.tenant }, input.id)),
  rerun: dataspaceProcedure.input(runIdInput).mutation(({ ctx, input }) => rerunRun({ tenant: ctx.tenant }, input.id)),
  instance: router({
    list: authedProcedure.input(listRunsInput).query(({ ctx, input }) => listRuns({ instanceAdmin: ctx.userId }, input)),
    get: authedProcedure.input(runIdInput).query(({ ctx, input }) => getRun({ instanceAdmin: ctx.userId }, input.id)),
    cancel: authedProcedure.input(runIdInput).mutation(({ ctx, input }) => cancelRun({ instanceAdmin: ctx.userId }, input.id)),
    rerun: authedProcedure.input(runIdInput).mutation(({ ctx, input }) => rerunRun({ instanceAdmin: ctx.userId }, input.id)),
  }),
});

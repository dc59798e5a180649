import { z } from "zod";
import { listDeploymentLinks } from "@/server/ci/push-deployments";
import { createPipelineRule, deletePipelineRule, getPipelineRule, listPipelineRules, listPipelineRuns, updatePipelineRule } from "@/server/ci/pipeline-rules/manage-rules";
import { createPipelineRuleInput, listPipelineRunsInput, pipelineRuleIdInput, updatePipelineRuleInput } from "@/server/ci/pipeline-rules/rule.schema";
import { dataspaceProcedure, router } from "../trpc";

/** Deployments on GitHub and GitLab, and pipeline rules with their runs (src/server/ci). */
export const ciRouter = router({
  rules: dataspaceProcedure.query(({ ctx }) => listPipelineRules(ctx.tenant)),
  rule: dataspaceProcedure.input(pipelineRuleIdInput).query(({ ctx, input }) => getPipelineRule(ctx.tenant, input.id)),
  createRule: dataspaceProcedure.input(createPipelineRuleInput).mutation(({ ctx, input }) => createPipelineRule(ctx.tenant, input)),
  updateRule: dataspaceProcedure.input(updatePipelineRuleInput).mutation(({ ctx, input }) => updatePipelineRule(ctx.tenant, input)),
  deleteRule: dataspaceProcedure.input(pipelineRuleIdInput).mutation(({ ctx, input }) => deletePipelineRule(ctx.tenant, input.id)),
  runs: dataspaceProcedure.input(listPipelineRunsInput).query(({ ctx, input }) => listPipelineRuns(ctx.tenant, input)),
  deploymentLinks: dataspaceProcedure.input(z.object({ deploymentId: z.string().uuid("Unknown deployment") })).query(({ ctx, input }) => listDeploymentLinks(ctx.tenant, input.deploymentId)),
});

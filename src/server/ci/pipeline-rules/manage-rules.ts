import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, checkField, notFound } from "@/server/errors";
import { providerFor } from "@/server/integrations/registry";
import { normalizeEventPatterns } from "@/server/webhooks/rules/event-patterns";
import { validateExpression, validateFilter } from "@/server/webhooks/rules/filter";
import type { z } from "zod";
import { MAX_PIPELINE_RULES, type createPipelineRuleInput, type listPipelineRunsInput, type updatePipelineRuleInput } from "./rule.schema";

/**
 * Pipeline rules: events that start a GitHub Actions workflow or a GitLab pipeline ("run the eval
 * workflow on PR opened", "deploy on merge"). Admins manage them — they act on the platform with
 * the integration's token; every member reads them and their runs.
 */
const ruleSelect = { id: true, name: true, integrationId: true, events: true, filter: true, workflow: true, ref: true, inputs: true, isActive: true, createdAt: true, updatedAt: true, integration: { select: { name: true, type: true } } } as const;
type RuleRow = Prisma.PipelineRuleGetPayload<{ select: typeof ruleSelect }>;
export const toRuleView = ({ integration, ...row }: RuleRow) => ({ ...row, inputs: row.inputs as Record<string, string>, integrationName: integration.name, platform: integration.type });
export type PipelineRuleView = ReturnType<typeof toRuleView>;

type Fields = z.output<typeof createPipelineRuleInput>;

async function checked(ctx: TenantContext, fields: Fields): Promise<Fields> {
  const integration = await ctx.db.integration.findFirst({ where: { id: fields.integrationId }, select: { type: true } });
  const ci = integration ? providerFor(integration.type).ci : undefined;
  if (!integration || !ci) throw new AppError("BAD_REQUEST", "integration: choose a GitHub or GitLab integration of this dataspace", { fieldErrors: { integrationId: ["choose a GitHub or GitLab integration"] } });
  checkField("workflow", () => {
    const problem = ci.checkRule({ workflow: fields.workflow });
    if (problem) throw new AppError("BAD_REQUEST", problem);
  });
  const ref = checkField("ref", () => {
    try {
      return validateExpression("ref", fields.ref, "string");
    } catch (error) {
      // `main` alone reads as a variable named main: say how to write a branch.
      if (/^[\w/-]+$/.test(fields.ref.trim())) throw new AppError("BAD_REQUEST", `ref: write a branch as quoted text, "${fields.ref.trim()}", or an expression like data.payload.pull_request.head.ref`);
      throw error;
    }
  });
  return {
    name: fields.name,
    integrationId: fields.integrationId,
    events: checkField("events", () => normalizeEventPatterns(fields.events)),
    filter: checkField("filter", () => validateFilter(fields.filter)),
    workflow: fields.workflow,
    ref,
    inputs: Object.fromEntries(Object.entries(fields.inputs).map(([name, expression]) => [name, checkField(`inputs.${name}`, () => validateExpression(`inputs.${name}`, expression, "string"))])),
    isActive: fields.isActive,
  };
}

export async function listPipelineRules(ctx: TenantContext): Promise<PipelineRuleView[]> {
  requireRole(ctx.actor, "VIEWER");
  return (await ctx.db.pipelineRule.findMany({ orderBy: { name: "asc" }, select: ruleSelect })).map(toRuleView);
}

export async function getPipelineRule(ctx: TenantContext, id: string): Promise<PipelineRuleView> {
  requireRole(ctx.actor, "VIEWER");
  const row = await ctx.db.pipelineRule.findFirst({ where: { id }, select: ruleSelect });
  if (!row) throw notFound("Pipeline rule");
  return toRuleView(row);
}

export async function createPipelineRule(ctx: TenantContext, input: Fields): Promise<PipelineRuleView> {
  requireRole(ctx.actor, "ADMIN");
  const fields = await checked(ctx, input);
  if ((await ctx.db.pipelineRule.count()) >= MAX_PIPELINE_RULES) throw new AppError("UNPROCESSABLE", `A dataspace has at most ${MAX_PIPELINE_RULES} pipeline rules; delete one it no longer uses`);
  return uniqueName(fields.name, async () => toRuleView(await ctx.db.pipelineRule.create({ data: { dataspaceId: ctx.dataspace.id, ...fields }, select: ruleSelect })));
}

export async function updatePipelineRule(ctx: TenantContext, input: z.output<typeof updatePipelineRuleInput>): Promise<PipelineRuleView> {
  requireRole(ctx.actor, "ADMIN");
  const { name, integrationId, events, filter, workflow, ref, inputs, isActive } = await getPipelineRule(ctx, input.id);
  const fields = await checked(ctx, { name, integrationId, events, filter, workflow, ref, inputs, isActive, ...input.patch });
  return uniqueName(fields.name, async () => {
    const { count } = await ctx.db.pipelineRule.updateMany({ where: { id: input.id }, data: fields });
    if (count === 0) throw notFound("Pipeline rule");
    return getPipelineRule(ctx, input.id);
  });
}

/** Its runs go with it. */
export async function deletePipelineRule(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.pipelineRule.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Pipeline rule");
}

const runSelect = { id: true, ruleId: true, eventId: true, subjectType: true, subjectId: true, ref: true, inputs: true, status: true, conclusion: true, externalId: true, url: true, error: true, createdAt: true, updatedAt: true, rule: { select: { name: true } } } as const;
type RunRow = Prisma.PipelineRunGetPayload<{ select: typeof runSelect }>;
export const toRunView = ({ rule, ...row }: RunRow) => ({ ...row, inputs: row.inputs as Record<string, string>, ruleName: rule.name });
export type PipelineRunView = ReturnType<typeof toRunView>;

/** Runs, newest first: of a rule, or of the deployment or request they were about. */
export async function listPipelineRuns(ctx: TenantContext, input: z.output<typeof listPipelineRunsInput>): Promise<PipelineRunView[]> {
  requireRole(ctx.actor, "VIEWER");
  const rows = await ctx.db.pipelineRun.findMany({
    where: { ...(input.ruleId ? { ruleId: input.ruleId } : {}), ...(input.subjectId ? { subjectId: input.subjectId } : {}) },
    orderBy: { createdAt: "desc" },
    take: input.limit,
    select: runSelect,
  });
  return rows.map(toRunView);
}

async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `name: a pipeline rule is already named ${name}`, { fieldErrors: { name: [`a pipeline rule is already named ${name}`] } });
    }
    throw error;
  }
}

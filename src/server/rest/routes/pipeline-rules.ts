import { z } from "zod";
import { appUrl } from "@/env";
import { listDeploymentLinks } from "@/server/ci/push-deployments";
import { createPipelineRule, deletePipelineRule, getPipelineRule, listPipelineRules, listPipelineRuns, updatePipelineRule, type PipelineRuleView, type PipelineRunView } from "@/server/ci/pipeline-rules/manage-rules";
import { ruleDefaults, ruleFields } from "@/server/ci/pipeline-rules/rule.schema";
import { defineRoute } from "../route";
import { uuidParams } from "../schemas";

/**
 * Pipeline rules (events → a GitHub Actions workflow dispatch or a GitLab pipeline) and their runs,
 * and where a deployment is on GitHub and GitLab. Reading takes `deployments:read`; rules are
 * changed with `deployments:admin` (and a token made by an admin): they act on the platform with
 * the integration's token.
 */
const iso = (date: Date) => date.toISOString();

const ruleObject = z
  .object({
    api_url: z.string(),
    absolute_url: z.string(),
    uuid: z.string().uuid(),
    name: z.string(),
    integration: z.object({ uuid: z.string().uuid(), name: z.string(), type: z.string() }),
    events: z.array(z.string()),
    filter: z.string(),
    workflow: z.string().meta({ description: "GitHub: the workflow's file name or id; empty for GitLab" }),
    ref: z.string().meta({ description: 'A CEL expression giving the branch or tag: "main" (quoted), or data.payload.pull_request.head.ref' }),
    inputs: z.record(z.string(), z.string()).meta({ description: "Input (GitHub) or variable (GitLab) name → CEL expression giving its text" }),
    is_active: z.boolean(),
    created_date: z.string(),
    last_modified_date: z.string(),
  })
  .meta({ id: "PipelineRule" });

const runObject = z
  .object({
    uuid: z.string().uuid(),
    rule: z.object({ uuid: z.string().uuid(), name: z.string() }),
    event: z.string().uuid().meta({ description: "The event that started it" }),
    subject: z.object({ type: z.string(), uuid: z.string().uuid() }).nullable().meta({ description: "The deployment or request the event was about" }),
    ref: z.string(),
    inputs: z.record(z.string(), z.string()),
    status: z.enum(["pending", "queued", "in_progress", "completed", "failed"]).meta({ description: "failed: the platform refused to start it (see error)" }),
    conclusion: z.string().nullable().meta({ description: "The platform's, once completed: success, failure, cancelled, …" }),
    external_id: z.string().nullable().meta({ description: "GitHub's run id or GitLab's pipeline id" }),
    url: z.string().nullable(),
    error: z.string().nullable(),
    created_date: z.string(),
    last_modified_date: z.string(),
  })
  .meta({ id: "PipelineRun" });

const bodyFields = {
  name: ruleFields.name,
  integration: ruleFields.integrationId.meta({ description: "The GitHub or GitLab integration (its uuid) whose token starts the runs" }),
  events: ruleFields.events,
  filter: ruleFields.filter,
  workflow: ruleFields.workflow,
  ref: ruleFields.ref,
  inputs: ruleFields.inputs,
  is_active: ruleFields.isActive,
};
const body = z.strictObject({ ...bodyFields, filter: ruleDefaults.filter, workflow: ruleDefaults.workflow, inputs: ruleDefaults.inputs, is_active: ruleDefaults.isActive });
// Without defaults: fields left out of a PATCH stay as they are.
const patchBody = z.strictObject(bodyFields).partial();

function serializeRule(rule: PipelineRuleView, dataspace: { slug: string }): z.infer<typeof ruleObject> {
  return {
    api_url: `/api/v1/pipeline-rules/${rule.id}`,
    absolute_url: `${appUrl()}/d/${dataspace.slug}/deployments/pipelines#rule-${rule.id}`,
    uuid: rule.id,
    name: rule.name,
    integration: { uuid: rule.integrationId, name: rule.integrationName, type: rule.platform.toLowerCase() },
    events: rule.events,
    filter: rule.filter,
    workflow: rule.workflow,
    ref: rule.ref,
    inputs: rule.inputs,
    is_active: rule.isActive,
    created_date: iso(rule.createdAt),
    last_modified_date: iso(rule.updatedAt),
  };
}

function serializeRun(run: PipelineRunView): z.infer<typeof runObject> {
  return {
    uuid: run.id,
    rule: { uuid: run.ruleId, name: run.ruleName },
    event: run.eventId,
    subject: run.subjectType && run.subjectId ? { type: run.subjectType, uuid: run.subjectId } : null,
    ref: run.ref,
    inputs: run.inputs,
    status: run.status as z.infer<typeof runObject>["status"],
    conclusion: run.conclusion,
    external_id: run.externalId,
    url: run.url,
    error: run.error,
    created_date: iso(run.createdAt),
    last_modified_date: iso(run.updatedAt),
  };
}

const toFields = ({ integration, is_active, ...rest }: z.output<typeof patchBody>) => ({ ...rest, ...(integration === undefined ? {} : { integrationId: integration }), ...(is_active === undefined ? {} : { isActive: is_active }) });
const fieldNames = { integrationId: "integration", isActive: "is_active" };

export const pipelineRuleRoutes = [
  defineRoute({
    method: "GET",
    path: "/pipeline-rules",
    operationId: "listPipelineRules",
    tag: "Deployments",
    summary: "List the pipeline rules",
    scope: { resource: "deployments", level: "read" },
    kind: "object",
    response: z.object({ items: z.array(ruleObject) }).meta({ id: "PipelineRuleList" }),
    errors: [],
    handle: async ({ tenant }) => ({ items: (await listPipelineRules(tenant)).map((rule) => serializeRule(rule, tenant.dataspace)) }),
  }),
  defineRoute({
    method: "POST",
    path: "/pipeline-rules",
    operationId: "createPipelineRule",
    tag: "Deployments",
    summary: "Start a workflow or pipeline on matching events",
    description: "Its patterns and expressions are checked on save (400 naming the field). Each matching event starts one run.",
    scope: { resource: "deployments", level: "admin" },
    kind: "object",
    status: 201,
    body: body.meta({ id: "PipelineRuleCreate" }),
    response: ruleObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body: input }) => {
      const { integration, is_active: isActive, ...rest } = input;
      return serializeRule(await createPipelineRule(tenant, { ...rest, integrationId: integration, isActive }), tenant.dataspace);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/pipeline-rules/{uuid}",
    operationId: "getPipelineRule",
    tag: "Deployments",
    summary: "Get a pipeline rule",
    scope: { resource: "deployments", level: "read" },
    kind: "object",
    params: uuidParams,
    response: ruleObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeRule(await getPipelineRule(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/pipeline-rules/{uuid}",
    operationId: "updatePipelineRule",
    tag: "Deployments",
    summary: "Update a pipeline rule",
    scope: { resource: "deployments", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: patchBody.meta({ id: "PipelineRuleUpdate" }),
    response: ruleObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body: patch }) => serializeRule(await updatePipelineRule(tenant, { id: params.uuid, patch: toFields(patch) }), tenant.dataspace),
  }),
  defineRoute({
    method: "DELETE",
    path: "/pipeline-rules/{uuid}",
    operationId: "deletePipelineRule",
    tag: "Deployments",
    summary: "Delete a pipeline rule",
    description: "With its runs' records; runs already started on the platform go on there.",
    scope: { resource: "deployments", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.null(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await deletePipelineRule(tenant, params.uuid);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/pipeline-runs",
    operationId: "listPipelineRuns",
    tag: "Deployments",
    summary: "List pipeline runs",
    description: "Newest first, at most `limit` (25): of one rule (`rule`), or about one deployment or request (`subject`).",
    scope: { resource: "deployments", level: "read" },
    kind: "object",
    query: z.object({
      rule: z.string().uuid("rule must be a pipeline rule's uuid").optional(),
      subject: z.string().uuid("subject must be a deployment's or request's uuid").optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
    }),
    response: z.object({ items: z.array(runObject) }).meta({ id: "PipelineRunList" }),
    errors: [422],
    handle: async ({ tenant, query }) => ({ items: (await listPipelineRuns(tenant, { ruleId: query.rule, subjectId: query.subject, limit: query.limit })).map(serializeRun) }),
  }),
  defineRoute({
    method: "GET",
    path: "/deployments/{uuid}/platform-links",
    operationId: "listDeploymentPlatformLinks",
    tag: "Deployments",
    summary: "Where a deployment is on GitHub and GitLab",
    description: "For each integration that pushes deployments: the platform's deployment id, the last status it took and its last refusal, in its words.",
    scope: { resource: "deployments", level: "read" },
    kind: "object",
    params: uuidParams,
    response: z
      .object({
        items: z.array(z.object({ integration: z.object({ uuid: z.string().uuid(), name: z.string(), type: z.string() }), external_id: z.string(), last_status: z.string().nullable(), last_error: z.string().nullable(), last_modified_date: z.string() })),
      })
      .meta({ id: "DeploymentPlatformLinks" }),
    errors: [404],
    handle: async ({ tenant, params }) => ({
      items: (await listDeploymentLinks(tenant, params.uuid)).map((link) => ({
        integration: { uuid: link.integrationId, name: link.integrationName, type: link.platform.toLowerCase() },
        external_id: link.externalId,
        last_status: link.lastStatus,
        last_error: link.lastError,
        last_modified_date: iso(link.updatedAt),
      })),
    }),
  }),
];

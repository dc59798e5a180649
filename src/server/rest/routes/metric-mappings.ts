import { z } from "zod";
import { appUrl } from "@/env";
import { mappingDefaults, mappingFields, MAPPING_KINDS } from "@/server/metrics/custom/mapping.schema";
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping, type MappingView } from "@/server/metrics/custom/manage-mappings";
import { defineRoute } from "../route";
import { uuidParams } from "../schemas";

/**
 * Custom metric mappings: events → a metric `custom.<name>` (read with `GET /metrics/{name}`,
 * charted, forwarded to Datadog and New Relic). Reading takes `metrics:read`, changes
 * `metrics:admin` (and a token made by an admin). Every expression is checked on save.
 */
const mappingObject = z
  .object({
    api_url: z.string(),
    absolute_url: z.string(),
    uuid: z.string().uuid(),
    name: z.string(),
    metric: z.string().meta({ description: "custom.<name>: the metric's name in `GET /metrics/{name}` and where it is forwarded" }),
    description: z.string(),
    events: z.array(z.string()),
    filter: z.string(),
    kind: z.enum(MAPPING_KINDS),
    value: z.string(),
    unit: z.string(),
    tags: z.record(z.string(), z.string()),
    is_active: z.boolean(),
    created_date: z.string(),
    last_modified_date: z.string(),
  })
  .meta({ id: "MetricMapping" });

const about = {
  name: "The metric's name without `custom.`: lower-case letters, digits and `_` in dot-separated parts, e.g. `ci.duration_seconds`",
  events: "Event types or patterns it maps (`github.workflow_run.completed`, `request.*`)",
  filter: "A condition (CEL, as a webhook's filter) the event must meet; empty for every event",
  kind: "counter: the values add up per minute; latency: their count, mean and p50/p95/p99; gauge: their mean",
  value: "A CEL expression over `event` and `data` giving the observation's number; `1` counts events",
  tags: 'Tag name → CEL expression giving its value, e.g. {"repo": "data.payload.repository.full_name"}; at most 10. An event without it is tagged `none`',
};

const bodyFields = {
  name: mappingFields.name.meta({ description: about.name }),
  description: mappingFields.description,
  events: mappingFields.events.meta({ description: about.events }),
  filter: mappingFields.filter.meta({ description: about.filter }),
  kind: mappingFields.kind.meta({ description: about.kind }),
  value: mappingFields.value.meta({ description: about.value }),
  unit: mappingFields.unit,
  tags: mappingFields.tags.meta({ description: about.tags }),
  is_active: mappingFields.isActive,
};
const createBody = z
  .strictObject({
    ...bodyFields,
    description: mappingDefaults.description,
    filter: mappingDefaults.filter.meta({ description: about.filter }),
    value: mappingDefaults.value.meta({ description: about.value }),
    unit: mappingDefaults.unit,
    tags: mappingDefaults.tags.meta({ description: about.tags }),
    is_active: mappingDefaults.isActive,
  })
  .meta({ id: "MetricMappingCreate" });
// Without defaults: fields left out of a PATCH stay as they are.
const updateBody = z.strictObject(bodyFields).partial().meta({ id: "MetricMappingUpdate", description: "The fields to change" });

function serialize(mapping: MappingView, dataspace: { slug: string }): z.infer<typeof mappingObject> {
  return {
    api_url: `/api/v1/metric-mappings/${mapping.id}`,
    absolute_url: `${appUrl()}/d/${dataspace.slug}/overview/mappings#mapping-${mapping.id}`,
    uuid: mapping.id,
    name: mapping.name,
    metric: mapping.metric,
    description: mapping.description,
    events: mapping.events,
    filter: mapping.filter,
    kind: mapping.kind,
    value: mapping.value,
    unit: mapping.unit,
    tags: mapping.tags,
    is_active: mapping.isActive,
    created_date: mapping.createdAt.toISOString(),
    last_modified_date: mapping.updatedAt.toISOString(),
  };
}

const toFields = ({ is_active, ...rest }: Partial<z.output<typeof createBody>>) => ({ ...rest, ...(is_active === undefined ? {} : { isActive: is_active }) });
const fieldNames = { isActive: "is_active" };

export const metricMappingRoutes = [
  defineRoute({
    method: "GET",
    path: "/metric-mappings",
    operationId: "listMetricMappings",
    tag: "Metrics",
    summary: "List the custom metric mappings",
    description: "By name; a dataspace has at most 100.",
    scope: { resource: "metrics", level: "read" },
    kind: "object",
    response: z.object({ items: z.array(mappingObject) }).meta({ id: "MetricMappingList" }),
    errors: [],
    handle: async ({ tenant }) => ({ items: (await listMappings(tenant)).map((mapping) => serialize(mapping, tenant.dataspace)) }),
  }),
  defineRoute({
    method: "POST",
    path: "/metric-mappings",
    operationId: "createMetricMapping",
    tag: "Metrics",
    summary: "Map events to a custom metric",
    description: "Its expressions are checked on save (400 naming the field). The metric has points from the next minute's rollup on.",
    scope: { resource: "metrics", level: "admin" },
    kind: "object",
    status: 201,
    body: createBody,
    response: mappingObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const { is_active: isActive, ...fields } = body;
      return serialize(await createMapping(tenant, { ...fields, isActive }), tenant.dataspace);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/metric-mappings/{uuid}",
    operationId: "getMetricMapping",
    tag: "Metrics",
    summary: "Get a custom metric mapping",
    scope: { resource: "metrics", level: "read" },
    kind: "object",
    params: uuidParams,
    response: mappingObject,
    errors: [404],
    handle: async ({ tenant, params }) => serialize(await getMapping(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/metric-mappings/{uuid}",
    operationId: "updateMetricMapping",
    tag: "Metrics",
    summary: "Update a custom metric mapping",
    description: "Minutes computed from now on follow the new mapping; past buckets stay as they were.",
    scope: { resource: "metrics", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: updateBody,
    response: mappingObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => serialize(await updateMapping(tenant, { id: params.uuid, patch: toFields(body) }), tenant.dataspace),
  }),
  defineRoute({
    method: "DELETE",
    path: "/metric-mappings/{uuid}",
    operationId: "deleteMetricMapping",
    tag: "Metrics",
    summary: "Delete a custom metric mapping",
    description: "With its metric's buckets.",
    scope: { resource: "metrics", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.null(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await deleteMapping(tenant, params.uuid);
    },
  }),
];

import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, checkField, notFound } from "@/server/errors";
import { normalizeEventPatterns } from "@/server/webhooks/rules/event-patterns";
import { validateExpression, validateFilter } from "@/server/webhooks/rules/filter";
import type { z } from "zod";
import { isMetricName } from "../catalog";
import { observe, type Observation } from "./evaluate";
import { MAX_MAPPINGS, type createMappingInput, type tryMappingInput, type updateMappingInput } from "./mapping.schema";

/**
 * Custom metric mappings: events → observations of `custom.<name>`, computed by the rollup with
 * the built-in metrics (rollup-custom.ts). Managed by admins (they shape what is forwarded to
 * Datadog and New Relic); every member reads them, as they read the metrics. Every expression is
 * checked on save, with the message naming the field.
 */
export const CUSTOM_PREFIX = "custom.";

const select = { id: true, name: true, description: true, events: true, filter: true, kind: true, value: true, unit: true, tags: true, isActive: true, createdAt: true, updatedAt: true } as const;
type Row = Prisma.MetricMappingGetPayload<{ select: typeof select }>;

export function toMappingView(row: Row) {
  return { ...row, metric: `${CUSTOM_PREFIX}${row.name}`, kind: row.kind as "counter" | "latency" | "gauge", tags: row.tags as Record<string, string> };
}
export type MappingView = ReturnType<typeof toMappingView>;

type Fields = z.output<typeof createMappingInput>;

/** The fields as stored: patterns normalized, expressions trimmed and checked. Throws BAD_REQUEST naming the field. */
function checked(fields: Fields): Fields {
  if (isMetricName(`${CUSTOM_PREFIX}${fields.name}`)) throw new AppError("BAD_REQUEST", "name: taken by a built-in metric", { fieldErrors: { name: ["taken by a built-in metric"] } });
  return {
    name: fields.name,
    description: fields.description,
    kind: fields.kind,
    unit: fields.unit,
    isActive: fields.isActive,
    events: checkField("events", () => normalizeEventPatterns(fields.events)),
    filter: checkField("filter", () => validateFilter(fields.filter)),
    value: checkField("value", () => validateExpression("value", fields.value, "number")),
    tags: Object.fromEntries(Object.entries(fields.tags).map(([tag, expression]) => [tag, checkField(`tags.${tag}`, () => validateExpression(`tags.${tag}`, expression, "string"))])),
  };
}

export async function listMappings(ctx: TenantContext): Promise<MappingView[]> {
  requireRole(ctx.actor, "VIEWER");
  return (await ctx.db.metricMapping.findMany({ orderBy: { name: "asc" }, select })).map(toMappingView);
}

export async function getMapping(ctx: TenantContext, id: string): Promise<MappingView> {
  requireRole(ctx.actor, "VIEWER");
  const row = await ctx.db.metricMapping.findFirst({ where: { id }, select });
  if (!row) throw notFound("Metric mapping");
  return toMappingView(row);
}

export async function createMapping(ctx: TenantContext, input: z.output<typeof createMappingInput>): Promise<MappingView> {
  requireRole(ctx.actor, "ADMIN");
  const fields = checked(input);
  if ((await ctx.db.metricMapping.count()) >= MAX_MAPPINGS) throw new AppError("UNPROCESSABLE", `A dataspace has at most ${MAX_MAPPINGS} metric mappings; delete one it no longer uses`);
  return conflictAsError(fields.name, async () => toMappingView(await ctx.db.metricMapping.create({ data: { dataspaceId: ctx.dataspace.id, ...fields }, select })));
}

export async function updateMapping(ctx: TenantContext, input: z.output<typeof updateMappingInput>): Promise<MappingView> {
  requireRole(ctx.actor, "ADMIN");
  const { name, description, events, filter, kind, value, unit, tags, isActive } = await getMapping(ctx, input.id);
  const fields = checked({ name, description, events, filter, kind, value, unit, tags, isActive, ...input.patch });
  return conflictAsError(fields.name, async () => {
    const { count } = await ctx.db.metricMapping.updateMany({ where: { id: input.id }, data: fields });
    if (count === 0) throw notFound("Metric mapping");
    return getMapping(ctx, input.id);
  });
}

/** Its buckets go with it: a metric nobody computes any more should not chart stale figures as current. */
export async function deleteMapping(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx.actor, "ADMIN");
  const mapping = await getMapping(ctx, id);
  await ctx.db.$transaction([ctx.db.metricMapping.deleteMany({ where: { id } }), ctx.db.metricBucket.deleteMany({ where: { name: mapping.metric } })]);
}

/** A mapping tried on one event, before saving: the observation it would make, or why none. */
export function tryMapping(ctx: TenantContext, input: z.output<typeof tryMappingInput>): { observation: Observation | null; reason: string | null } {
  requireRole(ctx.actor, "VIEWER");
  const fields = checked(input.mapping);
  const variables = { event: { id: "00000000-0000-0000-0000-000000000000", type: input.event.type, timestamp: new Date().toISOString() }, data: input.event.data };
  const observation = observe(fields, variables);
  if (observation) return { observation, reason: null };
  // Which step stopped it: the event's type, the filter, or the value.
  const reason = !observe({ ...fields, filter: "", value: "1", tags: {} }, variables)
    ? `${input.event.type} is not one of the mapped events`
    : !observe({ ...fields, value: "1", tags: {} }, variables)
      ? "the filter is not true for this event"
      : "the value is not a number for this event";
  return { observation: null, reason };
}

async function conflictAsError<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `name: custom.${name} is already mapped`, { fieldErrors: { name: [`custom.${name} is already mapped in this dataspace`] } });
    }
    throw error;
  }
}

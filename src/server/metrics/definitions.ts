import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { isMetricName, metricCatalog, METRIC_NAMES, type MetricDefinition } from "./catalog";
import { CUSTOM_PREFIX } from "./custom/manage-mappings";

/**
 * Every metric a dataspace has: the built-in catalog's, then its custom mappings' (`custom.<name>`),
 * as one list for the metrics API, the charts and forwarding.
 */
export type NamedDefinition = MetricDefinition & { name: string; custom: boolean };

const builtIn = (name: string): NamedDefinition => {
  const { source: _source, ...definition } = metricCatalog[name as keyof typeof metricCatalog] as MetricDefinition;
  return { ...definition, name, custom: false };
};

type MappingRow = { name: string; description: string; events: string[]; kind: string; unit: string; tags: unknown };
const custom = (row: MappingRow): NamedDefinition => ({
  name: `${CUSTOM_PREFIX}${row.name}`,
  description: row.description || `Custom: ${row.events.join(", ")}`,
  unit: row.unit,
  kind: row.kind as MetricDefinition["kind"],
  tags: Object.keys(row.tags as Record<string, string>),
  custom: true,
});
const mappingSelect = { name: true, description: true, events: true, kind: true, unit: true, tags: true } as const;

export async function metricDefinitions(tdb: TenantDb): Promise<NamedDefinition[]> {
  const mappings = await tdb.metricMapping.findMany({ orderBy: { name: "asc" }, select: mappingSelect });
  return [...METRIC_NAMES.map(builtIn), ...mappings.map(custom)];
}

/** One metric's definition, or null when the dataspace has no such metric. */
export async function metricDefinition(tdb: TenantDb, name: string): Promise<NamedDefinition | null> {
  if (isMetricName(name)) return builtIn(name);
  if (!name.startsWith(CUSTOM_PREFIX)) return null;
  const row = await tdb.metricMapping.findFirst({ where: { name: name.slice(CUSTOM_PREFIX.length) }, select: mappingSelect });
  return row ? custom(row) : null;
}

/** The dataspace's metrics as every member reads them (the metrics API, the dashboard). */
export async function listMetricDefinitions(ctx: TenantContext): Promise<NamedDefinition[]> {
  requireRole(ctx.actor, "VIEWER");
  return metricDefinitions(ctx.db);
}

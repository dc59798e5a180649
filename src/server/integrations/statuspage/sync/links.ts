import { z } from "zod";
import { scopedDb } from "@/server/db/scoped";
import type { IntegrationRef } from "./outbound";

/**
 * Which Statuspage incident an incident or a maintenance window became on an integration's page
 * (the `StatuspageIncidentLink` row), and what Statuspage was last sent for it. The publishers
 * are state-based: each run compares the record as it is now with `published` and sends only the
 * difference, so a retried run, a late run or two runs of the same change send nothing twice.
 */
export const publishedSchema = z.object({
  name: z.string().optional(),
  status: z.string().optional(),
  impact: z.string().optional(),
  /** What the last body sent was: `entry:<timeline entry id>`, or `description` (a maintenance's first). */
  bodyKey: z.string().nullable().optional(),
  componentIds: z.array(z.string()).optional(),
  /** Component → the status last sent for it (by the incident, or by a component update since). */
  components: z.record(z.string(), z.string()).optional(),
  scheduledFor: z.string().optional(),
  scheduledUntil: z.string().optional(),
});
export type Published = z.infer<typeof publishedSchema>;

export type Link = { id: string; pageId: string; statuspageIncidentId: string; published: Published };

type Record_ = { incidentId: string } | { maintenanceId: string };

function readLink(row: { id: string; pageId: string; statuspageIncidentId: string; published: unknown } | null): Link | null {
  if (!row) return null;
  const published = publishedSchema.safeParse(row.published);
  return { id: row.id, pageId: row.pageId, statuspageIncidentId: row.statuspageIncidentId, published: published.success ? published.data : {} };
}

const linkSelect = { id: true, pageId: true, statuspageIncidentId: true, published: true } as const;

export async function findLink(ref: IntegrationRef, record: Record_): Promise<Link | null> {
  const row = await scopedDb(ref.dataspaceId).statuspageIncidentLink.findFirst({ where: { integrationId: ref.integrationId, ...record }, select: linkSelect });
  return readLink(row);
}

/** Every incident link of the integration on its page (the reconcile's side of the comparison). */
export async function incidentLinksOf(ref: IntegrationRef, pageId: string): Promise<(Link & { incidentId: string; createdAt: Date })[]> {
  const rows = await scopedDb(ref.dataspaceId).statuspageIncidentLink.findMany({
    where: { integrationId: ref.integrationId, pageId, incidentId: { not: null } },
    select: { ...linkSelect, incidentId: true, createdAt: true },
  });
  return rows.map((row) => ({ ...readLink(row)!, incidentId: row.incidentId!, createdAt: row.createdAt }));
}

/** Records the Statuspage incident a record became (or now is: a new page), with what was sent. */
export async function saveLink(ref: IntegrationRef, record: Record_, value: { pageId: string; statuspageIncidentId: string; published: Published }): Promise<void> {
  const tdb = scopedDb(ref.dataspaceId);
  const where = "incidentId" in record ? { integrationId_incidentId: { integrationId: ref.integrationId, incidentId: record.incidentId } } : { integrationId_maintenanceId: { integrationId: ref.integrationId, maintenanceId: record.maintenanceId } };
  await tdb.statuspageIncidentLink.upsert({
    where,
    create: { dataspaceId: ref.dataspaceId, integrationId: ref.integrationId, ...record, ...value },
    update: value,
  });
}

export async function updatePublished(ref: IntegrationRef, linkId: string, published: Published): Promise<void> {
  await scopedDb(ref.dataspaceId).statuspageIncidentLink.update({ where: { id: linkId }, data: { published } });
}

/**
 * A component's status was sent outside an incident's call (a service's own status change, a
 * reconcile repair): the incidents naming that component learn it, so their next call compares
 * with what the component really shows and sends a status that differs from it.
 */
export async function noteComponentStatus(ref: IntegrationRef, componentId: string, status: string): Promise<void> {
  await scopedDb(ref.dataspaceId).$executeRaw`
    UPDATE "StatuspageIncidentLink" SET published = jsonb_set(published, ARRAY['components', ${componentId}::text], to_jsonb(${status}::text))
    WHERE "dataspaceId" = ${ref.dataspaceId}::uuid AND "integrationId" = ${ref.integrationId}::uuid
      AND "incidentId" IS NOT NULL AND jsonb_exists(published->'components', ${componentId}::text)`;
}

/** Statuspage's limit on an incident's name (its documented maximum); our titles may be longer. */
export const MAX_NAME = 255;
export const statuspageName = (title: string) => (title.length <= MAX_NAME ? title : `${title.slice(0, MAX_NAME - 1)}…`);

/** Marks what Switchboard published, so the page's incidents can be traced back (top-level values must be objects). */
export function switchboardMetadata(ref: IntegrationRef, record: Record_): Record<string, Record<string, string>> {
  return { switchboard: { dataspace: ref.dataspaceId, integration: ref.integrationId, ...("incidentId" in record ? { incident: record.incidentId } : { maintenance: record.maintenanceId }) } };
}

/** The Switchboard incident a Statuspage incident was published from, per its metadata (for this integration), if any. */
export function publishedIncidentOf(ref: IntegrationRef, metadata: Record<string, unknown> | null | undefined): string | null {
  const mark = metadata?.switchboard;
  if (typeof mark !== "object" || mark === null) return null;
  const { integration, incident } = mark as Record<string, unknown>;
  return integration === ref.integrationId && typeof incident === "string" ? incident : null;
}

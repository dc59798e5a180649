import { scopedDb } from "@/server/db/scoped";
import { incidentLinksOf, publishedIncidentOf, saveLink, statuspageName } from "./links";
import { isSkipped, loadOutbound, withAttention, type IntegrationRef } from "./outbound";
import { publishIncidentTo, type Observed } from "./publish-incident";
import type { OutboundDeps } from "./steps";

/**
 * The reconcile's second half, when the integration publishes incidents: open incidents ↔ the
 * page's unresolved incidents. Incidents are published from Switchboard, so only the `push`
 * direction repairs them (`pull` and `report` record the drift): each repair is one step that
 * makes the page's incident match ours (publishIncidentTo, compared with what the page shows).
 *
 * Drift, by kind:
 * - `resolved_here`: resolved here, still open on the page (its resolve never arrived) → resolved there;
 * - `status`, `name`: open on both sides but the page shows another status or name (a person
 *   changed it on Statuspage, or an update was lost) → set back to ours;
 * - `missing`: open here, affects a mapped service, never published (its publish failed) → created;
 * - `unlinked`: on the page, published from an incident here (its metadata says so), but the
 *   link was not recorded (the app died between the call and the record) → linked, then matched;
 * - `resolved_there`: open here, no longer unresolved on the page (resolved or deleted there) →
 *   recorded, not reopened: a person chose that on Statuspage; the incident's next update here
 *   publishes its status again.
 */

export type IncidentDriftKind = "resolved_here" | "status" | "name" | "missing" | "unlinked" | "resolved_there";

export type IncidentDrift = {
  incident: { id: string; title: string; status: string };
  statuspage: { id: string; name: string; status: string } | null;
  kind: IncidentDriftKind;
  repaired: boolean;
};

export type IncidentsReport = { compared: number; drift: IncidentDrift[] };

/** The page's unresolved incidents as plain data (a step's output is stored). */
export type SeenIncident = { id: string; name: string; status: string; publishedFrom: string | null; components: Record<string, string> };

export type IncidentRepair = { incidentId: string; observed: Observed | null; adopt: SeenIncident | null };

export type IncidentPlan = { report: IncidentsReport; repairs: IncidentRepair[]; problems: string[] };

export async function listUnresolvedIncidents(ref: IntegrationRef, deps: OutboundDeps): Promise<{ incidents: SeenIncident[]; listedAt: string } | { skipped: string }> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const listedAt = new Date().toISOString();
  const incidents = await withAttention(ref, () => outbound.client.listUnresolvedIncidents(outbound.settings.pageId));
  return {
    listedAt,
    incidents: incidents.map((i) => ({
      id: i.id,
      name: i.name,
      status: i.status,
      publishedFrom: publishedIncidentOf(ref, i.metadata),
      components: Object.fromEntries((i.components ?? []).map((c) => [c.id, c.status ?? ""])),
    })),
  };
}

export async function planIncidentReconcile(ref: IntegrationRef, seen: SeenIncident[], listedAt: string, deps: OutboundDeps = {}): Promise<IncidentPlan | { skipped: string }> {
  const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
  if (isSkipped(outbound)) return outbound;
  const { pageId, direction, componentMapping } = outbound.settings;
  const push = direction === "push";
  const links = await incidentLinksOf(ref, pageId);
  const linkOf = new Map(links.map((l) => [l.incidentId, l]));
  const seenById = new Map(seen.map((i) => [i.id, i]));
  const mappedServices = Object.keys(componentMapping);
  const incidents = await scopedDb(ref.dataspaceId).incident.findMany({
    where: { OR: [{ status: { not: "resolved" } }, { id: { in: links.map((l) => l.incidentId) } }] },
    select: { id: true, title: true, status: true, services: { where: { serviceId: { in: mappedServices } }, select: { serviceId: true } } },
    orderBy: { createdAt: "asc" },
  });
  const plan: IncidentPlan = { report: { compared: 0, drift: [] }, repairs: [], problems: [] };
  const drift = (incident: (typeof incidents)[number], statuspage: SeenIncident | null, kind: IncidentDriftKind) =>
    plan.report.drift.push({
      incident: { id: incident.id, title: incident.title, status: incident.status },
      statuspage: statuspage && { id: statuspage.id, name: statuspage.name, status: statuspage.status },
      kind,
      repaired: push,
    });
  const observedOf = (s: SeenIncident): Observed => ({ status: s.status, name: s.name });
  // The page's incidents published from ours but not linked to them, by our incident.
  const unlinked = new Map<string, SeenIncident>();
  for (const s of seen) {
    if (!s.publishedFrom) continue;
    const link = linkOf.get(s.publishedFrom);
    if (!link) unlinked.set(s.publishedFrom, s);
    else if (link.statuspageIncidentId !== s.id) {
      plan.problems.push(`Statuspage incident ${s.id} ("${s.name}") was published from incident ${s.publishedFrom} too, which is linked to ${link.statuspageIncidentId}: resolve the duplicate on Statuspage`);
    }
  }

  for (const incident of incidents) {
    const link = linkOf.get(incident.id);
    const open = incident.status !== "resolved";
    if (!link) {
      if (!open) continue;
      const orphan = unlinked.get(incident.id);
      if (orphan) {
        plan.report.compared += 1;
        drift(incident, orphan, "unlinked");
        if (push) plan.repairs.push({ incidentId: incident.id, observed: observedOf(orphan), adopt: orphan });
      } else if (incident.services.length > 0) {
        drift(incident, null, "missing");
        if (push) plan.repairs.push({ incidentId: incident.id, observed: null, adopt: null });
      }
      continue;
    }
    const there = seenById.get(link.statuspageIncidentId) ?? null;
    plan.report.compared += 1;
    if (!there) {
      // Linked after the list was taken: a publish that ran meanwhile, nothing to compare yet.
      if (open && link.createdAt.toISOString() <= listedAt) {
        plan.report.drift.push({ incident: { id: incident.id, title: incident.title, status: incident.status }, statuspage: { id: link.statuspageIncidentId, name: link.published.name ?? "", status: "resolved" }, kind: "resolved_there", repaired: false });
      }
      continue;
    }
    const kind: IncidentDriftKind | null = !open ? "resolved_here" : there.status !== incident.status ? "status" : there.name !== statuspageName(incident.title) ? "name" : null;
    if (!kind) continue;
    drift(incident, there, kind);
    if (push) plan.repairs.push({ incidentId: incident.id, observed: observedOf(there), adopt: null });
  }
  return plan;
}

/** One repair: the page's incident made to match ours (one API call), after linking it when it was published but not linked. */
export async function repairIncident(ref: IntegrationRef, repair: IncidentRepair, deps: OutboundDeps): Promise<{ done: string } | { skipped: string }> {
  if (repair.adopt) {
    const outbound = await loadOutbound(ref.dataspaceId, ref.integrationId, deps);
    if (isSkipped(outbound)) return outbound;
    const latest = await scopedDb(ref.dataspaceId).incidentUpdate.findFirst({ where: { incidentId: repair.incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const components = repair.adopt.components;
    // What the page shows is what was sent; its first update carried the latest message of the time, taken as this one.
    await saveLink(ref, { incidentId: repair.incidentId }, {
      pageId: outbound.settings.pageId,
      statuspageIncidentId: repair.adopt.id,
      published: { name: repair.adopt.name, status: repair.adopt.status, bodyKey: latest ? `entry:${latest.id}` : null, componentIds: Object.keys(components).sort(), components },
    });
  }
  const outcome = await publishIncidentTo(ref, repair.incidentId, deps, repair.observed ?? undefined);
  if ("skipped" in outcome) return outcome;
  return { done: "created" in outcome ? outcome.created : "updated" in outcome ? outcome.updated : outcome.unchanged };
}

import { randomBytes } from "node:crypto";
import type { ComponentStatus, FakeComponent, FakeIncident, FakeIncidentUpdate, FakePage } from "./fake-statuspage";

/**
 * The fake Statuspage's objects as the API shows them, and the rules it applies when an incident
 * is created or changed: pure functions over a page's state, kept apart from the server (its
 * transport, contract gate, faults and control routes) in fake-statuspage.ts.
 */
const now = () => new Date().toISOString();

export const INCIDENT_STATUSES = new Set(["investigating", "identified", "monitoring", "resolved"]);
const SCHEDULED_STATUSES = new Set(["scheduled", "in_progress", "verifying", "completed"]);

export const fakeId = () => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join("");
};

export type Answer = { status: number; body: unknown; violation?: boolean };
export const notFound = (): Answer => ({ status: 404, body: { message: "The requested resource could not be found." } });
export const refused = (message: string): Answer => ({ status: 422, body: { message }, violation: true });

export function paged<T>(items: T[], query: URLSearchParams): T[] {
  const page = Number(query.get("page") ?? 1);
  const perPage = Math.min(Number(query.get("per_page") ?? 100), 100);
  return items.slice((page - 1) * perPage, page * perPage);
}

export function componentJson(page: FakePage, c: FakeComponent) {
  return {
    id: c.id,
    page_id: page.id,
    group_id: null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    group: c.group,
    name: c.name,
    description: c.description,
    position: c.position,
    status: c.status,
    showcase: true,
    only_show_if_degraded: false,
    start_date: null,
  };
}

export function impactOf(page: FakePage, incident: FakeIncident): string {
  if (incident.impactOverride) return incident.impactOverride;
  if (SCHEDULED_STATUSES.has(incident.status)) return "maintenance";
  const statuses = incident.componentIds.map((id) => page.components.get(id)?.status);
  if (statuses.includes("major_outage")) return "critical";
  if (statuses.includes("partial_outage")) return "major";
  if (statuses.includes("degraded_performance")) return "minor";
  return "none";
}

export function incidentJson(page: FakePage, i: FakeIncident) {
  return {
    id: i.id,
    page_id: page.id,
    name: i.name,
    status: i.status,
    impact: impactOf(page, i),
    impact_override: i.impactOverride,
    shortlink: `https://stspg.io/${i.id.slice(0, 5)}`,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    monitoring_at: null,
    resolved_at: i.resolvedAt,
    scheduled_for: i.scheduledFor,
    scheduled_until: i.scheduledUntil,
    scheduled_auto_in_progress: i.scheduledAutoInProgress,
    scheduled_auto_completed: i.scheduledAutoCompleted,
    scheduled_remind_prior: false,
    metadata: i.metadata,
    components: i.componentIds.flatMap((id) => {
      const c = page.components.get(id);
      return c ? [componentJson(page, c)] : [];
    }),
    incident_updates: [...i.updates].reverse().map((u) => ({
      id: u.id,
      incident_id: i.id,
      body: u.body,
      status: u.status,
      deliver_notifications: u.deliverNotifications,
      created_at: u.createdAt,
      display_at: u.createdAt,
      affected_components: u.affectedComponents,
    })),
  };
}

/** Applies an incident's fields (create or update); an error message when the API would refuse them. */
export function applyIncident(page: FakePage, incident: FakeIncident, input: Record<string, unknown>, creating: boolean): string | null {
  const componentIds = (input.component_ids as string[] | undefined) ?? [];
  const statuses = (input.components as Record<string, ComponentStatus> | undefined) ?? {};
  const unknown = [...componentIds, ...Object.keys(statuses)].filter((id) => !page.components.has(id));
  if (unknown.length > 0) return `Component${unknown.length > 1 ? "s" : ""} not found: ${[...new Set(unknown)].join(", ")}`;
  const status = (input.status as string | undefined) ?? (creating ? (input.scheduled_for ? "scheduled" : "investigating") : incident.status);
  const scheduled = SCHEDULED_STATUSES.has(status);
  if (!creating && scheduled !== SCHEDULED_STATUSES.has(incident.status)) return `status ${status} is not valid for a ${SCHEDULED_STATUSES.has(incident.status) ? "scheduled" : "realtime"} incident`;
  const scheduledFor = (input.scheduled_for as string | undefined) ?? incident.scheduledFor;
  const scheduledUntil = (input.scheduled_until as string | undefined) ?? incident.scheduledUntil;
  if (scheduled && (!scheduledFor || !scheduledUntil)) return "scheduled_for and scheduled_until are required for a scheduled incident";
  if (scheduled && Date.parse(scheduledUntil!) <= Date.parse(scheduledFor!)) return "scheduled_until must be after scheduled_for";
  if (!scheduled && !INCIDENT_STATUSES.has(status)) return `status ${status} is not valid`;

  if (typeof input.name === "string") incident.name = input.name;
  incident.status = status;
  incident.scheduledFor = scheduledFor ?? null;
  incident.scheduledUntil = scheduledUntil ?? null;
  if (typeof input.scheduled_auto_in_progress === "boolean") incident.scheduledAutoInProgress = input.scheduled_auto_in_progress;
  if (typeof input.scheduled_auto_completed === "boolean") incident.scheduledAutoCompleted = input.scheduled_auto_completed;
  if (typeof input.impact_override === "string") incident.impactOverride = input.impact_override;
  if (input.metadata) incident.metadata = input.metadata as Record<string, unknown>;
  const affected = [...new Set([...componentIds, ...Object.keys(statuses)])];
  if (input.component_ids !== undefined || input.components !== undefined) incident.componentIds = [...new Set([...incident.componentIds, ...affected])];
  const at = now();
  const changes: FakeIncidentUpdate["affectedComponents"] = [];
  for (const [id, next] of Object.entries(statuses)) {
    const component = page.components.get(id)!;
    if (component.status !== next) changes.push({ code: id, old_status: component.status, new_status: next });
    component.status = next;
    component.updatedAt = at;
  }
  if (status === "resolved" || status === "completed") incident.resolvedAt ??= at;
  incident.updatedAt = at;
  const statusChanged = creating || input.status !== undefined;
  if (typeof input.body === "string" || statusChanged) {
    const deliver = input.deliver_notifications !== false;
    incident.updates.push({ id: fakeId(), status, body: (input.body as string | undefined) ?? "", deliverNotifications: deliver, createdAt: at, affectedComponents: changes });
    if (deliver) for (const subscriber of page.subscribers) page.notifications.push({ subscriber, incidentId: incident.id, status });
  }
  return null;
}

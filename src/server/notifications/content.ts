import { describeEvent } from "@/server/events/event-summary";
import { renderTemplate } from "@/server/webhooks/rules";
import type { NotificationContent } from "./channel";

/**
 * What a message about an event says, before a channel renders it: a good default per event
 * type (alerts, incidents, requests, comments, maintenance, deployments, services, webhook
 * health), the one-line event summary for any other type, or the rule's own template. Rendered
 * once, when the message is made (fan-out), so every attempt sends the same words.
 */
export type EventForContent = { id: string; type: string; data: unknown; createdAt: Date; actorId?: string | null };

/** A rule's template: title and text with `{{ data.… }}` / `{{ event.… }}` placeholders (webhooks/rules/template.ts). */
export type MessageTemplate = { title: string; text?: string };

const MAX_TITLE = 300;
const MAX_TEXT = 3_000;
const MAX_FACT = 300;

type Fields = Record<string, unknown>;
// Own properties only: a payload key like `__proto__` must not reach inherited ones.
const fields = (value: unknown): Fields => (value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {});
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
const human = (value: unknown) => text(value)?.replace(/_/g, " ") ?? null;
const cut = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** `verbatim`: shown as it is (a URL, a name), not with its underscores read as spaces (a status). */
function fact(name: string, value: unknown, verbatim = false): { name: string; value: string }[] {
  const shown = typeof value === "number" ? String(value) : verbatim ? text(value) : human(value);
  return shown ? [{ name, value: cut(shown, MAX_FACT) }] : [];
}

type Draft = Omit<NotificationContent, "eventType" | "digest">;

function alertContent(type: string, data: Fields): Draft {
  const verb = type === "alert.acknowledged" ? "acknowledged" : type === "alert.resolved" ? "resolved" : "triggered";
  const severity = text(data.severity);
  const tone = verb === "resolved" ? "good" : severity === "critical" || severity === "error" ? "critical" : severity === "warning" ? "warning" : "info";
  return {
    title: `Alert ${verb}: ${text(data.title) ?? "untitled"}`,
    text: text(data.description) ?? "",
    facts: [
      ...fact("Severity", severity),
      ...fact("Service", fields(data.service).name),
      ...fact("Source", data.source),
      ...(typeof data.count === "number" && data.count > 1 ? fact("Occurrences", data.count) : []),
      ...fact("Acknowledged by", verb === "acknowledged" ? data.acknowledged_by : null),
      ...fact("Incident", fields(data.incident).title),
    ],
    url: text(data.absolute_url),
    tone,
    subject: text(data.uuid) ? { kind: "alert", id: text(data.uuid)!, state: text(data.status) } : null,
  };
}

function incidentContent(type: string, data: Fields): Draft {
  const update = fields(data.update);
  const what = type === "incident.created" ? "declared" : type === "incident.resolved" ? "resolved" : "updated";
  const severity = text(data.severity);
  const services = Array.isArray(data.affected_services) ? data.affected_services.map((s) => text(fields(s).name)).filter(Boolean).join(", ") : null;
  return {
    title: `Incident ${what}: ${text(data.title) ?? "untitled"}`,
    text: text(update.message) ?? "",
    facts: [...fact("Status", data.status), ...fact("Severity", severity), ...fact("Affected", services)],
    url: text(data.absolute_url),
    tone: what === "resolved" ? "good" : severity === "critical" || severity === "major" ? "critical" : "warning",
    subject: text(data.uuid) ? { kind: "incident", id: text(data.uuid)!, state: text(data.status) } : null,
  };
}

function requestContent(type: string, data: Fields): Draft {
  const changes = Object.keys(fields(data.changes)).map((field) => field.replace(/_/g, " "));
  const status = text(data.status);
  const title = type === "request.added" ? `New request: ${text(data.title) ?? "untitled"}` : `Request ${status === "closed" ? "closed" : "updated"}: ${text(data.title) ?? "untitled"}`;
  return {
    title,
    text: type === "request.added" ? (text(data.notes) ?? "") : changes.length ? `Changed: ${changes.join(", ")}` : "",
    facts: [...fact("Status", status), ...fact("Priority", data.priority), ...fact("Assignee", data.assignee), ...fact("Requester", type === "request.added" ? data.requester : null)],
    url: text(data.absolute_url),
    tone: "info",
    subject: text(data.uuid) ? { kind: "request", id: text(data.uuid)!, state: status } : null,
  };
}

function commentContent(data: Fields): Draft {
  const request = fields(data.request);
  const source = fields(data.source);
  const author = text(source.author) ?? text(data.user) ?? "someone";
  return {
    title: `${author} commented on ${text(request.title) ?? "a request"}`,
    text: text(data.text) ?? "",
    facts: text(source.platform) ? fact("Via", source.platform) : [],
    url: text(request.absolute_url),
    tone: "info",
    subject: text(request.uuid) ? { kind: "request", id: text(request.uuid)!, state: text(request.status) } : null,
  };
}

function maintenanceContent(type: string, data: Fields): Draft {
  const what = type.slice("maintenance.".length).replace(/_/g, " ");
  return {
    title: `Maintenance ${what}: ${text(data.title) ?? "untitled"}`,
    text: text(fields(data.update).message) ?? text(data.description) ?? "",
    facts: [...fact("Status", data.status), ...fact("Starts", data.scheduled_start), ...fact("Ends", data.scheduled_end)],
    url: text(data.absolute_url),
    tone: type === "maintenance.completed" ? "good" : "info",
    subject: text(data.uuid) ? { kind: "maintenance", id: text(data.uuid)!, state: text(data.status) } : null,
  };
}

function deploymentContent(data: Fields): Draft {
  const status = text(data.status);
  const what = [text(data.service), text(data.version) ?? text(data.ref) ?? text(data.sha)?.slice(0, 7)].filter(Boolean).join(" ");
  return {
    title: `Deployment ${human(status) ?? "reported"}: ${what || "a deployment"} to ${text(data.environment) ?? "an environment"}`,
    text: text(data.description) ?? "",
    facts: [...fact("Environment", data.environment), ...fact("Ref", data.ref), ...fact("Commit", text(data.sha)?.slice(0, 12))],
    url: text(data.absolute_url),
    tone: status === "failure" || status === "error" ? "critical" : status === "success" ? "good" : "info",
    subject: text(data.uuid) ? { kind: "deployment", id: text(data.uuid)!, state: status } : null,
  };
}

function endpointHealthContent(type: string, data: Fields): Draft {
  const paused = type === "webhook_endpoint.paused";
  return {
    title: `Webhook ${paused ? "paused" : "disabled"}: ${text(data.description) ?? text(data.url) ?? "an endpoint"}`,
    text: text(data.reason) ?? "",
    facts: [...fact("URL", data.url, true), ...fact("Failures in a row", data.consecutive_failures), ...fact("Paused until", paused ? data.paused_until : null)],
    url: text(data.dashboard_url),
    tone: paused ? "warning" : "critical",
    subject: null,
  };
}

function serviceContent(type: string, data: Fields): Draft {
  const status = human(data.status);
  return {
    title: type === "service.status_changed" ? `${text(data.name) ?? "A service"} is ${status ?? "changed"}` : `Service ${type.slice("service.".length)}: ${text(data.name) ?? ""}`,
    text: type === "service.status_changed" ? `Was ${human(data.previous_status) ?? "unknown"}.` : (text(data.description) ?? ""),
    facts: fact("Status", data.status),
    url: text(data.absolute_url),
    tone: text(data.status) === "operational" ? "good" : text(data.status) === "major_outage" ? "critical" : "warning",
    subject: null,
  };
}

function issueSyncFailedContent(data: Fields): Draft {
  const request = fields(data.request);
  const integration = fields(data.integration);
  const paused = data.sync_paused === true ? " Its sync is paused until an admin saves the integration." : "";
  return {
    title: `Issue sync failed: “${text(request.title) ?? "a request"}” on ${text(integration.name) ?? "an integration"}`,
    text: `${text(data.last_error) ?? ""}${paused}`.trim(),
    facts: [...fact("Integration", integration.name, true), ...fact("Platform", integration.type), ...fact("Issue", data.issue_url, true)],
    url: text(request.absolute_url),
    tone: "critical",
    subject: null,
  };
}

function defaultDraft(event: EventForContent): Draft {
  const data = fields(event.data);
  const type = event.type;
  if (type.startsWith("alert.")) return alertContent(type, data);
  if (type.startsWith("incident.")) return incidentContent(type, data);
  if (type === "request.added" || type === "request.updated") return requestContent(type, data);
  if (type === "request_comment.added") return commentContent(data);
  if (type.startsWith("maintenance.")) return maintenanceContent(type, data);
  if (type.startsWith("deployment.")) return deploymentContent(data);
  if (type.startsWith("webhook_endpoint.")) return endpointHealthContent(type, data);
  if (type.startsWith("service.")) return serviceContent(type, data);
  if (type === "issue_sync.failed") return issueSyncFailedContent(data);
  if (type === "notification_rule.failing") {
    return { title: `Notification rule failing: ${text(data.name) ?? "a rule"}`, text: text(data.last_error) ?? "", facts: fact("Channel", data.channel), url: text(data.dashboard_url), tone: "critical", subject: null };
  }
  const { summary } = describeEvent({ type, data: event.data, actorId: event.actorId ?? null });
  return { title: `${type}: ${summary}`, text: "", facts: [], url: null, tone: "info", subject: null };
}

/** The message for `event`: the default for its type, with the rule's template's title and text when it has one. */
export function contentOf(event: EventForContent, template: MessageTemplate | null, rule: { id: string; channel: string }): NotificationContent {
  const draft = defaultDraft(event);
  const own = template ? renderOwn(template, event, rule) : null;
  return {
    eventType: event.type,
    ...draft,
    title: cut(own?.title ?? draft.title, MAX_TITLE),
    text: cut(own?.text ?? draft.text, MAX_TEXT),
  };
}

function renderOwn(template: MessageTemplate, event: EventForContent, rule: { id: string; channel: string }): { title: string; text: string | null } {
  const roots = { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: event.data, hook: { uuid: rule.id, event: event.type, target: rule.channel } };
  // The template engine fills JSON text; a title and text are its two strings.
  const rendered = JSON.parse(renderTemplate(JSON.stringify({ title: template.title, text: template.text ?? null }), roots)) as { title: unknown; text: unknown };
  return { title: String(rendered.title ?? "").trim(), text: template.text === undefined ? null : String(rendered.text ?? "").trim() };
}

/** The digest for a throttled minute: how many events it stands for, and of which types. */
export function digestContent(input: { ruleName: string; count: number; eventTypes: string[]; since: Date; until: Date; url: string | null }): NotificationContent {
  const types = input.eventTypes.slice(0, 10);
  return {
    eventType: "digest",
    title: `${input.count} more event${input.count === 1 ? "" : "s"} for “${cut(input.ruleName, 100)}”`,
    text: `Over the rule's limit of messages a minute, these were folded into this digest: ${types.join(", ")}${input.eventTypes.length > types.length ? ", …" : ""}.`,
    facts: [],
    url: input.url,
    tone: "warning",
    subject: null,
    digest: { count: input.count, eventTypes: input.eventTypes, since: input.since.toISOString(), until: input.until.toISOString() },
  };
}

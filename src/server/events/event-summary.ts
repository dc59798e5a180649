import { familyOf } from "./families";

/** Where an event came from: an integration (family events), a person, or the app itself. */
export type EventSource =
  | { kind: "integration"; uuid: string; name: string; type: string }
  | { kind: "user"; uuid: string }
  | { kind: "system" };

export type EventDescription = { source: EventSource; summary: string };

const MAX_SUMMARY = 160;

type Fields = Record<string, unknown>;

// Own properties only: payloads are JSON, and a key like `__proto__` must not reach inherited ones.
const fields = (value: unknown): Fields =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.replace(/\s+/g, " ").trim() : undefined);
const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const quoted = (value: string) => `“${value}”`;

function clip(line: string): string {
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}

/** The envelope's `summary` (see families.ts) in one line: `octo/app #7 “Fix the login”`, `3 commits to main`. */
function familyLine(type: string, summary: Fields): string {
  const subject = [text(summary.repository) ?? text(summary.project) ?? text(summary.page), count(summary.number) !== undefined ? `#${count(summary.number)}` : undefined]
    .filter(Boolean)
    .join(" ");
  const title = text(summary.title) ?? text(summary.name) ?? text(summary.message) ?? text(summary.text) ?? text(summary.command);
  if (title) return [subject, quoted(title)].filter(Boolean).join(" ");
  const commits = count(summary.commits);
  const ref = text(summary.ref)?.replace(/^refs\/(heads|tags)\//, "");
  if (commits !== undefined && ref) return [subject, `${commits} commit${commits === 1 ? "" : "s"} to ${ref}`].filter(Boolean).join(": ");
  const what = text(summary.status) ?? text(summary.transition) ?? text(summary.action) ?? text(summary.event_type);
  return [subject, what].filter(Boolean).join(": ") || type;
}

/** The catalog's and custom types' payloads in one line. */
function recordLine(type: string, data: Fields): string {
  if (type === "request_comment.added") {
    const comment = text(data.text) ?? "";
    return `On ${quoted(text(fields(data.request).title) ?? "")}: ${comment.length > 80 ? `${comment.slice(0, 80)}…` : comment}`;
  }
  if (type === "request.updated" || type === "service.updated") {
    const changed = Object.keys(fields(data.changes)).map((field) => field.replace(/_/g, " "));
    return `${quoted(text(data.title) ?? text(data.name) ?? "")}: changed ${changed.join(", ") || "nothing"}`;
  }
  if (type === "service.status_changed") {
    const status = (value: unknown) => text(value)?.replace(/_/g, " ") ?? "?";
    return `${quoted(text(data.name) ?? "")}: ${status(data.previous_status)} → ${status(data.status)}`;
  }
  if (type === "maintenance.updated") {
    const update = text(fields(data.update).message);
    if (update) return `${quoted(text(data.title) ?? "")}: ${update.length > 80 ? `${update.slice(0, 80)}…` : update}`;
    const changed = Object.keys(fields(data.changes)).map((field) => field.replace(/_/g, " "));
    return `${quoted(text(data.title) ?? "")}: changed ${changed.join(", ") || "nothing"}`;
  }
  if (type.startsWith("deployment.")) {
    // "Checkout API to production: success (3f2a9c1)"
    const what = [text(data.service) ?? "Deployment", text(data.environment) && `to ${text(data.environment)}`].filter(Boolean).join(" ");
    const sha = text(data.sha)?.slice(0, 7);
    const moved = text(data.previous_status) ? `${text(data.previous_status)} → ${text(data.status)}` : text(data.status);
    return `${what}: ${moved ?? ""}${sha ? ` (${sha})` : ""}`;
  }
  if (type === "issue_sync.failed") {
    // "“Checkout is slow” on GitHub acme/app: GitHub refused the token (401: Bad credentials)"
    return `${quoted(text(fields(data.request).title) ?? "")} on ${text(fields(data.integration).name) ?? ""}: ${text(data.last_error) ?? ""}`;
  }
  if (type.startsWith("webhook_endpoint.")) {
    const endpoint = text(data.description) ?? text(data.url) ?? "";
    return [endpoint, text(data.reason)].filter(Boolean).join(": ");
  }
  for (const key of ["title", "name", "summary", "message"]) {
    const value = text(data[key]);
    if (value) return quoted(value);
  }
  if (!type.startsWith("custom.")) return "";
  // A custom type's data has whatever shape its schema gives: its first few plain fields.
  return Object.entries(data)
    .flatMap(([key, value]) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [`${key}: ${String(value).replace(/\s+/g, " ")}`] : []))
    .slice(0, 3)
    .join(", ");
}

/**
 * An event's source and one-line summary, for every surface that lists events (the Events page
 * through tRPC, `GET /api/v1/events`): family events name the integration that received them and
 * what happened there (the PR or issue title, the alert); records name their title.
 */
export function describeEvent(event: { type: string; data: unknown; actorId: string | null }): EventDescription {
  const data = fields(event.data);
  const family = familyOf(event.type);
  if (family !== null && family !== "custom.*") {
    const integration = fields(data.integration);
    const uuid = text(integration.uuid);
    const source: EventSource = uuid
      ? { kind: "integration", uuid, name: text(integration.name) ?? event.type.split(".")[0], type: text(integration.type) ?? "" }
      : event.actorId
        ? { kind: "user", uuid: event.actorId }
        : { kind: "system" };
    return { source, summary: clip(familyLine(event.type, fields(data.summary))) };
  }
  return { source: event.actorId ? { kind: "user", uuid: event.actorId } : { kind: "system" }, summary: clip(recordLine(event.type, data)) };
}

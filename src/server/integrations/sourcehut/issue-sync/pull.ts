import type { PulledChange } from "@/server/issue-sync/tracker";
import { at, isObject, num, str } from "../../shared/read";
import { graphqlPart } from "../payloads";
import { TODO_SR_HT_URL, issueOf, parseTrackerName, ticketUrl, type TodoTicket } from "./tracker";

/** Who did it, when the delivery does not say (sr.ht's TICKET_UPDATE names no actor). */
const SOMEONE = "someone on SourceHut";

type WebhookTicket = TodoTicket & { tracker: string; submitter: string | null };

/** The tracker a webhook ticket belongs to ("~owner/name"): its `tracker`, else its `ref` ("~owner/name#12"). */
function trackerOf(ticket: unknown): string | null {
  const owner = str(ticket, "tracker.owner.canonicalName");
  const name = str(ticket, "tracker.name");
  if (owner && name) return `${owner}/${name}`;
  return /^(~[^/#\s]+\/[^#\s]+)#\d+$/.exec(str(ticket, "ref") ?? "")?.[1] ?? null;
}

function ticketOf(value: unknown, fallbackTracker: string | null): WebhookTicket | null {
  if (!isObject(value) || typeof value.id !== "number" || typeof value.subject !== "string" || typeof value.status !== "string") return null;
  const tracker = trackerOf(value) ?? fallbackTracker;
  if (!tracker) return null;
  const labels = Array.isArray(value.labels) ? value.labels.flatMap((label) => (typeof str(label, "name") === "string" ? [{ name: str(label, "name")! }] : [])) : [];
  return {
    id: value.id,
    ref: str(value, "ref"),
    subject: value.subject,
    body: typeof value.body === "string" ? value.body : null,
    status: value.status,
    updated: str(value, "updated") ?? new Date(0).toISOString(),
    labels,
    tracker,
    submitter: str(value, "submitter.canonicalName") ?? null,
  };
}

const STATUS_ACTION = (oldStatus: string | undefined, newStatus: string | undefined) =>
  newStatus === "RESOLVED" && oldStatus !== "RESOLVED" ? "closed" : oldStatus === "RESOLVED" && newStatus !== "RESOLVED" ? "reopened" : "edited";

/**
 * What a todo.sr.ht tracker webhook says, in the sync's terms. Its body is the result of the query
 * registered with it (operations.ts, TRACKER_WEBHOOK_QUERY): `TICKET_CREATED` and `TICKET_UPDATE`
 * carry the ticket; `EVENT_CREATED` carries an event of a ticket — a comment, a status change or
 * a label added or removed (sr.ht sends no TICKET_UPDATE for a comment, nor for a label), with the
 * ticket as it now is; `TICKET_DELETED` the ticket's number. A comment's id is its event's.
 *
 * One delivery is one change here (IssueSyncPlatform.pull): an event that both comments and
 * changes the status ("Comment & resolve") is taken as the comment, which would otherwise be lost;
 * the status reaches the request with the ticket's next webhook, which carries its whole state.
 * sr.ht has no pull requests (patches go by mail): nothing is ever a pull_request change.
 *
 * `config` (the integration's stored config) gives the URLs their host (`todoUrl`); without it
 * they are on todo.sr.ht.
 */
export function pullSourcehutChange(input: { eventType: string; payload: unknown; config?: Readonly<Record<string, unknown>> }): PulledChange | null {
  const webhook = graphqlPart(input.payload);
  if (!isObject(webhook)) return null;
  const event = (str(webhook, "event") ?? input.eventType).toUpperCase();
  const todoUrl = typeof input.config?.todoUrl === "string" ? input.config.todoUrl : TODO_SR_HT_URL;
  const configured = typeof input.config?.tracker === "string" ? input.config.tracker : null;

  if (event === "TICKET_CREATED" || event === "TICKET_UPDATE") {
    const ticket = ticketOf(webhook.ticket, configured);
    if (!ticket) return null;
    const created = event === "TICKET_CREATED";
    // sr.ht's TICKET_UPDATE carries the ticket as its resolver held it: changed, but with the
    // `updated` from before the change. The delivery's `date`, taken just after it, stands for it.
    const date = str(webhook, "date");
    const updated = !created && date && Date.parse(date) > Date.parse(ticket.updated) ? new Date(date).toISOString() : ticket.updated;
    return { kind: "issue", action: created ? "opened" : "edited", issue: issueOf(todoUrl, ticket.tracker, { ...ticket, updated }), actor: (created && ticket.submitter) || SOMEONE };
  }

  if (event === "TICKET_DELETED") {
    const id = num(webhook, "ticketId");
    if (id === undefined) return null;
    const key = configured ? `${configured}#${id}` : `ticket #${id}`;
    const issue = { id: String(id), key, url: configured ? ticketUrl(todoUrl, configured, id) : "", title: "", body: "", state: "closed" as const, labels: [], updatedAt: str(webhook, "date") ?? "" };
    return { kind: "issue", action: "deleted", issue, actor: SOMEONE };
  }

  if (event !== "EVENT_CREATED") return null;
  const newEvent = at(webhook, "newEvent");
  const eventId = num(newEvent, "id");
  const ticket = ticketOf(at(newEvent, "ticket"), configured);
  const changes = at(newEvent, "changes");
  if (eventId === undefined || !ticket || !Array.isArray(changes)) return null;
  const change = (type: string) => changes.find((c) => str(c, "eventType") === type);

  const comment = change("COMMENT");
  if (comment) {
    const author = str(comment, "author.canonicalName") ?? SOMEONE;
    return {
      kind: "comment",
      action: "created",
      issueId: String(ticket.id),
      comment: { id: String(eventId), body: str(comment, "text") ?? "", author, url: `${ticketUrl(todoUrl, ticket.tracker, ticket.id)}#event-${eventId}` },
      actor: author,
    };
  }
  const status = change("STATUS_CHANGE");
  if (status) {
    const action = STATUS_ACTION(str(status, "oldStatus"), str(status, "newStatus"));
    return { kind: "issue", action, issue: issueOf(todoUrl, ticket.tracker, ticket), actor: str(status, "editor.canonicalName") ?? SOMEONE };
  }
  const label = change("LABEL_ADDED") ?? change("LABEL_REMOVED");
  if (label) {
    const action = str(label, "eventType") === "LABEL_ADDED" ? "labeled" : "unlabeled";
    return { kind: "issue", action, issue: issueOf(todoUrl, ticket.tracker, ticket), actor: str(label, "labeler.canonicalName") ?? SOMEONE };
  }
  return null;
}

/**
 * Why a tracker webhook's delivery is outside the integration's tracker (a webhook of another
 * tracker pointed at the same URL: its ticket numbers would name other tickets), or null. A
 * deletion names only numeric ids, and git deliveries no tracker: those are kept.
 */
export function otherTracker(payload: unknown, wanted: unknown): string | null {
  const webhook = graphqlPart(payload);
  const ticket = at(webhook, "ticket") ?? at(webhook, "newEvent.ticket");
  const named = ticket === undefined ? null : trackerOf(ticket);
  const parsed = typeof wanted === "string" ? parseTrackerName(wanted) : null;
  if (!named || !parsed || named.toLowerCase() === `~${parsed.owner}/${parsed.name}`.toLowerCase()) return null;
  return `the delivery is for the tracker ${named}; this integration keeps to ${wanted} (its tracker)`;
}

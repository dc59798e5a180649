import { randomUUID } from "node:crypto";

/**
 * The fake todo.sr.ht's world, in memory: users with personal access tokens (each with its
 * grants), trackers with their access lists, tickets numbered per tracker from 1, labels made per
 * tracker, and events — a ticket's history, a comment being an event with a COMMENT change.
 *
 * Every change goes through a method here, whoever makes it (a client through the API, a test as
 * a person on todo.sr.ht), and reports the tracker webhook payloads sr.ht would deliver for it,
 * synchronously (`onPayload`), as sr.ht evaluates the webhook's query when it schedules the
 * delivery. Which payloads, is what todo.sr.ht's resolvers send (api/graph/schema.resolvers.go):
 * submitTicket → TICKET_CREATED; updateTicket → TICKET_UPDATE; updateTicketStatus → TICKET_UPDATE
 * and EVENT_CREATED; submitComment, labelTicket, unlabelTicket → EVENT_CREATED only; deleteTicket
 * → TICKET_DELETED; createLabel → LABEL_CREATED. As there, TICKET_UPDATE carries the ticket
 * object the resolver holds, whose `updated` is still the one before the change.
 */

export const PERMISSIONS = ["browse", "submit", "comment", "edit", "triage"] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type TicketStatus = "REPORTED" | "CONFIRMED" | "IN_PROGRESS" | "PENDING" | "RESOLVED";

export type FakeUser = { id: number; username: string; email: string; created: string };
/** `grants`: e.g. "TICKETS:RW" (RW covers RO); null for a token with every grant. */
export type FakeToken = { token: string; username: string; grants: Set<string> | null; revoked: boolean };
export type FakeTracker = {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  visibility: "PUBLIC" | "UNLISTED" | "PRIVATE";
  created: string;
  updated: string;
  nextTicketId: number;
  /** Explicit access (sr.ht's user ACLs); others get `defaultAccess`, the owner everything. */
  access: Map<string, Set<Permission>>;
  defaultAccess: Set<Permission>;
};
export type FakeLabel = { id: number; trackerId: number; name: string; foreground: string; background: string; created: string };
export type FakeTicket = {
  pk: number;
  id: number;
  trackerId: number;
  subject: string;
  body: string | null;
  status: TicketStatus;
  resolution: string;
  submitter: string;
  created: string;
  updated: string;
  labelIds: number[];
};
export type EventChange =
  | { eventType: "CREATED"; author: string }
  | { eventType: "COMMENT"; author: string; text: string }
  | { eventType: "STATUS_CHANGE"; editor: string; oldStatus: TicketStatus; newStatus: TicketStatus; oldResolution: string; newResolution: string }
  | { eventType: "LABEL_ADDED" | "LABEL_REMOVED"; labeler: string; labelId: number };
export type FakeEvent = { id: number; ticketPk: number; created: string; changes: EventChange[] };
/** A tracker webhook: its query is evaluated as `username` with the grants of the token that made it. */
export type FakeHook = { id: number; trackerId: number; username: string; grants: Set<string> | null; url: string; events: string[]; query: string; created: string };

type PayloadBody =
  | { type: "TicketEvent"; ticket: FakeTicket }
  | { type: "TicketDeletedEvent"; ticketId: number }
  | { type: "EventCreated"; newEvent: FakeEvent }
  | { type: "LabelEvent"; label: FakeLabel };
export type WebhookPayload = { uuid: string; event: string; date: string; trackerId: number } & PayloadBody;

/** What sr.ht refuses, in its words; `field` for core-go's validation errors; `violation` when a correct client never sends it. */
export class FakeTodoError extends Error {
  constructor(
    message: string,
    readonly options: { field?: string; violation?: boolean } = {},
  ) {
    super(message);
  }
}

export class TodoState {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, FakeToken>();
  readonly trackers = new Map<number, FakeTracker>();
  readonly labels = new Map<number, FakeLabel>();
  readonly tickets = new Map<number, FakeTicket>();
  readonly events = new Map<number, FakeEvent>();
  readonly hooks = new Map<number, FakeHook>();
  private ids = { user: 0, tracker: 0, label: 0, ticket: 0, event: 0, hook: 0 };
  private last = 0;

  constructor(private readonly onPayload: (payload: WebhookPayload) => void) {}

  /** UTC, strictly increasing: every change has its own time, as a database's now() in separate transactions. */
  now(): string {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last).toISOString();
  }

  /** The user of this name, made when a test names someone new. */
  user(username: string): FakeUser {
    const name = username.replace(/^~/, "");
    const known = this.users.get(name);
    if (known) return known;
    if (!/^[a-z_][a-z0-9_-]*$/.test(name)) throw new Error(`"${username}" is not a sr.ht username (lower-case letters, digits, "_" and "-")`);
    const user = { id: ++this.ids.user, username: name, email: `${name}@sr.ht.test`, created: this.now() };
    this.users.set(name, user);
    return user;
  }

  addTracker(input: { owner: string; name: string; visibility?: FakeTracker["visibility"]; access?: Record<string, Permission[]>; defaultAccess?: Permission[] }): FakeTracker {
    const owner = this.user(input.owner).username;
    if (this.trackerByName(owner, input.name)) throw new Error(`the fake already has ~${owner}/${input.name}`);
    const at = this.now();
    const access = new Map(Object.entries(input.access ?? {}).map(([name, permissions]) => [this.user(name).username, new Set(permissions)]));
    const tracker: FakeTracker = {
      id: ++this.ids.tracker,
      owner,
      name: input.name,
      description: null,
      visibility: input.visibility ?? "PRIVATE",
      created: at,
      updated: at,
      nextTicketId: 1,
      access,
      // sr.ht's default for new trackers: anyone may browse, submit and comment.
      defaultAccess: new Set(input.defaultAccess ?? ["browse", "submit", "comment"]),
    };
    this.trackers.set(tracker.id, tracker);
    return tracker;
  }

  trackerByName(owner: string, name: string): FakeTracker | undefined {
    const username = owner.replace(/^~/, "");
    return [...this.trackers.values()].find((t) => t.owner === username && t.name === name);
  }

  /** What `username` may do on the tracker (sr.ht's COALESCE(ACL, owner ? all : default)). */
  permissions(tracker: FakeTracker, username: string): Set<Permission> {
    if (tracker.owner === username) return new Set(PERMISSIONS);
    return tracker.access.get(username) ?? tracker.defaultAccess;
  }

  /** Whether sr.ht shows the tracker to `username` at all (owner, not private, or an ACL entry granting something). */
  canSee(tracker: FakeTracker, username: string): boolean {
    return tracker.owner === username || tracker.visibility !== "PRIVATE" || (tracker.access.get(username)?.size ?? 0) > 0;
  }

  ticket(trackerId: number, id: number): FakeTicket | undefined {
    return [...this.tickets.values()].find((t) => t.trackerId === trackerId && t.id === id);
  }

  ticketsOf(trackerId: number): FakeTicket[] {
    return [...this.tickets.values()].filter((t) => t.trackerId === trackerId).sort((a, b) => b.id - a.id);
  }

  labelByName(trackerId: number, name: string): FakeLabel | undefined {
    return [...this.labels.values()].find((l) => l.trackerId === trackerId && l.name === name);
  }

  eventsOf(ticket: FakeTicket): FakeEvent[] {
    return [...this.events.values()].filter((e) => e.ticketPk === ticket.pk).sort((a, b) => a.id - b.id);
  }

  addHook(input: Omit<FakeHook, "id" | "created">): FakeHook {
    const hook: FakeHook = { ...input, id: ++this.ids.hook, created: this.now() };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  private emit(trackerId: number, event: string, body: PayloadBody): void {
    // sr.ht takes the delivery's date (time.Now()) once the change is committed: after the ticket's `updated`.
    this.onPayload({ uuid: randomUUID(), event, date: this.now(), trackerId, ...body });
  }

  createLabel(tracker: FakeTracker, input: { name: string; foreground: string; background: string }): FakeLabel {
    for (const [field, color] of [["foregroundColor", input.foreground], ["backgroundColor", input.background]] as const) {
      if (!/^#[0-9a-fA-F]{6}$/.test(color)) throw new FakeTodoError("Invalid color format", { field, violation: true });
    }
    if (input.name.length === 0) throw new FakeTodoError("Label name must be greater than zero in length", { violation: true });
    if (this.labelByName(tracker.id, input.name)) throw new FakeTodoError("A label by this name already exists", { field: "name", violation: true });
    const label: FakeLabel = { id: ++this.ids.label, trackerId: tracker.id, name: input.name, foreground: input.foreground, background: input.background, created: this.now() };
    this.labels.set(label.id, label);
    this.emit(tracker.id, "LABEL_CREATED", { type: "LabelEvent", label: { ...label } });
    return label;
  }

  submitTicket(tracker: FakeTracker, input: { subject: string; body: string | null }, username: string): FakeTicket {
    checkText(input.subject, input.body);
    const at = this.now();
    tracker.updated = at;
    const ticket: FakeTicket = {
      pk: ++this.ids.ticket,
      id: tracker.nextTicketId++,
      trackerId: tracker.id,
      subject: input.subject,
      body: input.body,
      status: "REPORTED",
      resolution: "UNRESOLVED",
      submitter: this.user(username).username,
      created: at,
      updated: at,
      labelIds: [],
    };
    this.tickets.set(ticket.pk, ticket);
    this.events.set(++this.ids.event, { id: this.ids.event, ticketPk: ticket.pk, created: at, changes: [{ eventType: "CREATED", author: ticket.submitter }] });
    this.emit(tracker.id, "TICKET_CREATED", { type: "TicketEvent", ticket: { ...ticket, labelIds: [...ticket.labelIds] } });
    return ticket;
  }

  /** Subject and body (null removes the body); TICKET_UPDATE with the `updated` from before, as sr.ht's resolver sends it. */
  updateTicket(ticket: FakeTicket, input: { subject?: string; body?: string | null }): FakeTicket {
    checkText(input.subject ?? "", input.body ?? null);
    const before = ticket.updated;
    if (input.subject !== undefined) ticket.subject = input.subject;
    if (input.body !== undefined) ticket.body = input.body;
    ticket.updated = this.now();
    this.emit(ticket.trackerId, "TICKET_UPDATE", { type: "TicketEvent", ticket: { ...ticket, labelIds: [...ticket.labelIds], updated: before } });
    return ticket;
  }

  /** A status change, with a comment (`text`) or not: one event; TICKET_UPDATE only without a comment, as sr.ht does. */
  changeStatus(ticket: FakeTicket, input: { status: TicketStatus; resolution?: string | null; text?: string }, username: string): FakeEvent {
    if (input.status === "RESOLVED" && !input.resolution) throw new FakeTodoError("Resolution is required when setting status to RESOLVED", { violation: true });
    if (input.status !== "RESOLVED" && input.resolution) throw new FakeTodoError("Resolution may only be provided when status is set to RESOLVED", { violation: true });
    const before = { ...ticket, labelIds: [...ticket.labelIds] };
    const actor = this.user(username).username;
    const change: EventChange = {
      eventType: "STATUS_CHANGE",
      editor: actor,
      oldStatus: ticket.status,
      newStatus: input.status,
      oldResolution: ticket.resolution,
      newResolution: input.resolution ?? "UNRESOLVED",
    };
    ticket.status = input.status;
    ticket.resolution = input.resolution ?? "UNRESOLVED";
    const event = this.addEvent(ticket, input.text === undefined ? [change] : [{ eventType: "COMMENT", author: actor, text: input.text }, change]);
    if (input.text === undefined) this.emit(ticket.trackerId, "TICKET_UPDATE", { type: "TicketEvent", ticket: { ...ticket, labelIds: [...ticket.labelIds], updated: before.updated } });
    this.emit(ticket.trackerId, "EVENT_CREATED", { type: "EventCreated", newEvent: event });
    return event;
  }

  comment(ticket: FakeTicket, text: string, username: string): FakeEvent {
    const event = this.addEvent(ticket, [{ eventType: "COMMENT", author: this.user(username).username, text }]);
    this.emit(ticket.trackerId, "EVENT_CREATED", { type: "EventCreated", newEvent: event });
    return event;
  }

  /** Adds (or removes) a label: an event; adding one the ticket has is refused, removing one it lacks is an event all the same (as sr.ht). */
  label(ticket: FakeTicket, label: FakeLabel, add: boolean, username: string): FakeEvent {
    if (add && ticket.labelIds.includes(label.id)) throw new FakeTodoError("This label is already assigned to this ticket", { violation: true });
    ticket.labelIds = add ? [...ticket.labelIds, label.id] : ticket.labelIds.filter((id) => id !== label.id);
    const event = this.addEvent(ticket, [{ eventType: add ? "LABEL_ADDED" : "LABEL_REMOVED", labeler: this.user(username).username, labelId: label.id }]);
    this.emit(ticket.trackerId, "EVENT_CREATED", { type: "EventCreated", newEvent: event });
    return event;
  }

  deleteTicket(ticket: FakeTicket): void {
    this.tickets.delete(ticket.pk);
    for (const event of this.eventsOf(ticket)) this.events.delete(event.id);
    this.emit(ticket.trackerId, "TICKET_DELETED", { type: "TicketDeletedEvent", ticketId: ticket.id });
  }

  /** An event and the ticket's `updated`, at the same time (one transaction at sr.ht). */
  private addEvent(ticket: FakeTicket, changes: EventChange[]): FakeEvent {
    const at = this.now();
    ticket.updated = at;
    const event: FakeEvent = { id: ++this.ids.event, ticketPk: ticket.pk, created: at, changes };
    this.events.set(event.id, event);
    return event;
  }
}

/** sr.ht's limits, in bytes: a subject under 2049, a body up to 16 KiB. */
function checkText(subject: string, body: string | null): void {
  if (Buffer.byteLength(subject) > 2048) throw new FakeTodoError("Ticket subject must be fewer than to 2049 characters.", { field: "subject" });
  if (body !== null && Buffer.byteLength(body) > 16384) throw new FakeTodoError("Ticket body must be less than 16 KiB in size", { field: "body" });
}

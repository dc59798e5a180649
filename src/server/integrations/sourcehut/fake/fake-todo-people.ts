import type { FakeEvent, FakeTicket, FakeTracker, TodoState } from "./fake-todo-state";

/**
 * People on todo.sr.ht, for tests: what a person does in its web UI (which calls the same API),
 * each change going through the world like an API client's, so it is sent to the tracker's
 * webhooks the same way. A person must be allowed what they do (the tracker's access), or the
 * helper throws: a test that asks for the impossible is wrong.
 */
type TicketRef = { tracker: string; id: number; username: string };
export type TicketSnapshot = Omit<FakeTicket, "labelIds"> & { labels: string[] };

export function people(state: TodoState) {
  const trackerOf = (name: string): FakeTracker => {
    const [owner, tracker] = name.replace(/^~/, "").split("/");
    const found = owner && tracker ? state.trackerByName(owner, tracker) : undefined;
    if (!found) throw new Error(`the fake has no tracker ${name}`);
    return found;
  };
  const allowed = (tracker: FakeTracker, username: string, permission: "browse" | "submit" | "comment" | "edit" | "triage") => {
    const name = state.user(username).username;
    if (!state.canSee(tracker, name) || !state.permissions(tracker, name).has(permission)) throw new Error(`~${name} may not ${permission} on ~${tracker.owner}/${tracker.name}`);
    return name;
  };
  const ticketOf = (ref: TicketRef, permission: "comment" | "edit" | "triage") => {
    const tracker = trackerOf(ref.tracker);
    const username = allowed(tracker, ref.username, permission);
    const ticket = state.ticket(tracker.id, ref.id);
    if (!ticket) throw new Error(`the fake has no ticket ${ref.tracker}#${ref.id}`);
    return { tracker, ticket, username };
  };
  const snapshot = (ticket: FakeTicket): TicketSnapshot => {
    const { labelIds, ...rest } = ticket;
    return { ...rest, labels: labelIds.map((id) => state.labels.get(id)!.name) };
  };

  return {
    trackerOf,
    snapshot,
    userSubmitsTicket(input: { tracker: string; username: string; subject: string; body?: string | null }): TicketSnapshot {
      const tracker = trackerOf(input.tracker);
      return snapshot(state.submitTicket(tracker, { subject: input.subject, body: input.body ?? null }, allowed(tracker, input.username, "submit")));
    },
    userEditsTicket(input: TicketRef & { subject?: string; body?: string | null }): TicketSnapshot {
      const { ticket } = ticketOf(input, "edit");
      return snapshot(state.updateTicket(ticket, { ...(input.subject === undefined ? {} : { subject: input.subject }), ...(input.body === undefined ? {} : { body: input.body }) }));
    },
    /** "Resolve" (FIXED unless said), with a comment when `comment` is given ("Comment & resolve"). */
    userResolvesTicket(input: TicketRef & { resolution?: string; comment?: string }): FakeEvent {
      const { ticket, username } = ticketOf(input, "triage");
      return state.changeStatus(ticket, { status: "RESOLVED", resolution: input.resolution ?? "FIXED", text: input.comment }, username);
    },
    userReopensTicket(input: TicketRef & { comment?: string }): FakeEvent {
      const { ticket, username } = ticketOf(input, "triage");
      return state.changeStatus(ticket, { status: "REPORTED", text: input.comment }, username);
    },
    /** Labels added and removed; a label the tracker lacks is made first, as its owner would. */
    userLabelsTicket(input: TicketRef & { add?: string[]; remove?: string[] }): TicketSnapshot {
      const { tracker, ticket, username } = ticketOf(input, "triage");
      for (const name of input.remove ?? []) {
        const label = state.labelByName(tracker.id, name);
        if (label && ticket.labelIds.includes(label.id)) state.label(ticket, label, false, username);
      }
      for (const name of input.add ?? []) {
        const label = state.labelByName(tracker.id, name) ?? state.createLabel(tracker, { name, foreground: "#FFFFFF", background: "#0366D6" });
        if (!ticket.labelIds.includes(label.id)) state.label(ticket, label, true, username);
      }
      return snapshot(ticket);
    },
    userComments(input: TicketRef & { text: string }): FakeEvent {
      const { ticket, username } = ticketOf(input, "comment");
      return state.comment(ticket, input.text, username);
    },
    userDeletesTicket(input: TicketRef): void {
      state.deleteTicket(ticketOf(input, "edit").ticket);
    },
    ticket(tracker: string, id: number): TicketSnapshot {
      const ticket = state.ticket(trackerOf(tracker).id, id);
      if (!ticket) throw new Error(`the fake has no ticket ${tracker}#${id}`);
      return snapshot(ticket);
    },
    /** Oldest first. */
    tickets: (tracker: string): TicketSnapshot[] => state.ticketsOf(trackerOf(tracker).id).reverse().map(snapshot),
    /** The ticket's comments, oldest first: each an event's COMMENT change, with the event's id. */
    comments(tracker: string, id: number): { id: number; text: string; author: string }[] {
      const ticket = state.ticket(trackerOf(tracker).id, id);
      if (!ticket) throw new Error(`the fake has no ticket ${tracker}#${id}`);
      return state.eventsOf(ticket).flatMap((event) => event.changes.flatMap((c) => (c.eventType === "COMMENT" ? [{ id: event.id, text: c.text, author: `~${c.author}` }] : [])));
    },
    labels: (tracker: string): string[] => [...state.labels.values()].filter((l) => l.trackerId === trackerOf(tracker).id).map((l) => l.name),
  };
}

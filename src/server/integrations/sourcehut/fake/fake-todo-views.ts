import type { EventChange, FakeEvent, FakeHook, FakeLabel, FakeTicket, FakeTracker, TodoState, WebhookPayload } from "./fake-todo-state";

/**
 * The fake's world as todo.sr.ht's GraphQL types: plain objects whose fields are values or, for
 * fields with arguments or that must be read when asked, functions `(args, ctx)` — graphql-js's
 * default resolver calls them — and `__typename` where the schema has an interface (Entity, ACL,
 * EventDetail, WebhookPayload, WebhookSubscription). Visibility follows sr.ht's loaders: a tracker
 * (and its tickets) only for its owner, an account with an ACL entry, or anyone when not private.
 */
export type Viewer = { username: string; grants: Set<string> | null; webhook?: WebhookPayload };
export type GraphContext = { state: TodoState; viewer: Viewer; notServed: (field: string) => never };
type Args = Record<string, unknown>;

const PAGE = 25;

/** sr.ht's cursors are opaque (encrypted); the fake's are base64url JSON of where the next page starts. */
export function page<T>(items: T[], cursor: unknown): { results: T[]; cursor: string | null } {
  let start = 0;
  if (typeof cursor === "string") {
    try {
      start = Number((JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { next: number }).next);
    } catch {
      throw new Error("Invalid cursor");
    }
    if (!Number.isInteger(start) || start < 0) throw new Error("Invalid cursor");
  }
  const results = items.slice(start, start + PAGE);
  const next = start + PAGE < items.length ? Buffer.from(JSON.stringify({ next: start + PAGE })).toString("base64url") : null;
  return { results, cursor: next };
}

export function userView(ctx: GraphContext, username: string) {
  const user = ctx.state.user(username);
  return {
    __typename: "User",
    id: user.id,
    created: user.created,
    updated: user.created,
    canonicalName: `~${user.username}`,
    username: user.username,
    email: user.email,
    url: null,
    location: null,
    bio: null,
    tracker: (args: Args) => {
      const tracker = ctx.state.trackerByName(user.username, String(args.name));
      return tracker && ctx.state.canSee(tracker, ctx.viewer.username) ? trackerView(ctx, tracker) : null;
    },
    trackers: (args: Args) =>
      page(
        [...ctx.state.trackers.values()].filter((t) => t.owner === user.username && ctx.state.canSee(t, ctx.viewer.username)).sort((a, b) => b.id - a.id).map((t) => trackerView(ctx, t)),
        args.cursor,
      ),
  };
}

/** The tracker as sr.ht's TrackersByID loader gives it: null when the viewer may not see it. */
export function visibleTracker(ctx: GraphContext, id: unknown): FakeTracker | null {
  const tracker = ctx.state.trackers.get(Number(id));
  return tracker && ctx.state.canSee(tracker, ctx.viewer.username) ? tracker : null;
}

function aclView(ctx: GraphContext, tracker: FakeTracker, username: string) {
  const permissions = ctx.state.permissions(tracker, username);
  const bits = { browse: permissions.has("browse"), submit: permissions.has("submit"), comment: permissions.has("comment"), edit: permissions.has("edit"), triage: permissions.has("triage") };
  const explicit = tracker.owner !== username && tracker.access.has(username);
  return explicit
    ? { __typename: "TrackerACL", id: tracker.id * 1000 + ctx.state.user(username).id, created: tracker.created, tracker: () => trackerView(ctx, tracker), entity: () => userView(ctx, username), ...bits }
    : { __typename: "DefaultACL", ...bits };
}

export function trackerView(ctx: GraphContext, tracker: FakeTracker) {
  const viewer = ctx.viewer.username;
  return {
    id: tracker.id,
    created: tracker.created,
    updated: tracker.updated,
    owner: () => userView(ctx, tracker.owner),
    name: tracker.name,
    description: tracker.description,
    visibility: tracker.visibility,
    ticket: (args: Args) => {
      const ticket = ctx.state.ticket(tracker.id, Number(args.id));
      return ticket ? ticketView(ctx, ticket) : null;
    },
    // Without browse, sr.ht lists only the viewer's own tickets.
    tickets: (args: Args) => {
      const browse = ctx.state.permissions(tracker, viewer).has("browse");
      return page(ctx.state.ticketsOf(tracker.id).filter((t) => browse || t.submitter === viewer).map((t) => ticketView(ctx, t)), args.cursor);
    },
    label: (args: Args) => {
      const label = ctx.state.labelByName(tracker.id, String(args.name));
      return label ? labelView(ctx, label) : null;
    },
    labels: (args: Args) => page([...ctx.state.labels.values()].filter((l) => l.trackerId === tracker.id).map((l) => labelView(ctx, l)), args.cursor),
    subscription: null,
    acl: () => aclView(ctx, tracker, viewer),
    defaultACL: () => ({ __typename: "DefaultACL", ...Object.fromEntries(["browse", "submit", "comment", "edit", "triage"].map((p) => [p, tracker.defaultAccess.has(p as "browse")])) }),
    acls: () => ctx.notServed("Tracker.acls"),
    export: () => ctx.notServed("Tracker.export"),
    webhooks: (args: Args) => page([...ctx.state.hooks.values()].filter((h) => h.trackerId === tracker.id && h.username === viewer).map((h) => hookView(ctx, h)), args.cursor),
    webhook: (args: Args) => {
      const hook = ctx.state.hooks.get(Number(args.id));
      return hook && hook.trackerId === tracker.id && hook.username === viewer ? hookView(ctx, hook) : null;
    },
  };
}

export function labelView(ctx: GraphContext, label: FakeLabel) {
  return {
    id: label.id,
    created: label.created,
    name: label.name,
    tracker: () => trackerView(ctx, ctx.state.trackers.get(label.trackerId)!),
    backgroundColor: label.background,
    foregroundColor: label.foreground,
    tickets: (args: Args) => page(ctx.state.ticketsOf(label.trackerId).filter((t) => t.labelIds.includes(label.id)).map((t) => ticketView(ctx, t)), args.cursor),
  };
}

/** `ticket` may be a snapshot (a webhook's); its labels are read from the world when asked, as sr.ht's resolver reads them. */
export function ticketView(ctx: GraphContext, ticket: FakeTicket) {
  const tracker = ctx.state.trackers.get(ticket.trackerId)!;
  return {
    id: ticket.id,
    created: ticket.created,
    updated: ticket.updated,
    submitter: () => userView(ctx, ticket.submitter),
    tracker: () => trackerView(ctx, tracker),
    ref: `~${tracker.owner}/${tracker.name}#${ticket.id}`,
    subject: ticket.subject,
    body: ticket.body,
    status: ticket.status,
    resolution: ticket.resolution,
    authenticity: "AUTHENTIC",
    labels: () => ticket.labelIds.flatMap((id) => (ctx.state.labels.get(id) ? [labelView(ctx, ctx.state.labels.get(id)!)] : [])),
    assignees: [],
    events: (args: Args) => page(ctx.state.eventsOf(ticket).map((e) => eventView(ctx, e)), args.cursor),
    subscription: null,
    webhooks: () => ctx.notServed("Ticket.webhooks"),
    webhook: () => ctx.notServed("Ticket.webhook"),
  };
}

function changeView(ctx: GraphContext, event: FakeEvent, change: EventChange) {
  const ticket = () => {
    const found = ctx.state.tickets.get(event.ticketPk);
    return found ? ticketView(ctx, found) : null;
  };
  switch (change.eventType) {
    case "CREATED":
      return { __typename: "Created", eventType: "CREATED", ticket, author: () => userView(ctx, change.author) };
    case "COMMENT":
      return { __typename: "Comment", eventType: "COMMENT", ticket, author: () => userView(ctx, change.author), text: change.text, authenticity: "AUTHENTIC", supersededBy: null };
    case "STATUS_CHANGE":
      return { __typename: "StatusChange", ...change, ticket, editor: () => userView(ctx, change.editor) };
    default:
      return { __typename: "LabelUpdate", eventType: change.eventType, ticket, labeler: () => userView(ctx, change.labeler), label: () => labelView(ctx, ctx.state.labels.get(change.labelId)!) };
  }
}

export function eventView(ctx: GraphContext, event: FakeEvent) {
  return {
    id: event.id,
    created: event.created,
    changes: event.changes.map((change) => changeView(ctx, event, change)),
    ticket: () => {
      const found = ctx.state.tickets.get(event.ticketPk);
      return found ? ticketView(ctx, found) : null;
    },
  };
}

export function hookView(ctx: GraphContext, hook: FakeHook) {
  return {
    __typename: "TrackerWebhookSubscription",
    id: hook.id,
    events: hook.events,
    query: hook.query,
    url: hook.url,
    client: null,
    deliveries: () => ctx.notServed("TrackerWebhookSubscription.deliveries"),
    sample: () => ctx.notServed("TrackerWebhookSubscription.sample"),
    tracker: () => trackerView(ctx, ctx.state.trackers.get(hook.trackerId)!),
  };
}

/** What `query { webhook { … } }` answers while a delivery's query is evaluated. */
export function payloadView(ctx: GraphContext, payload: WebhookPayload) {
  const common = { __typename: payload.type, uuid: payload.uuid, event: payload.event, date: payload.date };
  switch (payload.type) {
    case "TicketEvent":
      return { ...common, ticket: ticketView(ctx, payload.ticket) };
    case "TicketDeletedEvent":
      return { ...common, trackerId: payload.trackerId, ticketId: payload.ticketId };
    case "EventCreated":
      return { ...common, newEvent: eventView(ctx, payload.newEvent) };
    case "LabelEvent":
      return { ...common, label: labelView(ctx, payload.label) };
  }
}

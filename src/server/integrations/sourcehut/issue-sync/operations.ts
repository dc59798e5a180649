/**
 * Every GraphQL document the SourceHut issue sync sends to todo.sr.ht (`/query`), and the query of
 * the tracker webhook it asks people to register. All are validated against the vendored schema
 * (todo-sr-ht.schema.graphqls) by contract.test.ts, the builders with sample sizes; the fake
 * refuses anything else. Each names the grants its fields need (the schema's `@access`), so a
 * refusal can say which grant the token lacks.
 *
 * sr.ht has one mutation per aspect of a ticket (subject and body, status, each label) and no
 * label names in its mutations, so the builders alias one field per label: a ticket's labels are
 * looked up, created and applied in one request each.
 */
export type Operation = { name: string; text: string; grants: string };

/** What the sync reads of a ticket, everywhere it reads one. */
const TICKET_FIELDS = `fragment TicketFields on Ticket {
  id
  ref
  subject
  body
  status
  resolution
  updated
  labels { id name }
}`;

/** The token's user (Test connection). */
export const VIEWER: Operation = { name: "Viewer", text: "query Viewer {\n  me { canonicalName }\n}", grants: "PROFILE:RO" };

/** The tracker and what the token's user may do on it (Test connection); `tickets` shows whether tickets can be read. */
export const TRACKER_ACCESS: Operation = {
  name: "TrackerAccess",
  text: `query TrackerAccess($owner: String!, $tracker: String!) {
  user(username: $owner) {
    canonicalName
    tracker(name: $tracker) {
      id
      name
      owner { canonicalName }
      acl { browse submit comment edit triage }
      tickets { cursor }
    }
  }
}`,
  grants: "PROFILE:RO, TRACKERS:RO and TICKETS:RO",
};

export const TICKET: Operation = {
  name: "Ticket",
  text: `query Ticket($owner: String!, $tracker: String!, $id: Int!) {
  user(username: $owner) {
    tracker(name: $tracker) {
      ticket(id: $id) { ...TicketFields }
    }
  }
}
${TICKET_FIELDS}`,
  grants: "PROFILE:RO, TRACKERS:RO and TICKETS:RO",
};

/** The newest tickets (one page, newest first, as sr.ht orders them): where a lost create is looked for. */
export const NEWEST_TICKETS: Operation = {
  name: "NewestTickets",
  text: `query NewestTickets($owner: String!, $tracker: String!) {
  user(username: $owner) {
    tracker(name: $tracker) {
      tickets { results { ...TicketFields } }
    }
  }
}
${TICKET_FIELDS}`,
  grants: "PROFILE:RO, TRACKERS:RO and TICKETS:RO",
};

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * The tracker's id (what every mutation takes), with the ticket to change (`ticket`) and the
 * labels named `label0…` (`labels`), in one query. A label the tracker does not have is null.
 */
export function trackerLookup(parts: { ticket: boolean; labels: number }): Operation {
  const name = parts.ticket ? "TicketForUpdate" : parts.labels > 0 ? "TrackerLabels" : "TrackerId";
  const variables = ["$owner: String!", "$tracker: String!", ...(parts.ticket ? ["$id: Int!"] : []), ...range(parts.labels).map((i) => `$label${i}: String!`)];
  const fields = [
    "id",
    ...(parts.ticket ? ["ticket(id: $id) { ...TicketFields }"] : []),
    ...range(parts.labels).map((i) => `label${i}: label(name: $label${i}) { id name }`),
  ];
  const text = `query ${name}(${variables.join(", ")}) {
  user(username: $owner) {
    tracker(name: $tracker) {
${fields.map((field) => `      ${field}`).join("\n")}
    }
  }
}${parts.ticket ? `\n${TICKET_FIELDS}` : ""}`;
  return { name, text, grants: parts.ticket ? "PROFILE:RO, TRACKERS:RO and TICKETS:RO" : "PROFILE:RO and TRACKERS:RO" };
}

/** Labels `name0…` made on the tracker (only its owner may), in the given colors. */
export function createLabels(count: number): Operation {
  const variables = ["$trackerId: Int!", "$foreground: String!", "$background: String!", ...range(count).map((i) => `$name${i}: String!`)];
  const fields = range(count).map(
    (i) => `  label${i}: createLabel(trackerId: $trackerId, name: $name${i}, foregroundColor: $foreground, backgroundColor: $background) { id name }`,
  );
  return { name: "CreateLabels", text: `mutation CreateLabels(${variables.join(", ")}) {\n${fields.join("\n")}\n}`, grants: "TRACKERS:RW" };
}

export const SUBMIT_TICKET: Operation = {
  name: "SubmitTicket",
  text: `mutation SubmitTicket($trackerId: Int!, $input: SubmitTicketInput!) {
  submitTicket(trackerId: $trackerId, input: $input) { ...TicketFields }
}
${TICKET_FIELDS}`,
  grants: "TICKETS:RW",
};

/**
 * One ticket's changes in one request, run by sr.ht in order: subject and body (`$input`), status
 * (`$status`), labels removed (`$remove0…`) and added (`$add0…`). Each status or label change is an
 * event whose `created` is the ticket's new `updated`.
 */
export function updateTicket(parts: { edit: boolean; status: boolean; remove: number; add: number }): Operation {
  const target = "trackerId: $trackerId, ticketId: $ticketId";
  const variables = [
    "$trackerId: Int!",
    "$ticketId: Int!",
    ...(parts.edit ? ["$input: UpdateTicketInput!"] : []),
    ...(parts.status ? ["$status: UpdateStatusInput!"] : []),
    ...range(parts.remove).map((i) => `$remove${i}: Int!`),
    ...range(parts.add).map((i) => `$add${i}: Int!`),
  ];
  const fields = [
    ...(parts.edit ? [`edit: updateTicket(${target}, input: $input) { id }`] : []),
    ...(parts.status ? [`status: updateTicketStatus(${target}, input: $status) { id created }`] : []),
    ...range(parts.remove).map((i) => `remove${i}: unlabelTicket(${target}, labelId: $remove${i}) { id created }`),
    ...range(parts.add).map((i) => `add${i}: labelTicket(${target}, labelId: $add${i}) { id created }`),
  ];
  if (fields.length === 0) throw new Error("updateTicket needs at least one change");
  return { name: "UpdateTicket", text: `mutation UpdateTicket(${variables.join(", ")}) {\n${fields.map((f) => `  ${f}`).join("\n")}\n}`, grants: "TICKETS:RW" };
}

/** A comment is an event on the ticket: its id is the comment's id, and `#event-<id>` its anchor. */
export const SUBMIT_COMMENT: Operation = {
  name: "SubmitComment",
  text: `mutation SubmitComment($trackerId: Int!, $ticketId: Int!, $input: SubmitCommentInput!) {
  submitComment(trackerId: $trackerId, ticketId: $ticketId, input: $input) { id created }
}`,
  grants: "TICKETS:RW",
};

/**
 * The query of the tracker webhook the integration's setup registers (createTrackerWebhook, events
 * TICKET_CREATED, TICKET_UPDATE, TICKET_DELETED and EVENT_CREATED): sr.ht delivers its result as
 * the webhook's body, so this is what ./pull.ts reads. Needs PROFILE:RO, TRACKERS:RO, TICKETS:RO
 * and EVENTS:RO on the token that registers it.
 */
export const TRACKER_WEBHOOK_QUERY = `query {
  webhook {
    uuid
    event
    date
    ... on TicketEvent { ticket { ...WebhookTicket } }
    ... on TicketDeletedEvent { trackerId ticketId }
    ... on EventCreated {
      newEvent {
        id
        created
        changes {
          eventType
          ... on Comment { text author { canonicalName } }
          ... on StatusChange { editor { canonicalName } oldStatus newStatus newResolution }
          ... on LabelUpdate { labeler { canonicalName } label { name } }
        }
        ticket { ...WebhookTicket }
      }
    }
  }
}
fragment WebhookTicket on Ticket {
  id
  ref
  subject
  body
  status
  resolution
  updated
  labels { name }
  submitter { canonicalName }
  tracker { name owner { canonicalName } }
}`;

export const TRACKER_WEBHOOK_EVENTS = ["TICKET_CREATED", "TICKET_UPDATE", "TICKET_DELETED", "EVENT_CREATED"] as const;

/** Registering that webhook (the setup's step; the tests do it the same way). */
export const CREATE_TRACKER_WEBHOOK: Operation = {
  name: "CreateTrackerWebhook",
  text: `mutation CreateTrackerWebhook($trackerId: Int!, $config: TrackerWebhookInput!) {
  createTrackerWebhook(trackerId: $trackerId, config: $config) { id events url }
}`,
  grants: "TICKETS:RO and EVENTS:RO",
};

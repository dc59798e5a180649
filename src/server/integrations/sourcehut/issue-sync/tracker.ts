import { IssueSyncApiError } from "@/server/issue-sync/errors";
import type { ConnectionReport, ExternalIssue, IssueDraft, IssuePatch, IssueTracker } from "@/server/issue-sync/tracker";
import { todoClient } from "./client";
import { sourcehutGraphqlError } from "./errors";
import { NEWEST_TICKETS, SUBMIT_COMMENT, SUBMIT_TICKET, TICKET, TRACKER_ACCESS, VIEWER, createLabels, trackerLookup, updateTicket } from "./operations";

export const TODO_SR_HT_URL = "https://todo.sr.ht";
/** Colors of the labels the sync makes (sr.ht requires both, "#RRGGBB"). */
const LABEL_COLORS = { foreground: "#FFFFFF", background: "#6A737D" };

/** A ticket as the sync reads it (operations.ts, TicketFields; the webhook query reads the same but label ids). */
export type TodoTicket = { id: number; ref?: string; subject: string; body: string | null; status: string; updated: string; labels: { id?: number; name: string }[] };
type Label = { id: number; name: string };
type TicketForUpdate = { id: number; ticket: TodoTicket & { labels: Label[] } } & Record<string, unknown>;

/** "~owner/name" as its parts, or null. */
export function parseTrackerName(value: string): { owner: string; name: string } | null {
  const match = /^~([a-z_][a-z0-9_-]*)\/([A-Za-z0-9._-]+)$/i.exec(value.trim());
  return match ? { owner: match[1], name: match[2] } : null;
}

/** A ticket's page on todo.sr.ht: `<todoUrl>/~owner/name/12`. */
export const ticketUrl = (todoUrl: string, tracker: string, id: number | string) => `${todoUrl.replace(/\/+$/, "")}/${tracker}/${id}`;

/** RESOLVED (with whatever resolution) is closed; REPORTED, CONFIRMED, IN_PROGRESS and PENDING are open. */
export function issueOf(todoUrl: string, tracker: string, ticket: TodoTicket): ExternalIssue {
  return {
    id: String(ticket.id),
    key: ticket.ref || `${tracker}#${ticket.id}`,
    url: ticketUrl(todoUrl, tracker, ticket.id),
    title: ticket.subject,
    body: ticket.body ?? "",
    state: ticket.status === "RESOLVED" ? "closed" : "open",
    labels: ticket.labels.map((label) => label.name),
    updatedAt: ticket.updated,
  };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * todo.sr.ht's tickets through its GraphQL API (./client.ts), for the tracker "~owner/name" at
 * `todoUrl`. A ticket's id is its number on the tracker ("12"), its key "~owner/name#12".
 *
 * sr.ht's mutations take the tracker's numeric id, have one mutation per aspect of a ticket and
 * no label names, so a method may take a few requests in its one runtime step: a read of the
 * tracker (its id, the labels by name, the ticket as it is), the labels the tracker lacks made,
 * the change, and — for an update, whose `updateTicket` answer keeps the old `updated` — the
 * ticket read back (a create takes the last label event's time instead: sr.ht writes it with the
 * ticket's `updated`, in one transaction). Each change is computed against the ticket as just
 * read, so a step retried after a partial failure sends only what is still missing (labelTicket
 * refuses a label the ticket has). A comment reads the tracker's id first.
 */
export function sourcehutTracker(options: { tracker: string; token: string; todoUrl?: string; fetch?: typeof fetch }): IssueTracker {
  const todoUrl = (options.todoUrl ?? TODO_SR_HT_URL).replace(/\/+$/, "");
  const parsed = parseTrackerName(options.tracker);
  if (!parsed) throw new Error(`"${options.tracker}" is not a tracker name like "~owner/name"`);
  const tracker = `~${parsed.owner}/${parsed.name}`;
  const where = { owner: parsed.owner, tracker: parsed.name };
  const client = todoClient({ todoUrl, token: options.token, fetch: options.fetch });
  const issue = (ticket: TodoTicket) => issueOf(todoUrl, tracker, ticket);
  const ticketNumber = (id: string) => {
    if (!/^\d{1,9}$/.test(id)) throw new IssueSyncApiError("not_found", `SourceHut has no ticket "${id}" on ${tracker}: a ticket's id is its number`);
    return Number(id);
  };
  const noTracker = () =>
    new IssueSyncApiError("not_found", `SourceHut has no tracker ${tracker}, or the token's user cannot see it: check tracker and todoUrl, and the user's access to it.`);

  /** The tracker's id, with the ticket (`ticketId`) and the labels named `labels` (null where the tracker has none). */
  async function lookup(input: { ticketId?: number; labels: string[] }, what: string) {
    const operation = trackerLookup({ ticket: input.ticketId !== undefined, labels: input.labels.length });
    const variables: Record<string, unknown> = { ...where, ...(input.ticketId !== undefined ? { id: input.ticketId } : {}) };
    input.labels.forEach((name, i) => (variables[`label${i}`] = name));
    const data = await client.run<{ user: { tracker: TicketForUpdate | null } | null }>(operation, variables, what);
    const found = data.user?.tracker;
    if (!found) throw noTracker();
    const labels = new Map<string, Label>();
    input.labels.forEach((name, i) => {
      const label = found[`label${i}`] as Label | null;
      if (label) labels.set(name.toLowerCase(), label);
    });
    return { trackerId: found.id, ticket: found.ticket ?? null, labels };
  }

  /** The ids of `names`, making the labels the tracker lacks. */
  async function labelIds(trackerId: number, names: string[], known: Map<string, Label>): Promise<number[]> {
    const missing = names.filter((name) => !known.has(name.toLowerCase()));
    if (missing.length > 0) {
      const variables: Record<string, unknown> = { trackerId, ...LABEL_COLORS };
      missing.forEach((name, i) => (variables[`name${i}`] = name));
      const made = await client.run<Record<string, Label>>(createLabels(missing.length), variables, `the labels ${missing.join(", ")} on ${tracker} (only its owner can make labels)`);
      missing.forEach((name, i) => known.set(name.toLowerCase(), made[`label${i}`]));
    }
    return names.map((name) => known.get(name.toLowerCase())!.id);
  }

  async function getIssue(id: string): Promise<ExternalIssue> {
    const number = ticketNumber(id);
    const what = `ticket #${number} of ${tracker}`;
    const data = await client.run<{ user: { tracker: { ticket: TodoTicket } | null } | null }>(TICKET, { ...where, id: number }, what);
    if (!data.user?.tracker) throw noTracker();
    return issue(data.user.tracker.ticket);
  }

  return {
    target: `${tracker} on ${todoUrl === TODO_SR_HT_URL ? "SourceHut" : new URL(todoUrl).host}`,

    async testConnection(): Promise<ConnectionReport> {
      const me = await client.run<{ me: { canonicalName: string } }>(VIEWER, {}, "the token's user (me)");
      const account = me.me.canonicalName;
      type Access = { user: { tracker: { name: string; owner: { canonicalName: string }; acl: Record<string, boolean> | null } | null } | null };
      const call = { what: `tracker ${tracker}`, grants: TRACKER_ACCESS.grants };
      const answer = await client.runPartial<Access>(TRACKER_ACCESS, where, call.what);
      const ticketsRefused = answer.errors.filter((e) => e.path?.at(-1) === "tickets");
      const otherErrors = answer.errors.filter((e) => !ticketsRefused.includes(e));
      if (otherErrors.length > 0) throw sourcehutGraphqlError(otherErrors, call);
      if (!answer.data?.user) throw new IssueSyncApiError("not_found", `SourceHut has no user ~${parsed.owner}: check tracker ("~owner/name").`);
      const found = answer.data.user.tracker;
      if (!found) throw noTracker();
      const acl = found.acl ?? {};
      const problems: string[] = [];
      const canWrite = Boolean(acl.submit && acl.comment && acl.edit);
      if (!canWrite) problems.push(`${account} cannot submit, comment on or edit tickets of ${tracker}: give it those on the tracker's Access page.`);
      if (!acl.triage) problems.push(`${account} cannot triage on ${tracker}, so it cannot close, reopen or label tickets: give it Triage on the tracker's Access page.`);
      if (ticketsRefused.length > 0) problems.push(`The token cannot read tickets (${ticketsRefused[0].message}): it needs TICKETS:RW.`);
      if (!sameName(found.owner.canonicalName, account)) {
        problems.push(`Only ${found.owner.canonicalName} (the tracker's owner) can create labels: create the labels issueSync uses (labels, priorityLabels) on ${tracker} first.`);
      }
      return { account, target: `${found.owner.canonicalName}/${found.name}`, canWrite: canWrite && ticketsRefused.length === 0, problems };
    },

    async createIssue(draft: IssueDraft) {
      const what = `a new ticket on ${tracker}`;
      const found = await lookup({ labels: draft.labels }, what);
      const ids = await labelIds(found.trackerId, draft.labels, found.labels);
      const submitted = await client.run<{ submitTicket: TodoTicket }>(SUBMIT_TICKET, { trackerId: found.trackerId, input: { subject: draft.title, body: draft.body } }, what);
      const ticket = submitted.submitTicket;
      if (ids.length === 0) return issue(ticket);
      const variables: Record<string, unknown> = { trackerId: found.trackerId, ticketId: ticket.id };
      ids.forEach((id, i) => (variables[`add${i}`] = id));
      const labelled = await client.run<Record<string, { created: string }>>(updateTicket({ edit: false, status: false, remove: 0, add: ids.length }), variables, `the labels of ${ticket.ref ?? what}`);
      // Each label is an event made with the ticket's update, in one transaction: the last one's time is the ticket's `updated`.
      const updated = Object.values(labelled).reduce((latest, event) => (event.created > latest ? event.created : latest), ticket.updated);
      return issue({ ...ticket, labels: draft.labels.map((name) => ({ name })), updated });
    },

    async findIssueByMarker(marker: string) {
      const data = await client.run<{ user: { tracker: { tickets: { results: TodoTicket[] } } | null } | null }>(NEWEST_TICKETS, where, `the newest tickets of ${tracker}`);
      if (!data.user?.tracker) throw noTracker();
      const found = data.user.tracker.tickets.results.find((ticket) => (ticket.body ?? "").includes(marker));
      return found ? issue(found) : null;
    },

    getIssue,

    async updateIssue(id: string, patch: IssuePatch) {
      const number = ticketNumber(id);
      const what = `ticket #${number} of ${tracker}`;
      const found = await lookup({ ticketId: number, labels: patch.labels ?? [] }, what);
      const current = found.ticket;
      if (!current) throw new IssueSyncApiError("not_found", `SourceHut does not know ${what}: it was deleted, or the token's user cannot see it.`);
      const input: { subject?: string; body?: string } = {};
      if (patch.title !== undefined && patch.title !== current.subject) input.subject = patch.title;
      if (patch.body !== undefined && patch.body !== (current.body ?? "")) input.body = patch.body;
      const resolved = current.status === "RESOLVED";
      const status =
        patch.state === "closed" && !resolved
          ? { status: "RESOLVED", resolution: patch.closeReason === "not_planned" ? "WONT_FIX" : "FIXED" }
          : patch.state === "open" && resolved
            ? { status: "REPORTED" }
            : null;
      const wanted = patch.labels ?? current.labels.map((label) => label.name);
      const remove = current.labels.filter((label) => !wanted.some((name) => sameName(name, label.name)));
      const add = await labelIds(found.trackerId, wanted.filter((name) => !current.labels.some((label) => sameName(label.name, name))), found.labels);
      const edit = Object.keys(input).length > 0;
      if (!edit && !status && remove.length === 0 && add.length === 0) return issue(current);
      const variables: Record<string, unknown> = { trackerId: found.trackerId, ticketId: number, ...(edit ? { input } : {}), ...(status ? { status } : {}) };
      remove.forEach((label, i) => (variables[`remove${i}`] = label.id));
      add.forEach((labelId, i) => (variables[`add${i}`] = labelId));
      await client.run(updateTicket({ edit, status: Boolean(status), remove: remove.length, add: add.length }), variables, what);
      return getIssue(id);
    },

    async addComment(issueId: string, body: string) {
      const number = ticketNumber(issueId);
      const what = `a comment on ticket #${number} of ${tracker}`;
      const { trackerId } = await lookup({ labels: [] }, what);
      const answer = await client.run<{ submitComment: { id: number } }>(SUBMIT_COMMENT, { trackerId, ticketId: number, input: { text: body } }, what);
      const eventId = answer.submitComment.id;
      return { id: String(eventId), url: `${ticketUrl(todoUrl, tracker, number)}#event-${eventId}` };
    },
  };
}

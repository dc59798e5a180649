import { describe, expect, it } from "vitest";
import { sourcehut } from "../index";
import { otherTracker, pullSourcehutChange } from "./pull";

/**
 * A todo.sr.ht tracker webhook's body (the result of the registered query, operations.ts) in the
 * sync's terms, one event kind at a time; the end-to-end shapes come from the fake in
 * fake-todo.test.ts and sourcehut-sync.test.ts.
 */
const ticket = (over: Record<string, unknown> = {}) => ({
  id: 12,
  ref: "~alice/widgets#12",
  subject: "Checkout fails",
  body: "Since 10:02",
  status: "REPORTED",
  resolution: "UNRESOLVED",
  updated: "2026-12-07T10:00:00.000Z",
  labels: [{ name: "P1" }],
  submitter: { canonicalName: "~bob" },
  tracker: { name: "widgets", owner: { canonicalName: "~alice" } },
  ...over,
});
const delivery = (event: string, body: Record<string, unknown>) => ({ data: { webhook: { uuid: "7c7d0d7e-5c35-4d3f-9a39-2f1a0a7f3b11", event, date: "2026-12-07T10:00:01Z", ...body } } });
const eventCreated = (changes: Record<string, unknown>[], over: Record<string, unknown> = {}) =>
  delivery("EVENT_CREATED", { newEvent: { id: 345, created: "2026-12-07T10:00:00.000Z", changes, ticket: ticket(over) } });
const pull = (event: string, payload: unknown, config?: Record<string, unknown>) => pullSourcehutChange({ eventType: event.toLowerCase(), payload, config });
const config = { tracker: "~alice/widgets", todoUrl: "https://todo.example.org" };

describe("SourceHut's tracker webhooks as pulled changes", () => {
  it("takes a created or updated ticket as the issue it now is", () => {
    expect(pull("TICKET_CREATED", delivery("TICKET_CREATED", { ticket: ticket() }))).toEqual({
      kind: "issue",
      action: "opened",
      issue: { id: "12", key: "~alice/widgets#12", url: "https://todo.sr.ht/~alice/widgets/12", title: "Checkout fails", body: "Since 10:02", state: "open", labels: ["P1"], updatedAt: "2026-12-07T10:00:00.000Z" },
      actor: "~bob",
    });
    const resolved = pull("TICKET_UPDATE", delivery("TICKET_UPDATE", { ticket: ticket({ status: "RESOLVED", resolution: "FIXED", body: null }) }), config);
    // The ticket's `updated` is from before the change (sr.ht's resolver does not refresh it): the delivery's date stands for it.
    expect(resolved).toMatchObject({
      action: "edited",
      actor: "someone on SourceHut",
      issue: { state: "closed", body: "", url: "https://todo.example.org/~alice/widgets/12", updatedAt: "2026-12-07T10:00:01.000Z" },
    });
  });

  it("takes an event as its comment, its status change or its label change", () => {
    const comment = pull("EVENT_CREATED", eventCreated([{ eventType: "COMMENT", text: "Me too", author: { canonicalName: "~carol" } }]), config);
    expect(comment).toEqual({
      kind: "comment",
      action: "created",
      issueId: "12",
      comment: { id: "345", body: "Me too", author: "~carol", url: "https://todo.example.org/~alice/widgets/12#event-345" },
      actor: "~carol",
    });
    const status = (oldStatus: string, newStatus: string) => [{ eventType: "STATUS_CHANGE", oldStatus, newStatus, newResolution: "FIXED", editor: { canonicalName: "~dave" } }];
    expect(pull("EVENT_CREATED", eventCreated(status("REPORTED", "RESOLVED"), { status: "RESOLVED" }))).toMatchObject({ kind: "issue", action: "closed", actor: "~dave", issue: { state: "closed" } });
    expect(pull("EVENT_CREATED", eventCreated(status("RESOLVED", "REPORTED")))).toMatchObject({ action: "reopened", issue: { state: "open" } });
    expect(pull("EVENT_CREATED", eventCreated(status("REPORTED", "IN_PROGRESS")))).toMatchObject({ action: "edited" });
    const labeled = eventCreated([{ eventType: "LABEL_ADDED", label: { name: "P0" }, labeler: { canonicalName: "~dave" } }], { labels: [{ name: "P1" }, { name: "P0" }] });
    expect(pull("EVENT_CREATED", labeled)).toMatchObject({ kind: "issue", action: "labeled", issue: { labels: ["P1", "P0"] } });
    expect(pull("EVENT_CREATED", eventCreated([{ eventType: "LABEL_REMOVED", label: { name: "P1" }, labeler: { canonicalName: "~dave" } }]))).toMatchObject({ action: "unlabeled" });
  });

  it("takes a comment that also resolves as the comment (one change per delivery)", () => {
    const both = eventCreated([{ eventType: "COMMENT", text: "Fixed", author: { canonicalName: "~dave" } }, { eventType: "STATUS_CHANGE", oldStatus: "REPORTED", newStatus: "RESOLVED" }], { status: "RESOLVED" });
    expect(pull("EVENT_CREATED", both)).toMatchObject({ kind: "comment", comment: { body: "Fixed" } });
  });

  it("takes a deleted ticket by its number, and ignores what means nothing to the sync", () => {
    expect(pull("TICKET_DELETED", delivery("TICKET_DELETED", { trackerId: 3, ticketId: 12 }), config)).toMatchObject({
      kind: "issue",
      action: "deleted",
      issue: { id: "12", key: "~alice/widgets#12", url: "https://todo.example.org/~alice/widgets/12" },
    });
    expect(pull("TICKET_DELETED", delivery("TICKET_DELETED", { trackerId: 3, ticketId: 12 }))).toMatchObject({ issue: { key: "ticket #12", url: "" } });
    expect(pull("EVENT_CREATED", eventCreated([{ eventType: "ASSIGNED_USER" }]))).toBeNull();
    expect(pull("LABEL_CREATED", delivery("LABEL_CREATED", { label: { name: "P0" } }))).toBeNull();
    expect(pull("GIT_POST_RECEIVE", delivery("GIT_POST_RECEIVE", { repository: { name: "widgets" } }))).toBeNull();
    expect(pull("TICKET_CREATED", delivery("TICKET_CREATED", { ticket: { id: "12" } }))).toBeNull();
    expect(pull("TICKET_CREATED", { data: null, errors: [{ message: "Access denied for invalid auth method" }] })).toBeNull();
  });

  it("keeps to the integration's tracker", () => {
    expect(otherTracker(delivery("TICKET_CREATED", { ticket: ticket() }), "~alice/widgets")).toBeNull();
    expect(otherTracker(eventCreated([]), "~ALICE/widgets")).toBeNull();
    expect(otherTracker(delivery("TICKET_CREATED", { ticket: ticket({ tracker: { name: "gadgets", owner: { canonicalName: "~alice" } } }) }), "~alice/widgets")).toBe(
      "the delivery is for the tracker ~alice/gadgets; this integration keeps to ~alice/widgets (its tracker)",
    );
    expect(otherTracker(delivery("TICKET_DELETED", { trackerId: 3, ticketId: 12 }), "~alice/widgets")).toBeNull();
    expect(otherTracker(delivery("GIT_POST_RECEIVE", {}), undefined)).toBeNull();
  });

  it("reads a person's reference to a ticket", () => {
    const idOf = sourcehut.issueSync.issueIdOf;
    expect(["12", "#12", "~alice/widgets#12", "https://todo.sr.ht/~alice/widgets/12", "https://todo.sr.ht/~alice/widgets/12#event-345", " 12 "].map(idOf)).toEqual(Array(6).fill("12"));
    expect(["", "twelve", "~alice/widgets", "https://todo.sr.ht/~alice/widgets", "#-1"].map(idOf)).toEqual(Array(5).fill(null));
  });
});

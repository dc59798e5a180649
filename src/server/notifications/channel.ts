/**
 * What every notification channel (Slack, Microsoft Teams, email) is given and answers. The core
 * (this folder) decides what is said and to whom; a channel renders it in its platform's own
 * format (Block Kit, an Adaptive Card, HTML + text) and sends it. Channel code lives with its
 * provider (src/server/integrations/slack/notify, …/ms-teams/notify) or with mail (src/server/mail).
 */

/** A notification before a channel renders it. Every string is plain text as the event gave it. */
export type NotificationContent = {
  /** The domain event it is about, e.g. `alert.raised`; `digest` for a folded storm. */
  eventType: string;
  /** One line: "Alert raised: CPU above 90 % on api". */
  title: string;
  /** A few lines of plain text (may be empty). */
  text: string;
  /** Key facts, shown as fields: Severity → critical, Service → api. At most 10. */
  facts: { name: string; value: string }[];
  /** "Open in Switchboard": the record's page, when there is one. */
  url: string | null;
  /** The colour or emphasis a channel may give it. */
  tone: "critical" | "warning" | "good" | "info";
  /** Set when the message stands for many events folded by a rule's throttle. */
  digest?: { count: number; eventTypes: string[]; since: string; until: string };
  /**
   * The record it is about (`alert:<uuid>`, `incident:<uuid>`, `request:<uuid>`), for threads
   * and buttons; null when it is about no single record.
   */
  subject: { kind: "alert" | "incident" | "request" | "maintenance" | "deployment"; id: string; state: string | null } | null;
};

/** What the platform answered to a message that went through. */
export type SendOutcome = {
  /** The platform's id for the message (Slack's `ts`), when it gives one: what threads and updates use. */
  providerMessageId: string | null;
  /** The conversation it went to (Slack's channel id), when the platform says. */
  conversationId: string | null;
  /** The platform's answer in short, for the rule's message log ("ok", "202 Accepted", "250 2.0.0 queued"). */
  answer: string;
};

/**
 * A send that did not go through. `permanent`: retrying cannot help (Slack's `channel_not_found`
 * or `invalid_auth`, a revoked Teams URL, a mailbox that does not exist); the rule is marked
 * failing with `message`, in the platform's words. Otherwise the runtime tries again, after
 * `retryAfterMs` when the platform said how long to wait (Slack's 429 Retry-After).
 */
export class NotificationSendError extends Error {
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;
  constructor(message: string, options: { permanent: boolean; retryAfterMs?: number | null }) {
    super(message);
    this.name = "NotificationSendError";
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export function isNotificationSendError(error: unknown): error is NotificationSendError {
  return error instanceof Error && error.name === "NotificationSendError" && "permanent" in error;
}

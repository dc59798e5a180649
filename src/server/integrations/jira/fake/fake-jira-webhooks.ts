import { createHmac, randomUUID } from "node:crypto";
import { createHookSender, type HookDelivery } from "../../shared/fake/hook-sender";
import { commentJson, issueJson, userDetailsJson } from "./fake-jira-json";
import type { Change, JiraState } from "./fake-jira-state";

/**
 * The webhooks the fake Jira sends back, as a Jira Cloud admin webhook with a secret does: one
 * POST per change (fake-jira-state.ts) to each hook whose filter takes it, the body signed as
 * WebSub does — `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>` — with Jira's headers
 * (`X-Atlassian-Webhook-Identifier`, the same on a retry). Payloads are Jira's: `timestamp`,
 * `webhookEvent`, and for issue events `issue_event_type_name`, `user` and (on an update)
 * `changelog.items`; for comment events `comment` and the issue it is on. The issue is shown as
 * the v2 API shows it — bodies in wiki markup — as Jira's webhooks do.
 *
 * Deliveries are asynchronous, like Jira's: the change returns first. They go out one at a time
 * per hook, in order; `settled()` waits for all (including those sent while waiting, as when the
 * receiver calls the API back). A hook that answers non-2xx, or not within 10 s, is recorded and
 * not retried.
 */

export type FakeHook = { id: number; url: string; secret: string; /** Only this project's events (the webhook's JQL filter `project = X`). */ projectKey: string | null };
export type WebhookDelivery = HookDelivery & {
  /** X-Atlassian-Webhook-Identifier */
  id: string;
  event: Change["event"];
};

/** What Jira sends for a change. */
export function webhookPayload(state: JiraState, change: Change, site: string): Record<string, unknown> {
  const issue = issueJson(site, state, change.issue, { version: 2 });
  const base = { timestamp: Date.now(), webhookEvent: change.event };
  if (change.event.startsWith("comment_")) {
    // A comment event names its issue with a few fields only.
    const { summary, status, issuetype, project, assignee } = issue.fields as Record<string, unknown>;
    return { ...base, comment: commentJson(site, state, change.comment!, 2), issue: { ...issue, fields: { summary, status, issuetype, project, assignee, priority: null } } };
  }
  return {
    ...base,
    issue_event_type_name: change.typeName,
    user: userDetailsJson(site, change.user, 2),
    issue,
    ...(change.items ? { changelog: { id: String(Date.now() % 1_000_000_000), items: change.items } } : {}),
    ...(change.comment ? { comment: commentJson(site, state, change.comment, 2) } : {}),
  };
}

export function createWebhookSender() {
  const { enqueue, ...queue } = createHookSender<WebhookDelivery>({ closedMessage: "the fake Jira closed" });
  return {
    ...queue,
    /** Queues the payload for each hook; returns at once (the delivery is recorded already, its status comes later). */
    send(hooks: FakeHook[], event: Change["event"], payload: Record<string, unknown>): void {
      const body = JSON.stringify(payload);
      for (const hook of hooks) {
        const id = randomUUID();
        const delivery: WebhookDelivery = {
          id,
          hookId: hook.id,
          url: hook.url,
          event,
          status: null,
          error: null,
          body,
          headers: {
            "content-type": "application/json; charset=UTF-8",
            "user-agent": "Atlassian Webhook HTTP Client",
            "x-atlassian-webhook-identifier": id,
            "x-atlassian-webhook-flow": "Primary",
            "x-hub-signature": `sha256=${createHmac("sha256", hook.secret).update(body).digest("hex")}`,
          },
        };
        enqueue(delivery);
      }
    },
  };
}

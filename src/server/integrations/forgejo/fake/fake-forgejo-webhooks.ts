import { createHmac, randomUUID } from "node:crypto";
import { createHookSender, type HookDelivery } from "../../shared/fake/hook-sender";
import { commentJson, issueJson, pullJson, repoJson, userJson, type Urls } from "./fake-forgejo-json";
import type { Change, ChangeEvent, ForgejoState } from "./fake-forgejo-state";

/**
 * The webhooks the fake Forgejo sends back, as a repository webhook of type "Forgejo" with a
 * secret does (services/webhook/default.go and shared/payloader.go): one POST per change
 * (fake-forgejo-state.ts) to each hook of the repository, the payload as Forgejo marshals it
 * (Go's encoder: two-space indent, `<`, `>` and `&` escaped as \u003c…), signed with a bare hex
 * HMAC-SHA256 of those bytes in X-Forgejo-Signature — and, for compatibility, the same headers as
 * X-Gitea-*, X-Gogs-*, X-Hub-Signature(-256) and X-GitHub-*.
 *
 * Deliveries are asynchronous, like Forgejo's queue: the change returns first. They go out one at
 * a time per hook, in order; `settled()` waits for all (including those sent while waiting, as
 * when the receiver calls the API back). A hook that answers non-2xx, or not within Forgejo's
 * default DELIVER_TIMEOUT of 5 s, is recorded and not retried (Forgejo does not retry either).
 */

export type FakeHook = { id: number; repo: string; url: string; secret: string };
export type WebhookDelivery = HookDelivery & {
  /** X-Forgejo-Delivery */
  id: string;
  event: ChangeEvent;
  /** X-Forgejo-Event-Type: `issue_label` for a label change, `pull_request_comment` for a comment on a pull request. */
  eventType: string;
  action: string;
};

const DELIVER_TIMEOUT_MS = 5_000;

/** The payload Forgejo sends for a change (modules/structs/hook.go), fields in its structs' order. */
export function webhookPayload(state: ForgejoState, change: Change, urls: Urls): Record<string, unknown> {
  const repo = state.repo(change.issue.repo)!;
  // The repository as the issue's author may see it (services/webhook/notifier.go).
  const repository = repoJson(state, repo, urls, state.user(change.issue.user));
  const sender = userJson(change.sender, urls);
  if (change.event === "issue_comment") {
    return {
      action: change.action,
      issue: issueJson(state, change.issue, urls),
      ...(change.issue.pull ? { pull_request: pullJson(state, change.issue, urls) } : {}),
      comment: commentJson(state, change.comment!, urls),
      ...(change.changes ? { changes: change.changes } : {}),
      repository,
      sender,
      is_pull: Boolean(change.issue.pull),
    };
  }
  if (change.event === "pull_request") {
    return {
      action: change.action,
      number: change.issue.number,
      ...(change.changes ? { changes: change.changes } : {}),
      pull_request: pullJson(state, change.issue, urls),
      requested_reviewer: null,
      repository,
      sender,
      commit_id: "",
      review: null,
    };
  }
  return {
    action: change.action,
    number: change.issue.number,
    ...(change.changes ? { changes: change.changes } : {}),
    issue: issueJson(state, change.issue, urls),
    repository,
    sender,
    commit_id: "",
  };
}

/** Go's json.MarshalIndent(payload, "", "  "), HTML-escaping included. */
export function goJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function createWebhookSender() {
  // Forgejo's webhook client does not follow redirects: a 3xx is the hook's answer.
  const { enqueue, ...queue } = createHookSender<WebhookDelivery>({ closedMessage: "the fake Forgejo closed", timeoutMs: DELIVER_TIMEOUT_MS, redirect: "manual" });
  return {
    ...queue,
    /** Queues the change's payload for each hook; returns at once (the delivery is recorded already, its status comes later). */
    send(hooks: FakeHook[], change: Change, payload: Record<string, unknown>): void {
      const body = goJson(payload);
      for (const hook of hooks) {
        const id = randomUUID();
        const hmac = (algorithm: string) => (hook.secret ? createHmac(algorithm, hook.secret).update(body).digest("hex") : "");
        const signature = hmac("sha256");
        const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Go-http-client/1.1" };
        for (const prefix of ["x-forgejo", "x-gitea", "x-gogs"]) {
          Object.assign(headers, { [`${prefix}-delivery`]: id, [`${prefix}-event`]: change.event, [`${prefix}-event-type`]: change.eventType, [`${prefix}-signature`]: signature });
        }
        Object.assign(headers, {
          "x-hub-signature": `sha1=${hmac("sha1")}`,
          "x-hub-signature-256": `sha256=${signature}`,
          "x-github-delivery": id,
          "x-github-event": change.event,
          "x-github-event-type": change.eventType,
        });
        const delivery: WebhookDelivery = { id, hookId: hook.id, url: hook.url, event: change.event, eventType: change.eventType, action: change.action, status: null, error: null, body, headers };
        enqueue(delivery);
      }
    },
  };
}

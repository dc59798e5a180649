import { createHmac, randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import { createHookSender, type HookDelivery } from "../../shared/fake/hook-sender";
import { commentJson, issueJson, labelJson, pullJson, repoJson, userJson, type Urls } from "./fake-github-json";
import { deploymentJson, deploymentStatusJson, workflowJson, workflowRunJson } from "./fake-github-ci-json";
import type { Change, GithubState, RepoChange } from "./fake-github-state";

/**
 * The webhooks the fake GitHub sends back, as a repository webhook with a secret does: one POST
 * per change (fake-github-state.ts) to each hook of the repository, signed, with GitHub's
 * headers. Each payload starts from a real one of `@octokit/webhooks-examples` for that event and
 * action (or the event's first, when the package has none for the action, e.g. `issues.closed`)
 * with the fake's objects laid over the example's — so fields the fake does not model keep a
 * realistic value — and without `installation`, `organization` and `enterprise`, which a
 * repository webhook of a user's repository does not carry. Deployments and Actions send their own
 * events: `deployment` and `deployment_status` (created), `workflow_dispatch` and `workflow_run`
 * (requested, in_progress, completed), with `workflow`, `workflow_run` and `check_run` null where
 * a deployment did not come from a workflow, as GitHub sends them.
 *
 * Deliveries are asynchronous, like GitHub's: the change returns first. They go out one at a
 * time per hook, in order; `settled()` waits for all (including those sent while waiting, as when
 * the receiver calls the API back). A hook that answers non-2xx, or not within 10 s as GitHub
 * allows, is recorded and not retried.
 */

export type FakeHook = { id: number; repo: string; url: string; secret: string };
export type WebhookDelivery = HookDelivery & {
  /** X-GitHub-Delivery */
  id: string;
  event: "issues" | "issue_comment" | "pull_request" | "deployment" | "deployment_status" | "workflow_dispatch" | "workflow_run";
  /** The payload's `action`; "" for an event without one (`workflow_dispatch`). */
  action: string;
};

type Example = Record<string, unknown> & { action?: string };
const templates = new Map<string, Example[]>(
  (examples as unknown as { name: string; examples: Example[] }[]).map((definition) => [definition.name, definition.examples]),
);

function template(event: string, action: string): Example {
  const candidates = templates.get(event) ?? [];
  const found = candidates.find((e) => e.action === action) ?? candidates[0];
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event} example`);
  return structuredClone(found);
}

/** The fake's object over the example's; `unlike`: the example's fields that would say something untrue of it. */
function over(base: unknown, fake: Record<string, unknown>, unlike: string[] = []): Record<string, unknown> {
  const kept = Object.entries(typeof base === "object" && base !== null ? base : {}).filter(([key]) => !unlike.includes(key));
  return { ...Object.fromEntries(kept), ...fake };
}

/** The event GitHub names a change with, and the payload it sends. */
export function webhookPayload(state: GithubState, change: Change, urls: Urls): { event: WebhookDelivery["event"]; payload: Record<string, unknown> } {
  if ("kind" in change) return repoChangePayload(state, change, urls);
  const repo = state.repo(change.issue.repo)!;
  const event = change.comment ? "issue_comment" : change.issue.pull ? "pull_request" : "issues";
  const payload = template(event, change.action);
  delete payload.installation;
  delete payload.organization;
  delete payload.enterprise;
  delete payload.changes;
  delete payload.label;
  payload.action = change.action;
  if (event === "pull_request") {
    payload.number = change.issue.number;
    payload.pull_request = over(payload.pull_request, pullJson(state, change.issue, urls));
  } else {
    // An issue_comment example may be about a pull request: its issue then has these.
    payload.issue = over(payload.issue, issueJson(state, change.issue, urls), change.issue.pull ? [] : ["pull_request", "draft"]);
  }
  if (change.comment) payload.comment = over(payload.comment, commentJson(state, change.comment, urls));
  if (change.label) payload.label = over(payload.label, labelJson(repo, change.label, urls));
  if (change.changes) payload.changes = change.changes;
  payload.repository = over(payload.repository, repoJson(state, repo, urls));
  payload.sender = over(payload.sender, userJson(change.sender, urls));
  return { event, payload };
}

function repoChangePayload(state: GithubState, change: RepoChange, urls: Urls): { event: WebhookDelivery["event"]; payload: Record<string, unknown> } {
  const event = change.kind;
  const payload = template(event, "action" in change ? change.action : "");
  delete payload.installation;
  delete payload.organization;
  delete payload.enterprise;
  if ("action" in change) payload.action = change.action;
  if (change.kind === "deployment" || change.kind === "deployment_status") {
    payload.deployment = over(payload.deployment, deploymentJson(state, change.deployment, urls));
    if (change.kind === "deployment_status") {
      payload.deployment_status = over(payload.deployment_status, deploymentStatusJson(state, change.deployment, change.status, urls));
      payload.check_run = null;
    }
    payload.workflow = null;
    payload.workflow_run = null;
  } else if (change.kind === "workflow_dispatch") {
    payload.ref = change.run.ref;
    payload.inputs = change.run.inputs;
    payload.workflow = change.workflow.path;
  } else {
    payload.workflow = over(payload.workflow, workflowJson(change.workflow, urls));
    payload.workflow_run = over(payload.workflow_run, workflowRunJson(state, change.run, urls));
  }
  payload.repository = over(payload.repository, repoJson(state, change.repo, urls));
  payload.sender = over(payload.sender, userJson(change.sender, urls));
  return { event, payload };
}

export function createWebhookSender() {
  const { enqueue, ...queue } = createHookSender<WebhookDelivery>({ closedMessage: "the fake GitHub closed" });
  return {
    ...queue,
    /** Queues the payload for each hook; returns at once (the delivery is recorded already, its status comes later). */
    send(hooks: FakeHook[], repoId: number, event: WebhookDelivery["event"], payload: Record<string, unknown>): void {
      const body = JSON.stringify(payload);
      for (const hook of hooks) {
        const id = randomUUID();
        const delivery: WebhookDelivery = {
          id,
          hookId: hook.id,
          url: hook.url,
          event,
          action: typeof payload.action === "string" ? payload.action : "",
          status: null,
          error: null,
          body,
          headers: {
            accept: "*/*",
            "content-type": "application/json",
            "user-agent": "GitHub-Hookshot/f4ce9b1",
            "x-github-delivery": id,
            "x-github-event": event,
            "x-github-hook-id": String(hook.id),
            "x-github-hook-installation-target-id": String(repoId),
            "x-github-hook-installation-target-type": "repository",
            "x-hub-signature": `sha1=${createHmac("sha1", hook.secret).update(body).digest("hex")}`,
          },
        };
        // @octokit/webhooks-methods signs asynchronously: the SHA-256 signature is added as the delivery goes out.
        enqueue(delivery, async () => {
          delivery.headers["x-hub-signature-256"] = await sign(hook.secret, delivery.body);
        });
      }
    },
  };
}

import { randomUUID } from "node:crypto";
import { createHookSender, type HookDelivery } from "../../shared/fake/hook-sender";
import {
  hookDeploymentPayload,
  hookIssueJson,
  hookLabelJson,
  hookMergeRequestJson,
  hookPipelinePayload,
  hookProjectJson,
  hookRepositoryJson,
  hookTime,
  hookUserJson,
  noteUrl,
  type Urls,
} from "./fake-gitlab-json";
import type { Change, GitlabState } from "./fake-gitlab-state";

/**
 * The webhooks the fake GitLab sends back, as a project webhook with a secret token does: one
 * POST per change (fake-gitlab-state.ts) to each hook of the project, with GitLab's headers — the
 * token as is in `X-Gitlab-Token` (GitLab does not sign bodies), the event name in
 * `X-Gitlab-Event` ("Issue Hook", "Note Hook", "Merge Request Hook", "Pipeline Hook",
 * "Deployment Hook"), a fresh
 * `X-Gitlab-Event-UUID` and `Idempotency-Key` per delivery. Payloads follow GitLab's documented
 * webhook events (doc/user/project/integrations/webhook_events.md): `object_kind`, `user` (who did
 * it), `project`, `object_attributes` with the `action`, `labels`, and `changes` with
 * `previous`/`current`; a pipeline's hook has its status in `object_attributes.status`, a
 * deployment's is flat (`status`, `deployment_id`, `environment`…), as documented.
 *
 * Deliveries are asynchronous, like GitLab's: the change returns first. They go out one at a time
 * per hook, in order; `settled()` waits for all (including those sent while waiting, as when the
 * receiver calls the API back). A hook that answers non-2xx, or not within 10 s, is recorded and
 * not retried.
 */

export type FakeHook = { id: number; uuid: string; projectId: number; url: string; token: string };
export type HookEvent = "Issue Hook" | "Note Hook" | "Merge Request Hook" | "Pipeline Hook" | "Deployment Hook";
export type WebhookDelivery = HookDelivery & {
  /** X-Gitlab-Event-UUID */
  id: string;
  event: HookEvent;
  /** `object_attributes.action`; for a pipeline or a deployment, which have none, its status ("pending", "success"). */
  action: string;
};

/** The event GitLab names a change with, and the payload it sends. */
export function webhookPayload(state: GitlabState, change: Change, urls: Urls): { event: HookEvent; payload: Record<string, unknown> } {
  const common = (projectId: number) => {
    const project = state.projects.get(projectId)!;
    return { project, base: { user: hookUserJson(change.user, urls), project_id: project.id, project: hookProjectJson(project, urls), repository: hookRepositoryJson(project, urls) } };
  };
  if (change.kind === "issue") {
    const { project, base } = common(change.issue.projectId);
    const attributes = { ...hookIssueJson(state, change.issue, urls), action: change.action };
    const changes = Object.fromEntries(
      Object.entries(change.changes).map(([field, { previous, current }]) =>
        field === "labels"
          ? [field, { previous: (previous as { title: string }[]).map((l) => hookLabelJson(project, state.label(project, l.title))), current: (current as { title: string }[]).map((l) => hookLabelJson(project, state.label(project, l.title))) }]
          : [field, field === "updated_at" ? { previous: hookTime(String(previous)), current: hookTime(String(current)) } : { previous, current }],
      ),
    );
    return { event: "Issue Hook", payload: { object_kind: "issue", event_type: "issue", ...base, object_attributes: attributes, assignees: [], labels: attributes.labels, changes } };
  }
  if (change.kind === "note") {
    const { base } = common(change.note.projectId);
    const note = change.note;
    const attributes = {
      attachment: null,
      author_id: state.user(note.author).id,
      change_position: null,
      commit_id: null,
      created_at: hookTime(note.createdAt),
      discussion_id: `${note.id}`.padStart(40, "0"),
      id: note.id,
      line_code: null,
      note: note.body,
      noteable_id: change.issue.id,
      noteable_type: "Issue",
      original_position: null,
      position: null,
      project_id: note.projectId,
      resolved_at: null,
      resolved_by_id: null,
      resolved_by_push: null,
      st_diff: null,
      system: false,
      type: null,
      updated_at: hookTime(note.updatedAt),
      updated_by_id: change.action === "update" ? change.user.id : null,
      description: note.body,
      url: noteUrl(state, note, urls),
      action: change.action,
    };
    return { event: "Note Hook", payload: { object_kind: "note", event_type: "note", ...base, object_attributes: attributes, issue: hookIssueJson(state, change.issue, urls) } };
  }
  if (change.kind === "pipeline") return { event: "Pipeline Hook", payload: hookPipelinePayload(state, change.pipeline, change.user, urls) };
  if (change.kind === "deployment") return { event: "Deployment Hook", payload: hookDeploymentPayload(state, change.deployment, change.user, urls) };
  const { base } = common(change.mergeRequest.projectId);
  const attributes = { ...hookMergeRequestJson(state, change.mergeRequest, urls), action: change.action };
  return { event: "Merge Request Hook", payload: { object_kind: "merge_request", event_type: "merge_request", ...base, object_attributes: attributes, labels: [], changes: change.changes } };
}

function actionOf(payload: Record<string, unknown>): string {
  const attributes = payload.object_attributes as { action?: unknown; status?: unknown } | undefined;
  return String(attributes?.action ?? attributes?.status ?? payload.status ?? "");
}

export function createWebhookSender(instanceUrl: () => string) {
  const { enqueue, ...queue } = createHookSender<WebhookDelivery>({ closedMessage: "the fake GitLab closed" });
  return {
    ...queue,
    /** Queues the payload for each hook; returns at once (the delivery is recorded already, its status comes later). */
    send(hooks: FakeHook[], event: HookEvent, payload: Record<string, unknown>): void {
      const body = JSON.stringify(payload);
      for (const hook of hooks) {
        const id = randomUUID();
        const delivery: WebhookDelivery = {
          id,
          hookId: hook.id,
          url: hook.url,
          event,
          action: actionOf(payload),
          status: null,
          error: null,
          body,
          headers: {
            "content-type": "application/json",
            "user-agent": "GitLab/19.5.0-ee",
            "idempotency-key": randomUUID(),
            "x-gitlab-event": event,
            "x-gitlab-event-uuid": id,
            "x-gitlab-webhook-uuid": hook.uuid,
            "x-gitlab-instance": instanceUrl(),
            "x-gitlab-token": hook.token,
          },
        };
        enqueue(delivery);
      }
    },
  };
}

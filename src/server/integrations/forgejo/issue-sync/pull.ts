import type { PulledChange } from "@/server/issue-sync/tracker";
import { at, isObject, num, str } from "../../shared/read";
import { issueOf, SYNC_NOTE_MARKER } from "./tracker";

/** Forgejo's issue actions (modules/structs/hook.go) in the sync's terms; others (assigned, milestoned, …) change nothing it keeps. */
const ISSUE_ACTIONS: Record<string, Extract<PulledChange, { kind: "issue" }>["action"]> = {
  opened: "opened",
  edited: "edited",
  closed: "closed",
  reopened: "reopened",
  // A label change is one `label_updated` with the issue's labels after it, whatever came or went.
  label_updated: "labeled",
  label_cleared: "unlabeled",
};
const COMMENT_ACTIONS = new Set(["created", "edited", "deleted"]);
const PULL_ACTIONS = new Set(["opened", "edited", "closed", "reopened"]);

/**
 * Forgejo's (and Gitea's) `issues`, `issue_comment` and `pull_request` webhooks in the sync's
 * terms; the event type is `<X-Forgejo-Event>.<action>` (the provider's envelope). A comment on a
 * pull request arrives as `issue_comment` too, with `is_pull` (and its issue's `pull_request`):
 * not an issue's. Forgejo sends no webhook when an issue is deleted. Payloads passed the
 * provider's validation before they get here; fields are still read defensively, and anything
 * missing makes the delivery mean nothing to the sync.
 */
export function pullForgejoChange(input: { eventType: string; payload: unknown }): PulledChange | null {
  const [event, action] = input.eventType.split(".", 2);
  const payload = input.payload;
  const repository = str(payload, "repository.full_name");
  const actor = str(payload, "sender.login") ?? "someone";
  if (!repository || !action) return null;

  if (event === "issues" && Object.hasOwn(ISSUE_ACTIONS, action)) {
    const issue = at(payload, "issue");
    if (!isObject(issue) || issue.pull_request || typeof issue.number !== "number" || typeof issue.title !== "string") return null;
    return {
      kind: "issue",
      action: ISSUE_ACTIONS[action],
      issue: issueOf(repository, {
        number: issue.number,
        html_url: str(issue, "html_url") ?? "",
        title: issue.title,
        body: str(issue, "body") ?? "",
        state: str(issue, "state") === "closed" ? "closed" : "open",
        labels: Array.isArray(issue.labels) ? (issue.labels as { name?: string }[]).filter(isObject) : [],
        updated_at: str(issue, "updated_at"),
      }),
      actor,
    };
  }

  if (event === "issue_comment" && COMMENT_ACTIONS.has(action)) {
    const number = num(payload, "issue.number");
    const commentId = num(payload, "comment.id");
    if (number === undefined || commentId === undefined || at(payload, "is_pull") === true || at(payload, "issue.pull_request")) return null;
    // The sync's own note (tracker.ts), coming back.
    if (str(payload, "comment.body")?.includes(SYNC_NOTE_MARKER)) return null;
    return {
      kind: "comment",
      action: action as "created",
      issueId: String(number),
      comment: { id: String(commentId), body: str(payload, "comment.body") ?? "", author: str(payload, "comment.user.login") ?? actor, url: str(payload, "comment.html_url") ?? null },
      actor,
    };
  }

  if (event === "pull_request" && PULL_ACTIONS.has(action)) {
    const pr = at(payload, "pull_request");
    const number = num(pr, "number");
    if (!isObject(pr) || number === undefined) return null;
    return {
      kind: "pull_request",
      action: action as "opened",
      pullRequest: {
        id: String(number),
        key: `${repository}#${number}`,
        url: str(pr, "html_url") ?? "",
        title: str(pr, "title") ?? "",
        body: str(pr, "body") ?? "",
        branch: str(pr, "head.ref") ?? "",
        state: pr.merged === true ? "merged" : str(pr, "state") === "closed" ? "closed" : "open",
      },
      actor,
    };
  }
  return null;
}

import type { PulledChange } from "@/server/issue-sync/tracker";
import { at, isObject, str } from "../../shared/read";
import { markdownOfJira } from "./jira-body";
import { issueOf, stateOfStatus } from "./tracker";

/** `jira:issue_updated` for a comment repeats what the comment's own event says: left to that one. */
const COMMENT_UPDATES = new Set(["issue_commented", "issue_comment_edited", "issue_comment_deleted"]);
const COMMENT_ACTIONS: Record<string, "created" | "edited" | "deleted"> = { comment_created: "created", comment_updated: "edited", comment_deleted: "deleted" };

/** The site an issue's REST `self` is on (`https://x.atlassian.net/rest/api/2/issue/10002` → `https://x.atlassian.net`). */
function siteOf(self: string | undefined): string | null {
  try {
    return self ? new URL(self).origin : null;
  } catch {
    return null;
  }
}

const person = (value: unknown, fallback = "someone") => str(value, "displayName") ?? str(value, "emailAddress") ?? str(value, "accountId") ?? fallback;

/** Labels a changelog item says came or went (Jira writes them space-separated: labels hold no spaces). */
function labelChange(items: unknown[]): "labeled" | "unlabeled" | null {
  const item = items.find((i) => str(i, "field") === "labels");
  if (!item) return null;
  const words = (value: string | undefined) => new Set((value ?? "").split(/\s+/).filter(Boolean));
  const before = words(str(item, "fromString"));
  return [...words(str(item, "toString"))].some((label) => !before.has(label)) ? "labeled" : "unlabeled";
}

/**
 * Jira's admin webhooks in the sync's terms: `jira:issue_created`, `jira:issue_updated` (what
 * changed is in `changelog.items`; the issue is closed when its status is in the "done" category),
 * `jira:issue_deleted`, and `comment_created`/`_updated`/`_deleted`.
 * Webhooks carry the issue as the v2 API shows it — description and comment bodies in wiki
 * markup — which jira-body.ts reads as it reads ADF. Jira has no pull requests of its own.
 * Payloads passed the provider's validation (payloads.ts); fields are still read defensively, and
 * anything missing makes the delivery mean nothing to the sync.
 */
export function pullJiraChange({ eventType, payload }: { eventType: string; payload: unknown }): PulledChange | null {
  if (!isObject(payload)) return null;
  const key = str(payload, "issue.key");
  const site = siteOf(str(payload, "issue.self"));
  if (!key || !site) return null;

  const comment = COMMENT_ACTIONS[eventType];
  if (comment) {
    const id = str(payload, "comment.id");
    if (!id) return null;
    const author = person(at(payload, "comment.author"));
    return {
      kind: "comment",
      action: comment,
      issueId: key,
      comment: { id, body: markdownOfJira(at(payload, "comment.body")), author, url: `${site}/browse/${key}?focusedCommentId=${id}` },
      actor: comment === "created" ? author : person(at(payload, "comment.updateAuthor"), author),
    };
  }

  const issue = isObject(payload.issue) ? issueOf(site, payload.issue as { key: string; fields?: Record<string, unknown> }) : null;
  if (!issue) return null;
  const actor = person(payload.user);
  if (eventType === "jira:issue_created") return { kind: "issue", action: "opened", issue, actor };
  if (eventType === "jira:issue_deleted") return { kind: "issue", action: "deleted", issue, actor };
  if (eventType !== "jira:issue_updated" || COMMENT_UPDATES.has(str(payload, "issue_event_type_name") ?? "")) return null;
  const items = Array.isArray(at(payload, "changelog.items")) ? (at(payload, "changelog.items") as unknown[]) : [];
  const statusChanged = items.some((item) => str(item, "field") === "status");
  const state = stateOfStatus(at(payload, "issue.fields.status"));
  // The changelog names statuses, not their categories: a move out of "done" cannot be told from
  // one between open statuses, so only closing has its own action (the state itself is compared).
  const action = statusChanged && state === "closed" ? "closed" : (labelChange(items) ?? "edited");
  return { kind: "issue", action, issue, actor };
}

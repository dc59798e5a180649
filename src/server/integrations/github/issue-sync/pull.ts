import type { PulledChange } from "@/server/issue-sync/tracker";
import { at, isObject, num, str } from "../../shared/read";
import { issueOf } from "./tracker";

const ISSUE_ACTIONS = new Set(["opened", "edited", "closed", "reopened", "labeled", "unlabeled", "deleted"]);
const COMMENT_ACTIONS = new Set(["created", "edited", "deleted"]);
const PULL_ACTIONS = new Set(["opened", "edited", "closed", "reopened"]);

/**
 * GitHub's `issues`, `issue_comment` and `pull_request` webhooks in the sync's terms. A comment on
 * a pull request arrives as `issue_comment` too (its issue has `pull_request`): not an issue's.
 * Payloads were validated against GitHub's published schemas before they get here; fields are
 * still read defensively, and anything missing makes the delivery mean nothing to the sync.
 */
export function pullGithubChange(input: { eventType: string; payload: unknown }): PulledChange | null {
  const [event, action] = input.eventType.split(".", 2);
  const payload = input.payload;
  const repository = str(payload, "repository.full_name");
  const actor = str(payload, "sender.login") ?? "someone";
  if (!repository || !action) return null;

  if (event === "issues" && ISSUE_ACTIONS.has(action)) {
    const issue = at(payload, "issue");
    if (!isObject(issue) || issue.pull_request || typeof issue.number !== "number" || typeof issue.title !== "string") return null;
    return {
      kind: "issue",
      action: action as "opened",
      issue: issueOf(repository, {
        number: issue.number,
        html_url: str(issue, "html_url") ?? "",
        title: issue.title,
        body: str(issue, "body") ?? "",
        state: str(issue, "state") ?? "open",
        labels: Array.isArray(issue.labels) ? (issue.labels as { name?: string }[]).filter(isObject) : [],
        updated_at: str(issue, "updated_at") ?? new Date(0).toISOString(),
      }),
      actor,
    };
  }

  if (event === "issue_comment" && COMMENT_ACTIONS.has(action)) {
    const number = num(payload, "issue.number");
    const commentId = num(payload, "comment.id");
    if (number === undefined || commentId === undefined || at(payload, "issue.pull_request")) return null;
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
    const merged = pr.merged === true;
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
        state: merged ? "merged" : str(pr, "state") === "closed" ? "closed" : "open",
      },
      actor,
    };
  }
  return null;
}

import type { MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { at, compact, firstStr, num, str } from "../shared/read";

/** `forgejo.pull_request.opened`, `forgejo.issues.closed`, `forgejo.issue_comment.created`, `forgejo.push`, … */
export function mapForgejoEvent(type: string, payload: unknown): MappedEvent {
  const dot = type.indexOf(".");
  const event = dot === -1 ? type : type.slice(0, dot);
  const action = dot === -1 ? undefined : type.slice(dot + 1);
  const subject = at(payload, "pull_request") ?? at(payload, "issue");
  const commits = at(payload, "commits");
  const summary = {
    repository: str(payload, "repository.full_name") ?? null,
    actor: firstStr(payload, "sender.login", "pusher.login") ?? null,
    number: num(subject, "number"),
    title: str(subject, "title"),
    url: firstStr(payload, "comment.html_url", "compare_url") ?? str(subject, "html_url"),
    ref: str(payload, "ref"),
    commits: event === "push" ? (Array.isArray(commits) ? commits.length : 0) : undefined,
  };
  return { type: eventType("forgejo", event, action), summary: compact(summary) };
}

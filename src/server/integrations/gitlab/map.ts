import type { MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { compact, firstStr, num, str } from "../shared/read";

/** `gitlab.merge_request.open`, `gitlab.issue.close`, `gitlab.note`, `gitlab.push`, …, `gitlab.<event>` for the rest. */
export function mapGitlabEvent(type: string, payload: unknown): MappedEvent {
  const [event, action] = splitType(type);
  const common = {
    repository: str(payload, "project.path_with_namespace") ?? null,
    actor: firstStr(payload, "user.username", "user_username") ?? null,
  };
  let details: Record<string, unknown> = {};
  if (event === "merge_request" || event.endsWith("issue")) {
    details = {
      number: num(payload, "object_attributes.iid"),
      title: str(payload, "object_attributes.title"),
      url: str(payload, "object_attributes.url"),
      state: str(payload, "object_attributes.state"),
    };
  } else if (event.endsWith("note")) {
    details = {
      number: num(payload, "merge_request.iid") ?? num(payload, "issue.iid"),
      title: firstStr(payload, "merge_request.title", "issue.title"),
      url: str(payload, "object_attributes.url"),
      on: str(payload, "object_attributes.noteable_type"),
    };
  } else if (event === "push" || event === "tag_push") {
    details = {
      ref: str(payload, "ref"),
      url: str(payload, "project.web_url"),
      commits: num(payload, "total_commits_count") ?? arrayLength(payload, "commits"),
    };
  }
  return { type: eventType("gitlab", event, action), summary: compact({ ...common, ...details }) };
}

function splitType(type: string): [string, string | undefined] {
  const dot = type.indexOf(".");
  return dot === -1 ? [type, undefined] : [type.slice(0, dot), type.slice(dot + 1)];
}

function arrayLength(payload: unknown, key: string): number | undefined {
  const value = (payload as Record<string, unknown>)[key];
  return Array.isArray(value) ? value.length : undefined;
}

import type { PulledChange } from "@/server/issue-sync/tracker";
import { at, isObject, num, str } from "../../shared/read";
import { issueOf } from "./tracker";

/** GitLab's webhook actions as the sync names them. `update` covers edits and label changes alike. */
const ISSUE_ACTIONS: Record<string, "opened" | "edited" | "closed" | "reopened"> = { open: "opened", update: "edited", close: "closed", reopen: "reopened" };
const NOTE_ACTIONS: Record<string, "created" | "edited"> = { create: "created", update: "edited" };
const MERGE_ACTIONS: Record<string, "opened" | "edited" | "closed" | "reopened"> = { open: "opened", update: "edited", close: "closed", merge: "closed", reopen: "reopened" };

/**
 * A webhook timestamp as ISO 8601. Issue and note hooks write "2024-05-01 10:00:00 UTC" (or
 * ISO), to the second, where the API answers with milliseconds: the earlier reading of the
 * second is kept, so the echo of the sync's own write (same second, fewer milliseconds) is
 * "older than what the link holds" and changes nothing.
 */
export function webhookTime(value: string | undefined): string {
  const text = value?.trim() ?? "";
  const iso = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:UTC|\+0000)$/.exec(text);
  const ms = Date.parse(iso ? `${iso[1]}T${iso[2]}Z` : text);
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
}

/**
 * GitLab's Issue, Note and Merge Request hooks (and their confidential twins) in the sync's terms.
 * The event type is the provider's envelope(): the X-Gitlab-Event name slugged, a dot, then
 * `object_attributes.action` — `issue.update`, `note.create`, `merge_request.merge`. A note on
 * anything but an issue (a merge request, a commit, a snippet) is not an issue's comment; merge
 * requests have their own hook, so no issue is ever one. GitLab sends no webhook when a note is
 * deleted: a comment deleted on GitLab stays on the request. Older GitLab sends note hooks
 * without an action, only for new notes.
 */
export function pullGitlabChange(input: { eventType: string; payload: unknown }): PulledChange | null {
  const [event, action = ""] = input.eventType.split(".", 2);
  const payload = input.payload;
  const project = str(payload, "project.path_with_namespace");
  const actor = str(payload, "user.username") ?? "someone";
  const attributes = at(payload, "object_attributes");
  if (!project || !isObject(attributes)) return null;

  if (event === "issue" || event === "confidential_issue") {
    const kind = ISSUE_ACTIONS[action];
    if (!kind || num(attributes, "iid") === undefined) return null;
    const labels = Array.isArray(at(payload, "labels")) ? at(payload, "labels") : attributes.labels;
    const issue = issueOf(project, {
      iid: attributes.iid,
      title: attributes.title,
      description: attributes.description,
      state: attributes.state,
      web_url: attributes.url,
      labels: Array.isArray(labels) ? labels : [],
      updated_at: webhookTime(str(attributes, "updated_at")),
    });
    return { kind: "issue", action: kind, issue, actor };
  }

  if (event === "note" || event === "confidential_note") {
    const kind = action ? NOTE_ACTIONS[action] : "created";
    const iid = num(payload, "issue.iid");
    const noteId = num(attributes, "id");
    if (!kind || str(attributes, "noteable_type") !== "Issue" || iid === undefined || noteId === undefined) return null;
    return {
      kind: "comment",
      action: kind,
      issueId: String(iid),
      comment: { id: String(noteId), body: str(attributes, "note") ?? "", author: actor, url: str(attributes, "url") ?? null },
      actor,
    };
  }

  if (event === "merge_request") {
    const kind = MERGE_ACTIONS[action];
    const iid = num(attributes, "iid");
    if (!kind || iid === undefined) return null;
    const state = str(attributes, "state");
    return {
      kind: "pull_request",
      action: kind,
      pullRequest: {
        // "!12", as GitLab writes merge requests: their numbers are not the issues' (unlike GitHub's),
        // so a merge request's own number must not hide the issue "#12" it names.
        id: `!${iid}`,
        key: `${project}!${iid}`,
        url: str(attributes, "url") ?? "",
        title: str(attributes, "title") ?? "",
        body: str(attributes, "description") ?? "",
        branch: str(attributes, "source_branch") ?? "",
        state: state === "merged" || action === "merge" ? "merged" : state === "closed" || state === "locked" ? "closed" : "open",
      },
      actor,
    };
  }
  return null;
}

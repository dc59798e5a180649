import { describe, expect, it } from "vitest";
import { configErrors, inboundRequest } from "../shared/test-requests";
import { gitlab } from "./index";

const token = "gl-hook-token-0123456789";
const integration = { id: "i-1", name: "GitLab" };

// Abridged from GitLab's documented "Merge request events" payload.
const mergeRequest = {
  object_kind: "merge_request",
  event_type: "merge_request",
  user: { id: 1, name: "Administrator", username: "root" },
  project: { id: 1, name: "Gitlab Test", path_with_namespace: "gitlabhq/gitlab-test", web_url: "http://example.com/gitlabhq/gitlab-test" },
  object_attributes: {
    id: 99,
    iid: 1,
    title: "MS-Viewport",
    state: "opened",
    action: "open",
    url: "http://example.com/diaspora/merge_requests/1",
    source_branch: "ms-viewport",
    target_branch: "master",
  },
  labels: [],
  changes: {},
};

const push = {
  object_kind: "push",
  event_name: "push",
  before: "95790bf891e76fee5e1747ab589903a6a1f80f22",
  after: "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
  ref: "refs/heads/master",
  user_username: "jsmith",
  project: { path_with_namespace: "mike/diaspora", web_url: "http://example.com/mike/diaspora" },
  commits: [{ id: "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", message: "Update Catalan translation" }],
  total_commits_count: 4,
};

function delivery(event: string, payload: unknown, headerToken: string | null = token) {
  return inboundRequest(JSON.stringify(payload), {
    "x-gitlab-event": event,
    "x-gitlab-token": headerToken ?? undefined,
    "x-gitlab-event-uuid": "13792a34-cac6-4fda-95a8-c58e00a3954e",
  });
}

describe("GitLab", () => {
  it("accepts a delivery carrying the configured secret token", () => {
    expect(gitlab.inbound.verify(delivery("Merge Request Hook", mergeRequest), { webhookToken: token })).toEqual({ ok: true });
  });

  it("refuses a wrong, missing or unconfigured token, with a reason", () => {
    expect(gitlab.inbound.verify(delivery("Push Hook", push, "gl-hook-token-0123456780"), { webhookToken: token })).toEqual({
      ok: false,
      reason: "the X-Gitlab-Token header does not match the configured secret",
    });
    expect(gitlab.inbound.verify(delivery("Push Hook", push, null), { webhookToken: token })).toEqual({
      ok: false,
      reason: "the X-Gitlab-Token header is missing",
    });
    expect(gitlab.inbound.verify(delivery("Push Hook", push, ""), { webhookToken: "" }).ok).toBe(false);
    expect(gitlab.inbound.verify(delivery("Push Hook", push), {}).ok).toBe(false);
  });

  it("types a merge request by its action and dedupes by X-Gitlab-Event-UUID", () => {
    const request = delivery("Merge Request Hook", mergeRequest);
    expect(gitlab.inbound.envelope(request, mergeRequest)).toEqual({ eventType: "merge_request.open", deliveryId: "13792a34-cac6-4fda-95a8-c58e00a3954e" });
    expect(gitlab.inbound.envelope(delivery("Tag Push Hook", push), push).eventType).toBe("tag_push");
  });

  it("validates the fields it maps and names the path that is wrong", () => {
    expect(gitlab.inbound.validate("merge_request.open", mergeRequest)).toEqual({ ok: true });
    expect(gitlab.inbound.validate("push", push)).toEqual({ ok: true });
    const { object_attributes: _, ...broken } = mergeRequest;
    const check = gitlab.inbound.validate("merge_request.open", broken);
    expect(!check.ok && check.errors[0]).toMatch(/^\/object_attributes: /);
    const badPush = gitlab.inbound.validate("push", { ...push, commits: "none" });
    expect(!badPush.ok && badPush.errors[0]).toMatch(/^\/commits: /);
    expect(gitlab.inbound.validate("pipeline", { object_kind: "pipeline" })).toEqual({ ok: true });
  });

  it("maps merge requests and pushes", () => {
    expect(gitlab.inbound.map({ eventType: "merge_request.open", payload: mergeRequest, integration })).toEqual({
      type: "gitlab.merge_request.open",
      summary: { repository: "gitlabhq/gitlab-test", actor: "root", number: 1, title: "MS-Viewport", url: "http://example.com/diaspora/merge_requests/1", state: "opened" },
    });
    expect(gitlab.inbound.map({ eventType: "push", payload: push, integration })).toMatchObject({
      type: "gitlab.push",
      summary: { repository: "mike/diaspora", actor: "jsmith", ref: "refs/heads/master", commits: 4 },
    });
  });

  it("defaults baseUrl to gitlab.com and names bad fields", () => {
    expect(gitlab.configSchema.parse({ projectId: 4242, webhookToken: token })).toEqual({ baseUrl: "https://gitlab.com", projectId: "4242", webhookToken: token });
    expect(gitlab.configSchema.parse({ baseUrl: "https://git.example.com/", projectId: "group/sub/project", webhookToken: token }).baseUrl).toBe("https://git.example.com");
    expect(configErrors(gitlab.configSchema.safeParse({ baseUrl: "ftp://x", projectId: "a b", webhookToken: token }))).toEqual([
      "baseUrl: baseUrl must be an http(s) URL like https://gitlab.example.com, without query string",
      'projectId: projectId must be a numeric id (e.g. "4242") or a path like "group/project"',
    ]);
    expect(configErrors(gitlab.configSchema.safeParse({ projectId: 1 }))).toEqual(["webhookToken: webhookToken is required"]);
  });

  it("accepts Provenant's documented shape (project_id, branch) beside projectId, and wants one project", () => {
    const provenant = gitlab.configSchema.parse({ project_id: "12345", branch: "main", token: "glpat-xxxx", webhookToken: token });
    expect(provenant).toEqual({ baseUrl: "https://gitlab.com", project_id: "12345", branch: "main", token: "glpat-xxxx", webhookToken: token });
    expect(gitlab.inbound.outOfScope!({ project: { id: 999, path_with_namespace: "other/app" } }, provenant)).toMatch(/keeps to 12345/);
    expect(configErrors(gitlab.configSchema.safeParse({ webhookToken: token }))).toEqual(['projectId: projectId is required: a numeric id (e.g. "4242") or a path like "group/project"']);
    expect(configErrors(gitlab.configSchema.safeParse({ projectId: "a/b", project_id: "c/d", webhookToken: token }))).toEqual(["project_id: project_id and projectId name different projects: keep one of them"]);
    expect(gitlab.issueSync.tracker({ project_id: "12345" }, {})).toEqual({ unavailable: expect.stringContaining("no token") });
    expect(gitlab.issueSync.tracker({ project_id: "12345" }, { token: "glpat-x" })).toMatchObject({ target: "12345 on GitLab" });
  });

  it("reads the issue a person names: its number, #number, group/project#number or its URL", () => {
    const { issueIdOf } = gitlab.issueSync;
    expect(["12", "#12", "group/sub/project#12", "https://gitlab.com/group/project/-/issues/12", "https://git.example.com/g/p/issues/12#note_3"].map(issueIdOf)).toEqual(["12", "12", "12", "12", "12"]);
    expect(["", "!12", "group/project!12", "https://gitlab.com/group/project/-/merge_requests/12"].map(issueIdOf)).toEqual([null, null, null, null]);
  });

  it("tells the issue sync what an issue, note or merge request hook says, ignoring notes on anything but issues", () => {
    const base = { user: { username: "alice" }, project: { id: 1, path_with_namespace: "acme/app" } };
    const issue = { ...base, object_attributes: { iid: 4, title: "T", description: "D", state: "closed", url: "https://gitlab.com/acme/app/-/issues/4", updated_at: "2026-05-01 10:00:07 UTC", action: "close" }, labels: [{ title: "P1" }] };
    expect(gitlab.issueSync.pull({ eventType: "issue.close", payload: issue })).toEqual({
      kind: "issue",
      action: "closed",
      actor: "alice",
      issue: { id: "4", key: "acme/app#4", url: "https://gitlab.com/acme/app/-/issues/4", title: "T", body: "D", state: "closed", labels: ["P1"], updatedAt: "2026-05-01T10:00:07.000Z" },
    });
    const note = (noteableType: string) => ({ ...base, issue: { iid: 4 }, object_attributes: { id: 9, note: "Hi", noteable_type: noteableType, url: "u" } });
    expect(gitlab.issueSync.pull({ eventType: "note", payload: note("Issue") })).toMatchObject({ kind: "comment", action: "created", issueId: "4", comment: { id: "9", author: "alice" } });
    expect(gitlab.issueSync.pull({ eventType: "note.create", payload: note("MergeRequest") })).toBeNull();
    expect(gitlab.issueSync.pull({ eventType: "merge_request.approved", payload: { ...base, object_attributes: { iid: 2, title: "x" } } })).toBeNull();
    expect(gitlab.issueSync.pull({ eventType: "push", payload: base })).toBeNull();
  });
});

import type http from "node:http";
import type { FakeGitlab } from "./fake-gitlab";
import { issueJson, noteJson, type Urls } from "./fake-gitlab-json";
import type { GitlabState } from "./fake-gitlab-state";

/**
 * The fake GitLab's test-only side, under `/_fake/`, for a test in another process (e2e): set the
 * world up, act as a person on GitLab, read the state. Never gated nor recorded. JSON in, JSON
 * out; what the fake cannot do (an unknown project, a person who cannot see it) answers 400 with why.
 * Project paths are URL-encoded in the path, as in GitLab's API ("group%2Fproject").
 *
 * - `POST /_fake/users` `{"username", "token", "scopes"?, "admin"?}`
 * - `POST /_fake/projects` `{"path", "members": {"<username>": "reporter"}, "issuesEnabled"?}`
 * - `POST /_fake/hooks` `{"project", "url", "token"}`
 * - `POST /_fake/projects/<path>/issues` `{"title", "description"?, "labels"?, "username"}`: a person opens an issue
 * - `POST /_fake/projects/<path>/issues/<iid>/notes` `{"body", "username"}`: a person comments
 * - `GET /_fake/projects/<path>/issues`: every issue as the API shows it, each with `notes_list`
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 * - `GET /_fake/health`
 * - `GET /_fake/avatars/<user id>`: the users' `avatar_url`, a square of colour
 */
export function serveControl(fake: FakeGitlab, state: GitlabState, urls: Urls, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const { method, path } = request;
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const avatar = /^\/_fake\/avatars\/(\d+)$/.exec(path);
  if (method === "GET" && avatar) {
    const colour = ((Number(avatar[1]) * 2654435761) % 0xffffff).toString(16).padStart(6, "0");
    res.writeHead(200, { "content-type": "image/svg+xml" });
    res.end(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#${colour}"/></svg>`);
    return;
  }
  let input: Record<string, unknown>;
  try {
    input = request.text ? (JSON.parse(request.text) as Record<string, unknown>) : {};
  } catch {
    return reply(400, { message: "the body is not JSON" });
  }
  const issues = /^\/_fake\/projects\/([^/]+)\/issues$/.exec(path);
  const notes = /^\/_fake\/projects\/([^/]+)\/issues\/(\d+)\/notes$/.exec(path);
  const project = decodeURIComponent((issues ?? notes)?.[1] ?? "");
  try {
    if (method === "GET" && path === "/_fake/health") return reply(200, { ok: true });
    if (method === "GET" && path === "/_fake/deliveries") return reply(200, fake.webhookDeliveries);
    if (method === "POST" && path === "/_fake/users") {
      const user = fake.addUser(input as Parameters<FakeGitlab["addUser"]>[0]);
      return reply(201, { id: user.id, username: user.username, scopes: user.scopes });
    }
    if (method === "POST" && path === "/_fake/projects") {
      const created = fake.addProject(input as Parameters<FakeGitlab["addProject"]>[0]);
      return reply(201, { id: created.id, path_with_namespace: created.path });
    }
    if (method === "POST" && path === "/_fake/hooks") return reply(201, fake.addHook(input as Parameters<FakeGitlab["addHook"]>[0]));
    if (method === "GET" && issues) {
      return reply(200, fake.issues(project).map((i) => ({ ...issueJson(state, i, urls), notes_list: state.notesOf(i).map((n) => noteJson(state, n, urls)) })));
    }
    if (method === "POST" && issues) return reply(201, issueJson(state, fake.userOpensIssue({ ...(input as { title: string; username: string }), project }), urls));
    if (method === "POST" && notes) return reply(201, noteJson(state, fake.userComments({ ...(input as { body: string; username: string }), project, iid: Number(notes[2]) }), urls));
  } catch (error) {
    return reply(400, { message: (error as Error).message });
  }
  reply(404, { message: `no control ${method} ${path}` });
}

import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
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
  const issues = /^\/_fake\/projects\/([^/]+)\/issues$/.exec(request.path);
  const notes = /^\/_fake\/projects\/([^/]+)\/issues\/(\d+)\/notes$/.exec(request.path);
  const project = decodeURIComponent((issues ?? notes)?.[1] ?? "");
  serveControlSurface(request, res, {
    deliveries: () => fake.webhookDeliveries,
    avatars: true,
    route(method, path, input) {
      if (method === "POST" && path === "/_fake/users") {
        const user = fake.addUser(input as Parameters<FakeGitlab["addUser"]>[0]);
        return [201, { id: user.id, username: user.username, scopes: user.scopes }];
      }
      if (method === "POST" && path === "/_fake/projects") {
        const created = fake.addProject(input as Parameters<FakeGitlab["addProject"]>[0]);
        return [201, { id: created.id, path_with_namespace: created.path }];
      }
      if (method === "POST" && path === "/_fake/hooks") return [201, fake.addHook(input as Parameters<FakeGitlab["addHook"]>[0])];
      if (method === "GET" && issues) {
        return [200, fake.issues(project).map((i) => ({ ...issueJson(state, i, urls), notes_list: state.notesOf(i).map((n) => noteJson(state, n, urls)) }))];
      }
      if (method === "POST" && issues) return [201, issueJson(state, fake.userOpensIssue({ ...(input as { title: string; username: string }), project }), urls)];
      if (method === "POST" && notes) return [201, noteJson(state, fake.userComments({ ...(input as { body: string; username: string }), project, iid: Number(notes[2]) }), urls)];
    },
  });
}

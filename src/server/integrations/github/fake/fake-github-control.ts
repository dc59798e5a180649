import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeGithub } from "./fake-github";
import { commentJson, issueJson, type Urls } from "./fake-github-json";
import type { GithubState } from "./fake-github-state";

/**
 * The fake GitHub's test-only side, under `/_fake/`, for a test in another process (e2e): set
 * the world up, act as a person on github.com, read the state. Never gated nor recorded. JSON in,
 * JSON out; a request the fake cannot do (an unknown repository, a person without access)
 * answers 400 with why.
 *
 * - `POST /_fake/users` `{"login", "token", "scopes"?}`
 * - `POST /_fake/repos` `{"fullName", "collaborators", "readOnly"?}`
 * - `POST /_fake/hooks` `{"repo", "url", "secret"}`
 * - `POST /_fake/repos/<owner>/<repo>/issues` `{"title", "body"?, "labels"?, "login"}`: a person opens an issue
 * - `POST /_fake/repos/<owner>/<repo>/issues/<n>/comments` `{"body", "login"}`: a person comments
 * - `GET /_fake/repos/<owner>/<repo>/issues`: every issue and pull request as the API shows it, each with `comments_list`
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 * - `GET /_fake/health`
 * - `GET /_fake/avatars/<user id>`: the users' `avatar_url`, a square of colour
 */
export function serveControl(fake: FakeGithub, state: GithubState, urls: Urls, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const issues = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues$/.exec(request.path);
  const comments = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(request.path);
  serveControlSurface(request, res, {
    deliveries: () => fake.webhookDeliveries,
    avatars: true,
    route(method, path, input) {
      if (method === "POST" && path === "/_fake/users") return [201, fake.addUser(input as Parameters<FakeGithub["addUser"]>[0])];
      if (method === "POST" && path === "/_fake/repos") {
        const repo = fake.addRepo(input as Parameters<FakeGithub["addRepo"]>[0]);
        return [201, { id: repo.id, full_name: repo.fullName }];
      }
      if (method === "POST" && path === "/_fake/hooks") return [201, fake.addHook(input as Parameters<FakeGithub["addHook"]>[0])];
      if (method === "GET" && issues) {
        return [200, fake.issues(issues[1]).map((i) => ({ ...issueJson(state, i, urls), comments_list: state.commentsOf(i).map((c) => commentJson(state, c, urls)) }))];
      }
      if (method === "POST" && issues) {
        const opened = fake.userOpensIssue({ ...(input as { title: string; login: string }), repo: issues[1] });
        return [201, issueJson(state, opened, urls)];
      }
      if (method === "POST" && comments) {
        const comment = fake.userComments({ ...(input as { body: string; login: string }), repo: comments[1], number: Number(comments[2]) });
        return [201, commentJson(state, comment, urls)];
      }
    },
  });
}

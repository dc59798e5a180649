import type http from "node:http";
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
  const issues = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues$/.exec(path);
  const comments = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(path);
  try {
    if (method === "GET" && path === "/_fake/health") return reply(200, { ok: true });
    if (method === "GET" && path === "/_fake/deliveries") return reply(200, fake.webhookDeliveries);
    if (method === "POST" && path === "/_fake/users") return reply(201, fake.addUser(input as Parameters<FakeGithub["addUser"]>[0]));
    if (method === "POST" && path === "/_fake/repos") {
      const repo = fake.addRepo(input as Parameters<FakeGithub["addRepo"]>[0]);
      return reply(201, { id: repo.id, full_name: repo.fullName });
    }
    if (method === "POST" && path === "/_fake/hooks") return reply(201, fake.addHook(input as Parameters<FakeGithub["addHook"]>[0]));
    if (method === "GET" && issues) {
      return reply(
        200,
        fake.issues(issues[1]).map((i) => ({ ...issueJson(state, i, urls), comments_list: state.commentsOf(i).map((c) => commentJson(state, c, urls)) })),
      );
    }
    if (method === "POST" && issues) {
      const opened = fake.userOpensIssue({ ...(input as { title: string; login: string }), repo: issues[1] });
      return reply(201, issueJson(state, opened, urls));
    }
    if (method === "POST" && comments) {
      const comment = fake.userComments({ ...(input as { body: string; login: string }), repo: comments[1], number: Number(comments[2]) });
      return reply(201, commentJson(state, comment, urls));
    }
  } catch (error) {
    return reply(400, { message: (error as Error).message });
  }
  reply(404, { message: `no control ${method} ${path}` });
}

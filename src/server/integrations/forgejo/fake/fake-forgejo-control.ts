import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeForgejo } from "./fake-forgejo";
import { commentJson, issueJson, labelJson, type Urls } from "./fake-forgejo-json";
import type { ForgejoState } from "./fake-forgejo-state";

/**
 * The fake Forgejo's test-only side, under `/_fake/`, for a test in another process (e2e): set
 * the world up, act as a person in the web UI, read the state. Never gated nor recorded. JSON in,
 * JSON out; a request the fake cannot do (an unknown repository, a person without access)
 * answers 400 with why.
 *
 * - `GET /_fake/health`
 * - `POST /_fake/users` `{"login", "token", "scopes"?}` (scopes default to write:issue, read:repository, read:user)
 * - `POST /_fake/repos` `{"fullName", "collaborators", "readOnly"?}`
 * - `POST /_fake/repos/<owner>/<repo>/labels` `{"name", "color"?}`
 * - `POST /_fake/hooks` `{"repo", "url", "secret"}`
 * - `POST /_fake/repos/<owner>/<repo>/issues` `{"title", "body"?, "labels"?, "login"}`: a person opens an issue
 * - `POST /_fake/repos/<owner>/<repo>/issues/<n>/comments` `{"body", "login"}`: a person comments
 * - `GET /_fake/repos/<owner>/<repo>/issues`: every issue and pull request as the API shows it, each with `comments_list`
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 */
export function serveControl(fake: FakeForgejo, state: ForgejoState, urls: Urls, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const repoPath = /^\/_fake\/repos\/([^/]+\/[^/]+)\/(issues|labels)$/.exec(request.path);
  const comments = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(request.path);
  serveControlSurface(request, res, {
    deliveries: () => fake.webhookDeliveries,
    route(method, path, input) {
      if (method === "POST" && path === "/_fake/users") {
        const user = fake.addUser(input as Parameters<FakeForgejo["addUser"]>[0]);
        return [201, { id: user.id, login: user.login, scopes: user.scopes }];
      }
      if (method === "POST" && path === "/_fake/repos") {
        const repo = fake.addRepo(input as Parameters<FakeForgejo["addRepo"]>[0]);
        return [201, { id: repo.id, full_name: repo.fullName }];
      }
      if (method === "POST" && path === "/_fake/hooks") return [201, fake.addHook(input as Parameters<FakeForgejo["addHook"]>[0])];
      if (method === "POST" && repoPath?.[2] === "labels") return [201, labelJson(fake.addLabel({ ...(input as { name: string; color?: string }), repo: repoPath[1] }), urls)];
      if (method === "GET" && repoPath?.[2] === "issues") {
        return [200, fake.issues(repoPath[1]).map((i) => ({ ...issueJson(state, i, urls), comments_list: state.commentsOf(i).map((c) => commentJson(state, c, urls)) }))];
      }
      if (method === "POST" && repoPath?.[2] === "issues") {
        const opened = fake.userOpensIssue({ ...(input as { title: string; login: string }), repo: repoPath[1] });
        return [201, issueJson(state, opened, urls)];
      }
      if (method === "POST" && comments) {
        const comment = fake.userComments({ ...(input as { body: string; login: string }), repo: comments[1], number: Number(comments[2]) });
        return [201, commentJson(state, comment, urls)];
      }
    },
  });
}

import type http from "node:http";
import { serveControlSurface, type ControlAnswer } from "../../shared/fake/control";
import type { FakeGithub } from "./fake-github";
import { commentJson, issueJson, type Urls } from "./fake-github-json";
import { deploymentJson, deploymentStatusJson, workflowRunJson } from "./fake-github-ci-json";
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
 * - `POST /_fake/repos/<owner>/<repo>/branches` and `…/tags` `{"name", "sha"?}`: a branch or tag (answers its `sha`)
 * - `POST /_fake/repos/<owner>/<repo>/workflows` `{"path", "name"?, "inputs"?, "dispatchable"?}`: a workflow file,
 *   `inputs` as its `workflow_dispatch` declares them (`{"model": {"required": true, "type": "string"}}`)
 * - `GET /_fake/repos/<owner>/<repo>/deployments`: every deployment as the API shows it, each with `statuses_list` (newest first, as the API lists them)
 * - `GET /_fake/repos/<owner>/<repo>/dispatches`: every workflow run a dispatch made, as the API shows it, each with its `inputs`
 * - `POST /_fake/runs/<run id>/start`: GitHub Actions picks the run up (`workflow_run` in_progress)
 * - `POST /_fake/runs/<run id>/complete` `{"conclusion"?}` (default "success"): the run ends (`workflow_run` completed)
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 * - `GET /_fake/health`
 * - `GET /_fake/avatars/<user id>`: the users' `avatar_url`, a square of colour
 */
export function serveControl(fake: FakeGithub, state: GithubState, urls: Urls, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const issues = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues$/.exec(request.path);
  const comments = /^\/_fake\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(request.path);
  const repoPart = /^\/_fake\/repos\/([^/]+\/[^/]+)\/(branches|tags|workflows|deployments|dispatches)$/.exec(request.path);
  const run = /^\/_fake\/runs\/(\d+)\/(start|complete)$/.exec(request.path);
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
      if (repoPart) return repoRoute(fake, state, urls, method, repoPart[1], repoPart[2], input);
      if (method === "POST" && run) {
        const done = run[2] === "start" ? fake.startWorkflowRun(Number(run[1])) : fake.completeWorkflowRun(Number(run[1]), input.conclusion as Parameters<FakeGithub["completeWorkflowRun"]>[1]);
        return [200, workflowRunJson(state, done, urls)];
      }
    },
  });
}

/** `/_fake/repos/<owner>/<repo>/<part>`: refs, workflows, and what deployments and dispatches made. */
function repoRoute(fake: FakeGithub, state: GithubState, urls: Urls, method: string, repo: string, part: string, input: Record<string, unknown>): ControlAnswer | undefined {
  if (method === "POST" && (part === "branches" || part === "tags")) {
    const ref = { repo, name: String(input.name ?? ""), sha: input.sha === undefined ? undefined : String(input.sha) };
    return [201, { name: ref.name, sha: part === "branches" ? fake.addBranch(ref) : fake.addTag(ref) }];
  }
  if (method === "POST" && part === "workflows") {
    const workflow = fake.addWorkflow({ ...(input as Omit<Parameters<FakeGithub["addWorkflow"]>[0], "repo">), repo });
    return [201, { id: workflow.id, name: workflow.name, path: workflow.path, inputs: workflow.inputs }];
  }
  if (method === "GET" && part === "deployments") {
    return [200, fake.deployments(repo).map((d) => ({ ...deploymentJson(state, d, urls), statuses_list: [...d.statuses].reverse().map((s) => deploymentStatusJson(state, d, s, urls)) }))];
  }
  if (method === "GET" && part === "dispatches") return [200, fake.workflowRuns(repo).map((r) => ({ ...workflowRunJson(state, r, urls), inputs: r.inputs }))];
  return undefined;
}

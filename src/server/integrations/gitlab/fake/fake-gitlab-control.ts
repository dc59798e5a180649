import type http from "node:http";
import { serveControlSurface, type ControlAnswer } from "../../shared/fake/control";
import type { FakeGitlab } from "./fake-gitlab";
import { deploymentJson, issueJson, noteJson, pipelineJson, type Urls } from "./fake-gitlab-json";
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
 * - `POST /_fake/projects/<path>/branches` and `…/tags` `{"name", "sha"?}`: a branch or tag (answers its `sha`)
 * - `POST /_fake/projects/<path>/triggers` `{"owner", "token"?, "description"?}`: a pipeline trigger token (answers it)
 * - `GET /_fake/projects/<path>/deployments`: every deployment as the API shows it
 * - `GET /_fake/projects/<path>/pipelines`: every pipeline as the API shows it, each with its `variables`
 * - `POST /_fake/pipelines/<id>/start`: a runner picks the pipeline up (running)
 * - `POST /_fake/pipelines/<id>/complete` `{"status"?}` (default "success"; failed, canceled, skipped): the pipeline ends
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 * - `GET /_fake/health`
 * - `GET /_fake/avatars/<user id>`: the users' `avatar_url`, a square of colour
 */
export function serveControl(fake: FakeGitlab, state: GitlabState, urls: Urls, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const issues = /^\/_fake\/projects\/([^/]+)\/issues$/.exec(request.path);
  const notes = /^\/_fake\/projects\/([^/]+)\/issues\/(\d+)\/notes$/.exec(request.path);
  const ci = /^\/_fake\/projects\/([^/]+)\/(branches|tags|triggers|deployments|pipelines)$/.exec(request.path);
  const pipeline = /^\/_fake\/pipelines\/(\d+)\/(start|complete)$/.exec(request.path);
  const project = decodeURIComponent((issues ?? notes ?? ci)?.[1] ?? "");
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
      if (ci) return ciRoute(fake, state, urls, method, project, ci[2], input);
      if (method === "POST" && pipeline) {
        const id = Number(pipeline[1]);
        const moved = pipeline[2] === "start" ? fake.startPipeline(id) : fake.completePipeline(id, input.status as Parameters<FakeGitlab["completePipeline"]>[1]);
        return [200, pipelineJson(state, moved, urls)];
      }
    },
  });
}

/** `/_fake/projects/<path>/<part>`: refs and trigger tokens, and what deployments and pipelines were made. */
function ciRoute(fake: FakeGitlab, state: GitlabState, urls: Urls, method: string, project: string, part: string, input: Record<string, unknown>): ControlAnswer | undefined {
  if (method === "POST" && (part === "branches" || part === "tags")) {
    const ref = { project, name: String(input.name ?? ""), sha: input.sha === undefined ? undefined : String(input.sha) };
    return [201, { name: ref.name, sha: part === "branches" ? fake.addBranch(ref) : fake.addTag(ref) }];
  }
  if (method === "POST" && part === "triggers") {
    const trigger = fake.addTriggerToken({ ...(input as { owner: string; token?: string; description?: string }), project });
    return [201, { id: trigger.id, token: trigger.token, owner: trigger.owner, description: trigger.description }];
  }
  if (method === "GET" && part === "deployments") return [200, fake.deployments(project).map((d) => deploymentJson(state, d, urls))];
  if (method === "GET" && part === "pipelines") {
    return [200, fake.pipelines(project).map((p) => ({ ...pipelineJson(state, p, urls), variables: p.variables.map((v) => ({ key: v.key, value: v.value, variable_type: v.variableType })) }))];
  }
  return undefined;
}

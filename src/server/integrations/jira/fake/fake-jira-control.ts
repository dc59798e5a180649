import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeJira } from "./fake-jira";
import { commentJson, issueJson } from "./fake-jira-json";

/**
 * The fake Jira's test-only side, under `/_fake/`, for a test in another process (e2e): set the
 * site up, act as a person in Jira, read the state. Never gated nor recorded. JSON in, JSON out;
 * what the fake cannot do (an unknown project, a person without access) answers 400 with why.
 *
 * - `GET /_fake/health`
 * - `POST /_fake/users` `{"email", "token"?, "displayName"?}`
 * - `POST /_fake/projects` `{"key", "name"?, "members"?, "readOnly"?, "issueTypes"?}`
 * - `POST /_fake/hooks` `{"url", "secret", "projectKey"?}`
 * - `POST /_fake/projects/<KEY>/issues` `{"summary", "description"?, "labels"?, "email"}`: a person creates an issue (description in Markdown)
 * - `GET /_fake/projects/<KEY>/issues`: its issues as the API shows them, each with `comments_list`
 * - `POST /_fake/issues/<KEY-1>/comments` `{"body", "email"}`: a person comments (Markdown)
 * - `POST /_fake/issues/<KEY-1>/transitions` `{"to", "email"}`: a person moves the issue (a transition's or a status's name)
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 */
export function serveControl(fake: FakeJira, site: string, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const projectIssues = /^\/_fake\/projects\/([A-Z][A-Z0-9_]*)\/issues$/.exec(request.path);
  const issueAction = /^\/_fake\/issues\/([A-Z][A-Z0-9_]*-\d+)\/(comments|transitions)$/.exec(request.path);
  const { state } = fake;
  serveControlSurface(request, res, {
    deliveries: () => fake.webhookDeliveries,
    route(method, path, input) {
      if (method === "POST" && path === "/_fake/users") {
        const user = fake.addUser(input as Parameters<FakeJira["addUser"]>[0]);
        return [201, { accountId: user.accountId, email: user.email, displayName: user.displayName }];
      }
      if (method === "POST" && path === "/_fake/projects") {
        const project = fake.addProject(input as Parameters<FakeJira["addProject"]>[0]);
        return [201, { id: project.id, key: project.key, name: project.name }];
      }
      if (method === "POST" && path === "/_fake/hooks") return [201, fake.addHook(input as Parameters<FakeJira["addHook"]>[0])];
      if (method === "GET" && projectIssues) {
        return [200, fake.issues(projectIssues[1]).map((i) => ({ ...issueJson(site, state, i), comments_list: state.commentsOf(i).map((c) => commentJson(site, state, c)) }))];
      }
      if (method === "POST" && projectIssues) {
        const issue = fake.person.createsIssue({ ...(input as { summary: string; email: string }), projectKey: projectIssues[1] });
        return [201, issueJson(site, state, issue)];
      }
      if (method === "POST" && issueAction?.[2] === "comments") {
        const comment = fake.person.comments({ ...(input as { body: string; email: string }), key: issueAction[1] });
        return [201, commentJson(site, state, comment)];
      }
      if (method === "POST" && issueAction?.[2] === "transitions") {
        const issue = fake.person.transitionsIssue({ ...(input as { to: string; email: string }), key: issueAction[1] });
        return [200, issueJson(site, state, issue)];
      }
    },
  });
}

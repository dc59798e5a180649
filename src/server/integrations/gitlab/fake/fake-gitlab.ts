import { GitlabState } from "./fake-gitlab-ci-state";
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { createGitlabContractGate } from "./contract";
import { gitlabError, handleOperation, triggerPipeline, type Answer } from "./fake-gitlab-api";
import { serveControl } from "./fake-gitlab-control";
import type { Urls } from "./fake-gitlab-json";
import {
  changedProject,
  type Change,
  type FakeDeployment,
  type FakeIssue,
  type FakeMergeRequest,
  type FakeNote,
  type FakePipeline,
  type FakeProject,
  type FakeTrigger,
  type FakeUser,
  type Role,
} from "./fake-gitlab-state";
import { createWebhookSender, webhookPayload, type FakeHook, type WebhookDelivery } from "./fake-gitlab-webhooks";
import { personActions, type PersonActions } from "./fake-gitlab-people";

/**
 * A stateful GitLab for tests, on 127.0.0.1: the issues and notes, deployments and pipelines
 * (created, or triggered with a trigger token) parts of the REST API v4 at `${url}/api/v4`, as on gitlab.com or a self-managed GitLab whose address is `url`. State, JSON
 * shapes, answers, webhooks, a person's actions and the control side live in
 * fake-gitlab-{state,json,api,webhooks,people,control}.ts; this file is the server.
 * What every tracker fake does alike (HTTP plumbing, the fault switch, the webhook queue, the
 * control skeleton) is in ../../shared/fake/.
 *
 * A body may be JSON, form-urlencoded or a multipart form, as GitLab (Grape) takes them; a form's
 * `variables[KEY]=value` fields become a `variables` object, as Rack nests them.
 *
 * Each API request, in order: the contract gate (./contract.ts) — what the real API would refuse
 * is recorded in `violations` and answered as GitLab's Grape does (400 `{"error": …}`, or 404
 * `{"error": "404 Not Found"}` for a route outside the contract); then the fault switch; then the
 * token (`PRIVATE-TOKEN: X` or `Authorization: Bearer X`; an unknown one is 401
 * `{"message": "401 Unauthorized"}`, none at all too, every project being private — except the
 * pipeline trigger, authenticated by its trigger token); then the state's rules (fake-gitlab-api.ts). The fake's answer is checked against the contract's
 * response schemas too, and a mismatch is a violation.
 *
 * Every change — through the API or by a test acting as a person on GitLab — is sent to the
 * project's hooks as a webhook with the hook's secret token, asynchronously; `settled()` waits for
 * them (fake-gitlab-webhooks.ts). So is a pipeline's every status (`startPipeline`,
 * `completePipeline` act as GitLab's runners) and a deployment's. Under `/_fake/`, never gated nor recorded, a control surface for
 * a test in another process (fake-gitlab-control.ts).
 */

export type RecordedRequest = { at: number; method: string; path: string; query: string; body: unknown; status: number | null; operationId: string | null; username: string | null };
/** `match`: only requests it picks are failed (and counted); others pass. */
export type Fault = (
  /** GitLab's rate limit: 429 "Retry later" with Retry-After (seconds) and RateLimit-* headers. */
  | { status: 429; retryAfter?: string }
  | { status: 500 | 502 | 503 }
  /** No answer at all, nothing done. */
  | { hang: true }
  /** The request is carried out, then no answer comes: a create whose answer was lost. */
  | { loseAnswer: true }
) & { times?: number; match?: (request: { method: string; path: string; operationId: string | null }) => boolean };

export type FakeGitlab = PersonActions & {
  /** The GitLab root, as https://gitlab.com: http://127.0.0.1:<port> (the API is under /api/v4). */
  url: string;
  requests: RecordedRequest[];
  /** Requests the real API would refuse, and answers of the fake that do not match the contract, each with why: a test expects none. */
  violations: string[];
  webhookDeliveries: WebhookDelivery[];
  /** A user with an access token; `scopes` default to ["api"] (["read_api"]: reads only). */
  addUser(input: { username: string; token: string; scopes?: string[]; name?: string; admin?: boolean }): FakeUser;
  /** A private project "group/project"; `members` maps usernames to roles (guest, planner, reporter, developer, maintainer, owner). */
  addProject(input: { path: string; members: Record<string, Role>; issuesEnabled?: boolean }): FakeProject;
  /** A project webhook: every issue, note, merge request, pipeline and deployment event, with `token` as its secret token. */
  addHook(input: { project: string; url: string; token: string }): FakeHook;
  project(path: string): FakeProject;
  issue(project: string, iid: number): FakeIssue;
  issues(project: string): FakeIssue[];
  notes(project: string, iid: number): FakeNote[];
  mergeRequest(project: string, iid: number): FakeMergeRequest;
  // Refs, CI/CD and deployments.
  /** A branch at `sha`, moved there when it exists (default: where it is, or a commit of its own for a new one); answers its SHA. Every project starts with `main`. */
  addBranch(input: { project: string; name: string; sha?: string }): string;
  addTag(input: { project: string; name: string; sha?: string }): string;
  /** A pipeline trigger token of the project (default: a fresh `glptt-…`); its pipelines run as `owner`, who needs the Developer role. */
  addTriggerToken(input: { project: string; owner: string; token?: string; description?: string }): FakeTrigger;
  /** A runner picks the pipeline up: running (a Pipeline Hook). */
  startPipeline(pipelineId: number): FakePipeline;
  /** The pipeline ends (default `success`), running first if it had not started: a Pipeline Hook per status. */
  completePipeline(pipelineId: number, status?: "success" | "failed" | "canceled" | "skipped"): FakePipeline;
  pipeline(pipelineId: number): FakePipeline;
  /** The project's pipelines (triggered or created), oldest first. */
  pipelines(project: string): FakePipeline[];
  /** The project's deployments, oldest first. */
  deployments(project: string): FakeDeployment[];
  /** The next `times` requests (default 1) fail this way; null clears it. */
  fault(fault: Fault | null): void;
  /** Resolves when every webhook queued so far (and any queued meanwhile) has been answered or has failed. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const UNAUTHORIZED: Answer = gitlabError(401, "401 Unauthorized");

/** `latencyMs`: every API answer is delayed by it. */
export async function startFakeGitlab(options: { latencyMs?: number; port?: number } = {}): Promise<FakeGitlab> {
  const gate = await createGitlabContractGate();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const hooks: FakeHook[] = [];
  let urls: Urls = { web: "" };
  const webhooks = createWebhookSender(() => urls.web);
  const state = new GitlabState((change: Change) => {
    const targets = hooks.filter((h) => h.projectId === changedProject(change));
    if (targets.length === 0) return;
    const { event, payload } = webhookPayload(state, change, urls);
    webhooks.send(targets, event, payload);
  });
  const faults = createFaultSwitch<Fault>();
  const { hang, closeServer } = createHangingResponses();

  const server = createFakeServer((req, res, url, text) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, state, urls, { method: req.method ?? "", path: url.pathname, text }, res);
    void api(req, res, url, text);
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) {
    const record: RecordedRequest = { at: Date.now(), method: req.method ?? "", path: url.pathname, query: url.search.replace(/^\?/, ""), body: null, status: null, operationId: null, username: null };
    requests.push(record);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const token = headers["private-token"] || /^bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
    const user = token ? (state.userByToken(token) ?? null) : null;
    record.username = user?.username ?? null;
    if (options.latencyMs) await sleep(options.latencyMs);

    const send = (answer: Answer) => {
      record.status = answer.status;
      const json = answer.body !== undefined && typeof answer.body !== "string";
      res.writeHead(answer.status, {
        ...(answer.body === undefined ? {} : { "content-type": json ? "application/json" : "text/plain" }),
        "x-request-id": randomUUID().replaceAll("-", "").slice(0, 26).toUpperCase(),
        "x-gitlab-meta": JSON.stringify({ correlation_id: record.at.toString(36), version: "1" }),
        ...answer.headers,
      });
      res.end(answer.body === undefined ? undefined : json ? JSON.stringify(answer.body) : String(answer.body));
    };
    const refuse = (why: string, answer: Answer) => {
      violations.push(`${record.method} ${record.path}: ${why}`);
      send(answer);
    };

    let body: unknown;
    if (text !== "") {
      const type = headers["content-type"] ?? "";
      if (/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
        try {
          body = rackParams(await new Response(text, { headers: { "content-type": type } }).formData());
        } catch {
          return refuse(`the body is not a form (${type})`, { status: 400, body: { error: "400 Bad request" } });
        }
      } else if (!/^application\/json\b/i.test(type)) {
        return refuse(`a body sent as ${type || "no content type"}, not JSON or a form`, { status: 415, body: { error: "415 Unsupported Media Type" } });
      } else {
        try {
          body = JSON.parse(text);
        } catch {
          return refuse("the body is not JSON", { status: 400, body: { error: "The provided content-type 'application/json' is not supported." } });
        }
      }
    }
    record.body = body ?? null;
    const verdict = gate.check({ method: record.method, path: url.pathname, query: record.query, headers, body });
    record.operationId = verdict.operationId;
    if (!verdict.ok) {
      if (!verdict.operationId) return refuse(verdict.errors.join("; "), { status: 404, body: { error: "404 Not Found" } });
      return refuse(verdict.errors.join("; "), { status: 400, body: { error: verdict.errors.join(", ") } });
    }

    let loseAnswer = false;
    const current = faults.take({ method: record.method, path: url.pathname, operationId: verdict.operationId });
    if (current) {
      if ("hang" in current) return hang(res);
      if ("loseAnswer" in current) loseAnswer = true;
      else if (current.status === 429) {
        const wait = current.retryAfter ?? "60";
        const reset = String(Math.floor(Date.now() / 1000) + Number(wait || 60));
        return send({ status: 429, body: "Retry later\n", headers: { "retry-after": wait, "ratelimit-name": "throttle_authenticated_api", "ratelimit-limit": "2000", "ratelimit-observed": "2001", "ratelimit-remaining": "0", "ratelimit-reset": reset } });
      } else return send(gitlabError(current.status, `${current.status} ${current.status === 500 ? "Internal Server Error" : current.status === 502 ? "Bad Gateway" : "Service Unavailable"}`));
    }

    const trigger = verdict.operationId === "triggerPipeline";
    if (!user && !trigger) return send(UNAUTHORIZED);
    let answer: Answer;
    try {
      const ctx = { state, urls, path: url.pathname, params: verdict.params, query: url.searchParams, body: body as Record<string, unknown> | undefined };
      answer = trigger ? triggerPipeline(ctx, headers["x-gitlab-event"]) : handleOperation(verdict.operationId, { ...ctx, user: user! });
    } catch (error) {
      violations.push(`${record.method} ${record.path}: the fake failed: ${(error as Error).stack}`);
      return send(gitlabError(500, "500 Internal Server Error"));
    }
    for (const problem of gate.checkResponse(verdict.operationId, answer.status, answer.body ?? null)) violations.push(`the fake's own answer to ${record.method} ${record.path}: ${problem}`);
    if (answer.violation) violations.push(`${record.method} ${record.path}: ${JSON.stringify(answer.body)}`);
    if (loseAnswer) return hang(res);
    send(answer);
  }

  urls = { web: await listenOnLoopback(server, options.port) };

  const projectOf = (path: string) => {
    const found = state.project(path);
    if (!found) throw new Error(`the fake has no project ${path}`);
    return found;
  };

  const pipelineOf = (pipelineId: number) => {
    const found = [...state.projects.values()].map((p) => p.pipelines.get(pipelineId)).find(Boolean);
    if (!found) throw new Error(`the fake has no pipeline ${pipelineId}`);
    return found;
  };

  const fake: FakeGitlab = {
    url: urls.web,
    requests,
    violations,
    webhookDeliveries: webhooks.deliveries,
    ...personActions(state, projectOf),
    addUser(input) {
      const user = state.user(input.username);
      if (input.name) user.name = input.name;
      return Object.assign(user, { token: input.token, scopes: input.scopes ?? ["api"], admin: input.admin ?? false });
    },
    addProject(input) {
      const project = state.addProject(input.path, input.members);
      project.issuesEnabled = input.issuesEnabled ?? true;
      return project;
    },
    addHook(input) {
      const hook: FakeHook = { id: hooks.length + 1, uuid: randomUUID(), projectId: projectOf(input.project).id, url: input.url, token: input.token };
      hooks.push(hook);
      return hook;
    },
    project: projectOf,
    issue(project, iid) {
      const found = projectOf(project).issues.get(iid);
      if (!found) throw new Error(`the fake has no issue ${project}#${iid}`);
      return found;
    },
    issues: (project) => [...projectOf(project).issues.values()].sort((a, b) => a.iid - b.iid),
    notes: (project, iid) => state.notesOf(fake.issue(project, iid)).sort((a, b) => a.id - b.id),
    mergeRequest(project, iid) {
      const found = projectOf(project).mergeRequests.get(iid);
      if (!found) throw new Error(`the fake has no merge request ${project}!${iid}`);
      return found;
    },
    addBranch: (input) => state.setRef(projectOf(input.project), "branch", input.name, input.sha),
    addTag: (input) => state.setRef(projectOf(input.project), "tag", input.name, input.sha),
    addTriggerToken: (input) => state.addTrigger(projectOf(input.project), input),
    startPipeline(pipelineId) {
      const pipeline = pipelineOf(pipelineId);
      state.startPipeline(pipeline);
      return pipeline;
    },
    completePipeline(pipelineId, status = "success") {
      const pipeline = pipelineOf(pipelineId);
      state.completePipeline(pipeline, status);
      return pipeline;
    },
    pipeline: pipelineOf,
    pipelines: (project) => [...projectOf(project).pipelines.values()].sort((a, b) => a.id - b.id),
    deployments: (project) => [...projectOf(project).deployments.values()].sort((a, b) => a.id - b.id),
    fault: faults.set,
    settled: () => webhooks.settled(),
    close: async () => {
      webhooks.close();
      await closeServer(server);
    },
  };
  return fake;
}

/**
 * A form's fields as Rack nests them for Grape: `a=1` → `{ a: "1" }`, `variables[KEY]=v` →
 * `{ variables: { KEY: "v" } }`, `list[]=x` → `{ list: ["x"] }`, `list[][key]=k` → a list of
 * objects (a new one whenever a key repeats). Files are dropped: no operation of the fake takes one.
 */
export function rackParams(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const [, head, rest = ""] = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(name) ?? [name, name, ""];
    const keys = [...rest.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
    if (keys.length === 0) out[head] = value;
    else if (keys.length === 1 && keys[0] === "") ((out[head] ??= []) as unknown[]).push(value);
    else if (keys.length === 1) ((out[head] ??= {}) as Record<string, unknown>)[keys[0]] = value;
    else if (keys[0] === "" && keys.length === 2) {
      const list = (out[head] ??= []) as Record<string, unknown>[];
      if (list.length === 0 || keys[1] in list[list.length - 1]) list.push({});
      list[list.length - 1][keys[1]] = value;
    }
  }
  return out;
}

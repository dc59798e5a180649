import { randomBytes } from "node:crypto";
import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { createGithubContractGate, operationDocs } from "./contract";
import { githubError, handleOperation, type Answer } from "./fake-github-api";
import { serveControl } from "./fake-github-control";
import type { Urls } from "./fake-github-json";
import { GithubState } from "./fake-github-ci-state";
import {
  changedRepo,
  type Change,
  type FakeComment,
  type FakeDeployment,
  type FakeIssue,
  type FakeRepo,
  type FakeUser,
  type FakeWorkflow,
  type FakeWorkflowRun,
  type RunConclusion,
  type StateReason,
  type WorkflowInput,
} from "./fake-github-state";
import { createWebhookSender, webhookPayload, type FakeHook, type WebhookDelivery } from "./fake-github-webhooks";

/**
 * A stateful GitHub for tests, on 127.0.0.1: the issues, deployments and Actions workflow dispatch
 * parts of the REST API (the operations of github-issues.openapi.json) at `url`, as at https://api.github.com, and the same under
 * `/api/v3`, as on GitHub Enterprise Server. State, JSON shapes, answers and webhooks live in
 * fake-github-{state,json,api,webhooks,control}.ts; this file is the server.
 * What every tracker fake does alike (HTTP plumbing, the fault switch, the webhook queue, the
 * control skeleton) is in ../../shared/fake/.
 *
 * Each API request, in order: the contract gate (./contract.ts) — what the real API would refuse
 * is recorded in `violations` and answered as GitHub does (422 "Invalid request.", or 404 for an
 * operation outside the subset); then the fault switch; then the token (`Authorization: token X`
 * or `Bearer X`; an unknown one, or any other Authorization, is 401 "Bad credentials"); then the primary rate limit; then the
 * state's rules (fake-github-api.ts). The fake's answer is checked against the documented
 * response too, and a mismatch is a violation. Every answer carries GitHub's rate limit headers,
 * and `x-oauth-scopes` for a user added with scopes.
 *
 * Every change — through the API or by a test acting as a person on github.com (`userOpensIssue`,
 * `userComments`, `mergePullRequest`…) or as GitHub Actions (`startWorkflowRun`,
 * `completeWorkflowRun`) — is sent to the repository's hooks as a signed webhook, asynchronously;
 * `settled()` waits for them (fake-github-webhooks.ts).
 *
 * Outside the API, under `/_fake/` and never gated nor recorded, a control surface for a test in
 * another process (e2e): users, repositories, hooks, a person opening an issue or commenting, the
 * state and the deliveries (fake-github-control.ts).
 */

export type RecordedRequest = { at: number; method: string; path: string; body: unknown; status: number | null; operationId: string | null; login: string | null };
/** `match`: only requests it picks are failed (and counted); others pass. */
export type Fault = (
  | { status: 429; retryAfter?: string }
  | { status: 500 }
  /** `afterHandling`: the request is carried out, then never answered (an answer lost to a timeout or a crash). */
  | { hang: true; afterHandling?: boolean }
  /** 403 with `x-ratelimit-remaining: 0` and the reset `resetInSeconds` (default 60) from now. */
  | { primaryRateLimit: true; resetInSeconds?: number }
  /** 403 with `retry-after` (default "60"). */
  | { secondaryRateLimit: true; retryAfter?: string }
) & { times?: number; match?: (request: { method: string; path: string; operationId: string | null }) => boolean };

type IssueRef = { repo: string; number: number; login: string };
export type FakeGithub = {
  /** The API root, as https://api.github.com: http://127.0.0.1:<port> */
  url: string;
  /** The same API as GitHub Enterprise Server serves it: `${url}/api/v3` */
  enterpriseUrl: string;
  requests: RecordedRequest[];
  /** Requests the real API would refuse, and answers of the fake that do not match the spec, each with why: a test expects none. */
  violations: string[];
  webhookDeliveries: WebhookDelivery[];
  /** A user with an API token; `scopes` for a classic token (answered in `x-oauth-scopes`; without "repo", private repositories are hidden). */
  addUser(input: { login: string; token: string; scopes?: string[]; name?: string; email?: string }): FakeUser;
  /** A private repository `owner/name`; the owner and `collaborators` can write, `readOnly` users only read. */
  addRepo(input: { fullName: string; collaborators: string[]; readOnly?: string[] }): FakeRepo;
  addHook(input: { repo: string; url: string; secret: string }): FakeHook;
  // A person on github.com (who must be able to see the repository); the issue helpers work on pull requests too.
  userOpensIssue(input: { repo: string; title: string; body?: string | null; labels?: string[]; login: string }): FakeIssue;
  userEditsIssue(input: IssueRef & { title?: string; body?: string | null }): FakeIssue;
  userClosesIssue(input: IssueRef & { reason?: Exclude<StateReason, "reopened"> }): FakeIssue;
  userReopensIssue(input: IssueRef): FakeIssue;
  userLabelsIssue(input: IssueRef & { add?: string[]; remove?: string[] }): FakeIssue;
  userComments(input: IssueRef & { body: string }): FakeComment;
  userEditsComment(input: { repo: string; id: number; body: string; login: string }): FakeComment;
  userDeletesComment(input: { repo: string; id: number; login: string }): void;
  openPullRequest(input: { repo: string; title: string; body?: string | null; head: string; base?: string; user: string }): FakeIssue;
  mergePullRequest(input: IssueRef): FakeIssue;
  closePullRequest(input: IssueRef): FakeIssue;
  reopenPullRequest(input: IssueRef): FakeIssue;
  // Refs and Actions.
  /** A branch at `sha`, moved there when it exists (default: where it is, or a commit of its own for a new one); answers its SHA. Every repository starts with `main`. */
  addBranch(input: { repo: string; name: string; sha?: string }): string;
  addTag(input: { repo: string; name: string; sha?: string }): string;
  /**
   * A workflow file in the repository (`path` ".github/workflows/eval.yml"; `name` defaults to the
   * file's base name) with the inputs its `workflow_dispatch` trigger declares; `dispatchable:
   * false` for one without that trigger.
   */
  addWorkflow(input: { repo: string; path: string; name?: string; inputs?: Record<string, WorkflowInput>; dispatchable?: boolean }): FakeWorkflow;
  /** GitHub Actions picks the queued run up: `workflow_run` in_progress. */
  startWorkflowRun(runId: number): FakeWorkflowRun;
  /** The run ends (default `success`): `workflow_run` in_progress first if it was queued, then completed. */
  completeWorkflowRun(runId: number, conclusion?: RunConclusion): FakeWorkflowRun;
  workflowRun(runId: number): FakeWorkflowRun;
  /** Every run of the repository's workflows (each dispatch made one, with its inputs), oldest first. */
  workflowRuns(repo: string): FakeWorkflowRun[];
  /** Oldest first, each with its statuses (oldest first). */
  deployments(repo: string): FakeDeployment[];
  issue(repo: string, number: number): FakeIssue;
  /** Issues and pull requests, by number. */
  issues(repo: string): FakeIssue[];
  comments(repo: string, number: number): FakeComment[];
  /** The next `times` requests (default 1) fail this way; null clears it. */
  fault(fault: Fault | null): void;
  /** Resolves when every webhook queued so far (and any queued meanwhile) has been answered or has failed. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const BAD_CREDENTIALS = { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" };
const NOT_FOUND = { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" };
const RATE_LIMIT_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
const primaryRateLimit = (user: FakeUser | null) =>
  githubError(403, `API rate limit exceeded for ${user ? `user ID ${user.id}` : "127.0.0.1"}.`, `${RATE_LIMIT_DOCS}#about-primary-rate-limits`);

/** `latencyMs`: every API answer is delayed by it; `rateLimit`: requests per hour per user (default 5000; 60 without a token). */
export async function startFakeGithub(options: { latencyMs?: number; port?: number; rateLimit?: number } = {}): Promise<FakeGithub> {
  const gate = await createGithubContractGate();
  const docs = operationDocs();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const hooks: FakeHook[] = [];
  const webhooks = createWebhookSender();
  let urls: Urls = { api: "", web: "" };
  const state = new GithubState((change: Change) => {
    const repo = state.repo(changedRepo(change))!;
    const targets = hooks.filter((h) => h.repo.toLowerCase() === repo.fullName.toLowerCase());
    if (targets.length === 0) return;
    const { event, payload } = webhookPayload(state, change, urls);
    webhooks.send(targets, repo.id, event, payload);
  });
  const limits = new Map<string, { used: number; reset: number }>();
  const faults = createFaultSwitch<Fault>();
  const hanging = createHangingResponses();

  function rateOf(user: FakeUser | null) {
    const key = user ? `user:${user.id}` : "anonymous";
    const now = Math.floor(Date.now() / 1000);
    let entry = limits.get(key);
    if (!entry || entry.reset <= now) limits.set(key, (entry = { used: 0, reset: now + 3600 }));
    return Object.assign(entry, { limit: user ? (options.rateLimit ?? 5000) : 60 });
  }

  const server = createFakeServer((req, res, url, text) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, state, urls, { method: req.method ?? "", path: url.pathname, text }, res);
    void api(req, res, url, text);
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) {
    const enterprise = url.pathname === "/api/v3" || url.pathname.startsWith("/api/v3/");
    const path = enterprise ? url.pathname.slice("/api/v3".length) || "/" : url.pathname;
    const requestUrls: Urls = { api: enterprise ? `${urls.web}/api/v3` : urls.web, web: urls.web };
    const record: RecordedRequest = { at: Date.now(), method: req.method ?? "", path: url.pathname, body: null, status: null, operationId: null, login: null };
    requests.push(record);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
    const user = token ? (state.userByToken(token) ?? null) : null;
    record.login = user?.login ?? null;
    const rate = rateOf(user);
    if (options.latencyMs) await sleep(options.latencyMs);

    const send = (answer: Answer) => {
      record.status = answer.status;
      const remaining = Math.max(0, rate.limit - rate.used);
      res.writeHead(answer.status, {
        ...(answer.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        "x-github-media-type": "github.v3; format=json",
        "x-github-api-version-selected": "2022-11-28",
        "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
        "x-ratelimit-limit": String(rate.limit),
        "x-ratelimit-remaining": String(remaining),
        "x-ratelimit-reset": String(rate.reset),
        "x-ratelimit-used": String(rate.used),
        "x-ratelimit-resource": "core",
        ...(user?.scopes ? { "x-oauth-scopes": user.scopes.join(", ") } : {}),
        ...answer.headers,
      });
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    };
    const refuse = (why: string, answer: Answer) => {
      violations.push(`${record.method} ${record.path}: ${why}`);
      send(answer);
    };

    let body: unknown;
    if (text !== "") {
      if (!/^application\/(vnd\.github[\w.+-]*\+)?json\b/i.test(headers["content-type"] ?? "")) {
        const why = `a body sent as ${headers["content-type"] || "no content type"}, not application/json`;
        return refuse(why, githubError(415, "Unsupported Media Type", "https://docs.github.com/rest"));
      }
      try {
        body = JSON.parse(text);
      } catch {
        return refuse("the body is not JSON", githubError(400, "Problems parsing JSON", "https://docs.github.com/rest"));
      }
    }
    record.body = body ?? null;
    const verdict = gate.check({ method: record.method, path, query: url.search.replace(/^\?/, ""), headers, body });
    record.operationId = verdict.operationId;
    if (!verdict.ok) {
      if (!verdict.operationId) return refuse(verdict.errors.join("; "), { status: 404, body: NOT_FOUND });
      const message = `Invalid request.\n\n${verdict.errors.join("\n")}`;
      return refuse(verdict.errors.join("; "), githubError(422, message, docs.get(verdict.operationId) ?? "https://docs.github.com/rest"));
    }
    const operationDocs = docs.get(verdict.operationId) ?? "https://docs.github.com/rest";

    let loseAnswer = false;
    const current = faults.take({ method: record.method, path, operationId: verdict.operationId });
    if (current) {
      if ("hang" in current && current.afterHandling) loseAnswer = true;
      else if ("hang" in current) return hanging.hang(res);
      else if ("primaryRateLimit" in current) {
        // The headers say the limit is spent; the fake's own count is left alone, so the next request passes.
        const reset = String(Math.floor(Date.now() / 1000) + (current.resetInSeconds ?? 60));
        const spent = { "x-ratelimit-remaining": "0", "x-ratelimit-used": String(rate.limit), "x-ratelimit-reset": reset };
        return send({ ...primaryRateLimit(user), headers: spent });
      }
      else if ("secondaryRateLimit" in current) {
        const message =
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
          `If you reach out to GitHub Support for help, please include the request ID ${randomBytes(8).toString("hex").toUpperCase()}.`;
        return send({ ...githubError(403, message, `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`), headers: { "retry-after": current.retryAfter ?? "60" } });
      }
      else if ("status" in current && current.status === 429) {
        return send({ ...githubError(429, "Too Many Requests", RATE_LIMIT_DOCS), headers: current.retryAfter === undefined ? {} : { "retry-after": current.retryAfter } });
      } else return send(githubError(500, "Server Error", "https://docs.github.com/rest"));
    }

    if (headers.authorization && !user) return send({ status: 401, body: BAD_CREDENTIALS });
    if (verdict.operationId !== "rate-limit/get") {
      if (rate.used >= rate.limit) return send(primaryRateLimit(user));
      rate.used += 1;
    }
    let answer: Answer;
    try {
      answer = handleOperation(verdict.operationId, {
        state,
        urls: requestUrls,
        path,
        user,
        params: verdict.params,
        query: url.searchParams,
        body: body as Record<string, unknown> | undefined,
        rate,
        docs: operationDocs,
      });
    } catch (error) {
      violations.push(`${record.method} ${record.path}: the fake failed: ${(error as Error).stack}`);
      return send(githubError(500, "Server Error", "https://docs.github.com/rest"));
    }
    for (const problem of gate.checkResponse(verdict.operationId, answer.status, answer.body ?? null)) {
      violations.push(`the fake's own answer to ${record.method} ${record.path}: ${problem}`);
    }
    if (answer.violation) violations.push(`${record.method} ${record.path}: ${JSON.stringify(answer.body)}`);
    if (loseAnswer) return hanging.hang(res);
    send(answer);
  }

  const root = await listenOnLoopback(server, options.port);
  urls = { api: root, web: root };

  const repoOf = (fullName: string) => {
    const repo = state.repo(fullName);
    if (!repo) throw new Error(`the fake has no repository ${fullName}`);
    return repo;
  };
  /** The issue, for a person who can see its repository. */
  const issueFor = ({ repo, number, login }: IssueRef) => {
    const found = repoOf(repo).issues.get(number);
    if (!found) throw new Error(`the fake has no issue ${repo}#${number}`);
    if (!state.canRead(repoOf(repo), login)) throw new Error(`${login} cannot see ${repo}`);
    return found;
  };
  const commentFor = (input: { repo: string; id: number; login: string }) => {
    const comment = state.comments.get(input.id);
    if (!comment || comment.repo.toLowerCase() !== input.repo.toLowerCase()) throw new Error(`the fake has no comment ${input.id} in ${input.repo}`);
    issueFor({ repo: input.repo, number: comment.issueNumber, login: input.login });
    return comment;
  };
  const pullFor = (input: IssueRef) => {
    const issue = issueFor(input);
    if (!issue.pull) throw new Error(`${input.repo}#${input.number} is an issue, not a pull request`);
    return issue;
  };

  const runOf = (runId: number) => {
    const found = [...state.repos.values()].map((r) => r.runs.get(runId)).find(Boolean);
    if (!found) throw new Error(`the fake has no workflow run ${runId}`);
    return found;
  };

  const fake: FakeGithub = {
    url: root,
    enterpriseUrl: `${root}/api/v3`,
    requests,
    violations,
    webhookDeliveries: webhooks.deliveries,
    addUser(input) {
      if (!input.login || !input.token) throw new Error("a user needs a login and a token");
      if (state.userByToken(input.token)) throw new Error("another user has this token");
      return Object.assign(state.user(input.login), { token: input.token, scopes: input.scopes ?? null, name: input.name ?? null, email: input.email ?? null });
    },
    addRepo(input) {
      return state.addRepo(input.fullName, input.collaborators ?? [], input.readOnly ?? []);
    },
    addHook(input) {
      const hook: FakeHook = { id: 400_000 + hooks.length + 1, repo: repoOf(input.repo).fullName, url: input.url, secret: input.secret };
      hooks.push(hook);
      return hook;
    },
    userOpensIssue(input) {
      const repo = repoOf(input.repo);
      if (!state.canRead(repo, input.login)) throw new Error(`${input.login} cannot see ${input.repo}`);
      return state.openIssue(repo, { title: input.title, body: input.body ?? null, labels: input.labels }, input.login);
    },
    userEditsIssue(input) {
      const issue = issueFor(input);
      state.editIssue(issue, { title: input.title, body: input.body }, input.login);
      return issue;
    },
    userClosesIssue(input) {
      const issue = issueFor(input);
      state.setState(issue, "closed", input.login, input.reason ?? "completed");
      return issue;
    },
    userReopensIssue(input) {
      const issue = issueFor(input);
      state.setState(issue, "open", input.login);
      return issue;
    },
    userLabelsIssue(input) {
      const issue = issueFor(input);
      const removed = new Set((input.remove ?? []).map((n) => n.toLowerCase()));
      state.setLabels(issue, [...issue.labels.filter((n) => !removed.has(n.toLowerCase())), ...(input.add ?? [])], input.login);
      return issue;
    },
    userComments(input) {
      return state.addComment(issueFor(input), input.body, input.login);
    },
    userEditsComment(input) {
      const comment = commentFor(input);
      state.editComment(comment, input.body, input.login);
      return comment;
    },
    userDeletesComment(input) {
      state.deleteComment(commentFor(input), input.login);
    },
    openPullRequest(input) {
      const repo = repoOf(input.repo);
      if (!state.canRead(repo, input.user)) throw new Error(`${input.user} cannot see ${input.repo}`);
      return state.openIssue(repo, { title: input.title, body: input.body ?? null }, input.user, { head: input.head, base: input.base });
    },
    mergePullRequest(input) {
      const issue = pullFor(input);
      if (issue.state !== "open") throw new Error(`${input.repo}#${input.number} is not open`);
      state.setState(issue, "closed", input.login, "completed", true);
      return issue;
    },
    closePullRequest(input) {
      const issue = pullFor(input);
      state.setState(issue, "closed", input.login, "completed");
      return issue;
    },
    reopenPullRequest(input) {
      const issue = pullFor(input);
      if (issue.pull!.merged) throw new Error(`${input.repo}#${input.number} is merged: it cannot be reopened`);
      state.setState(issue, "open", input.login);
      return issue;
    },
    addBranch: (input) => state.setRef(repoOf(input.repo), "branch", input.name, input.sha),
    addTag: (input) => state.setRef(repoOf(input.repo), "tag", input.name, input.sha),
    addWorkflow: (input) => state.addWorkflow(repoOf(input.repo), input),
    startWorkflowRun(runId) {
      const run = runOf(runId);
      state.startRun(run);
      return run;
    },
    completeWorkflowRun(runId, conclusion = "success") {
      const run = runOf(runId);
      state.completeRun(run, conclusion);
      return run;
    },
    workflowRun: runOf,
    workflowRuns: (repo) => [...repoOf(repo).runs.values()].sort((a, b) => a.id - b.id),
    deployments: (repo) => [...repoOf(repo).deployments.values()].sort((a, b) => a.id - b.id),
    issue(repo, number) {
      const found = repoOf(repo).issues.get(number);
      if (!found) throw new Error(`the fake has no issue ${repo}#${number}`);
      return found;
    },
    issues: (repo) => [...repoOf(repo).issues.values()].sort((a, b) => a.number - b.number),
    comments: (repo, number) => state.commentsOf(fake.issue(repo, number)),
    fault: faults.set,
    settled: () => webhooks.settled(),
    close: async () => {
      webhooks.close();
      await hanging.closeServer(server);
    },
  };
  return fake;
}

import { randomBytes } from "node:crypto";
import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { adfProblems, createJiraContractGate } from "./contract";
import { handleOperation, type Answer } from "./fake-jira-api";
import { serveControl } from "./fake-jira-control";
import { errorCollection } from "./fake-jira-json";
import { people, type People } from "./fake-jira-people";
import { JiraState, PERMISSIONS, simplifiedWorkflow, type FakeComment, type FakeIssue, type FakeProject, type FakeStatus, type FakeTransition, type FakeUser, type Permission } from "./fake-jira-state";
import { createWebhookSender, webhookPayload, type FakeHook, type WebhookDelivery } from "./fake-jira-webhooks";

/**
 * A stateful Jira Cloud site for tests, on 127.0.0.1: the issues part of the REST API v3 (the
 * operations of jira-issues.openapi.json) at `url`, as at https://<site>.atlassian.net. State,
 * JSON, answers, search, people and webhooks live in fake-jira-{state,json,api,search,people,
 * webhooks,control}.ts; this file is the server.
 * What every tracker fake does alike (HTTP plumbing, the fault switch, the webhook queue, the
 * control skeleton) is in ../../shared/fake/.
 *
 * Each API request, in order: the contract gate (./contract.ts) and the ADF check of the bodies
 * it carries — what the real API would refuse is recorded in `violations` and answered as Jira
 * does (400 with its error collection; 404 for an operation outside the subset); then the fault
 * switch; then basic authentication (email and API token; anything else is 401); then the
 * state's rules (fake-jira-api.ts). The fake's answer is checked against the documented response
 * too, and a mismatch is a violation.
 *
 * Every change — through the API or by a test acting as a person (`person.comments`, …) — is
 * sent to the hooks as a signed webhook, asynchronously; `settled()` waits for them. Under
 * `/_fake/`, never gated nor recorded, a control surface for a test in another process (e2e).
 */

export type RecordedRequest = { at: number; method: string; path: string; query: string; body: unknown; status: number | null; operationId: string | null; email: string | null };
/**
 * `after`: the operation is done first and its answer is what fails (a create whose answer is
 * lost: `{hang: true, after: true}`). `match`: only requests it picks fail (and count); others pass.
 */
export type Fault = ({ status: 429; retryAfter?: string } | { status: 500 | 502 | 503; retryAfter?: string } | { hang: true }) & {
  times?: number;
  after?: boolean;
  match?: (request: { method: string; path: string; operationId: string | null }) => boolean;
};

export type FakeJira = {
  /** The site, as https://<name>.atlassian.net: http://127.0.0.1:<port> */
  url: string;
  requests: RecordedRequest[];
  /** Requests the real API would refuse, and answers of the fake that do not match the spec, each with why: a test expects none. */
  violations: string[];
  webhookDeliveries: WebhookDelivery[];
  /** An Atlassian account; with `token`, it can use the API (basic authentication with its email). */
  addUser(input: { email: string; token?: string; displayName?: string }): FakeUser;
  /**
   * A project. `members` may do everything in it, `readOnly` only browse; `permissions` gives
   * someone exactly these. Default issue types Task, Bug, Story; default workflow Jira's simplified one.
   */
  addProject(input: {
    key: string;
    name?: string;
    members?: string[];
    readOnly?: string[];
    permissions?: Record<string, Permission[]>;
    issueTypes?: string[];
    workflow?: { statuses: FakeStatus[]; transitions: FakeTransition[] };
  }): FakeProject;
  /** An admin webhook with a secret; `projectKey`: only that project's events (its JQL filter). */
  addHook(input: { url: string; secret: string; projectKey?: string }): FakeHook;
  /** A person in Jira's UI (fake-jira-people.ts). */
  person: People;
  issue(key: string): FakeIssue;
  issues(projectKey: string): FakeIssue[];
  comments(key: string): FakeComment[];
  /** The issue's status (its name and category). */
  statusOf(key: string): FakeStatus;
  state: JiraState;
  /** The next `times` requests (default 1) fail this way; null clears it. */
  fault(fault: Fault | null): void;
  /** Resolves when every webhook queued so far (and any queued meanwhile) has been answered or has failed. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const ADF_BODIES: Record<string, (body: Record<string, unknown>) => unknown> = {
  createIssue: (b) => (b.fields as Record<string, unknown> | undefined)?.description,
  editIssue: (b) => (b.fields as Record<string, unknown> | undefined)?.description,
  addComment: (b) => b.body,
  updateComment: (b) => b.body,
};

/** `latencyMs`: every API answer is delayed by it; `searchLagMs`: how long a new issue stays out of search results. */
export async function startFakeJira(options: { latencyMs?: number; port?: number; searchLagMs?: number } = {}): Promise<FakeJira> {
  const gate = await createJiraContractGate();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const hooks: FakeHook[] = [];
  const webhooks = createWebhookSender();
  let site = "";
  const state = new JiraState((change) => {
    const targets = hooks.filter((h) => !h.projectKey || h.projectKey === change.issue.projectKey);
    if (targets.length > 0) webhooks.send(targets, change.event, webhookPayload(state, change, site));
  });
  const faults = createFaultSwitch<Fault>();
  const hanging = createHangingResponses();

  const server = createFakeServer((req, res, url, text) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, site, { method: req.method ?? "", path: url.pathname, text }, res);
    void api(req, res, url, text);
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) {
    const record: RecordedRequest = { at: Date.now(), method: req.method ?? "", path: url.pathname, query: url.search.replace(/^\?/, ""), body: null, status: null, operationId: null, email: null };
    requests.push(record);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const user = authenticated(headers.authorization);
    record.email = user?.email ?? null;
    if (options.latencyMs) await sleep(options.latencyMs);

    const send = (answer: Answer) => {
      record.status = answer.status;
      res.writeHead(answer.status, {
        ...(answer.body === undefined ? {} : { "content-type": "application/json;charset=UTF-8" }),
        "x-arequestid": randomBytes(8).toString("hex"),
        "x-aaccountid": user?.accountId ?? "",
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
      if (!/^application\/json\b/i.test(headers["content-type"] ?? "")) return refuse(`a body sent as ${headers["content-type"] || "no content type"}`, { status: 415, body: errorCollection(["Unsupported Media Type"]) });
      try {
        body = JSON.parse(text);
      } catch {
        return refuse("the body is not JSON", { status: 400, body: errorCollection(["Unexpected character in the request body: it is not JSON."]) });
      }
    }
    record.body = body ?? null;
    const verdict = gate.check({ method: record.method, path: url.pathname, query: record.query, headers, body });
    record.operationId = verdict.operationId;
    if (!verdict.ok) {
      if (!verdict.operationId) return refuse(verdict.errors.join("; "), { status: 404, body: errorCollection([`null for uri: ${site}${url.pathname}`]) });
      return refuse(verdict.errors.join("; "), { status: 400, body: errorCollection(verdict.errors) });
    }
    const document = ADF_BODIES[verdict.operationId]?.((body ?? {}) as Record<string, unknown>);
    const adf = document === undefined || document === null ? [] : adfProblems(document);
    if (adf.length > 0) {
      const field = verdict.operationId.endsWith("Comment") ? "comment" : "description";
      return refuse(`${field} is not ADF: ${adf.join("; ")}`, { status: 400, body: errorCollection([], { [field]: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" }) });
    }

    const failing = faults.take({ method: record.method, path: url.pathname, operationId: verdict.operationId });
    if (failing && !failing.after) return failWith(failing, res, send);

    if (!user) return send({ status: 401, body: errorCollection(["Client must be authenticated to access this resource."]) });
    let answer: Answer;
    try {
      const ctx = { state, site, user, params: verdict.params, query: url.searchParams, body: body as Record<string, unknown> | undefined, searchLagMs: options.searchLagMs ?? 0 };
      answer = handleOperation(verdict.operationId, ctx);
    } catch (error) {
      violations.push(`${record.method} ${record.path}: the fake failed: ${(error as Error).stack}`);
      return send({ status: 500, body: errorCollection(["Internal server error"]) });
    }
    for (const problem of gate.checkResponse(verdict.operationId, answer.status, answer.body ?? null)) {
      violations.push(`the fake's own answer to ${record.method} ${record.path}: ${problem}`);
    }
    if (answer.violation) violations.push(`${record.method} ${record.path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (failing) return failWith(failing, res, send);
    send(answer);
  }

  /** The fault's answer: none (a hang), 429 with Jira's rate-limit headers, or a 5xx. */
  function failWith(failing: Fault, res: http.ServerResponse, send: (answer: Answer) => void): void {
    if ("hang" in failing) return hanging.hang(res);
    const retry: Record<string, string> = failing.retryAfter === undefined ? {} : { "retry-after": failing.retryAfter };
    if (failing.status !== 429) return send({ status: failing.status, body: errorCollection(["Internal server error"]), headers: retry });
    // X-RateLimit-Reset as Jira writes it: ISO 8601 to the minute.
    const reset = new Date(Date.now() + Number(failing.retryAfter ?? 60) * 1000).toISOString().replace(/:\d{2}\.\d{3}Z$/, "Z");
    send({ status: 429, body: errorCollection(["Rate limit exceeded."]), headers: { ...retry, "x-ratelimit-reset": reset, "ratelimit-reason": "jira-burst-based", "x-ratelimit-remaining": "0" } });
  }

  /** `Authorization: Basic base64(email:token)` of a user with that token. */
  function authenticated(authorization: string | undefined): FakeUser | null {
    const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!encoded) return null;
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const user = colon > 0 ? state.users.get(decoded.slice(0, colon).toLowerCase()) : undefined;
    return user?.token && user.token === decoded.slice(colon + 1) ? user : null;
  }

  site = await listenOnLoopback(server, options.port);

  const issueOf = (key: string) => {
    const found = state.issue(key);
    if (!found) throw new Error(`the fake Jira has no issue ${key}`);
    return found;
  };
  const fake: FakeJira = {
    url: site,
    requests,
    violations,
    webhookDeliveries: webhooks.deliveries,
    addUser(input) {
      if (input.token && [...state.users.values()].some((u) => u.token === input.token)) throw new Error("another user has this token");
      const user = state.user(input.email, input.displayName);
      if (input.displayName) user.displayName = input.displayName;
      if (input.token) user.token = input.token;
      return user;
    },
    addProject(input) {
      const all = Object.keys(PERMISSIONS) as Permission[];
      const access: [string, Permission[]][] = [
        ...(input.members ?? []).map((email): [string, Permission[]] => [email, all]),
        ...(input.readOnly ?? []).map((email): [string, Permission[]] => [email, ["BROWSE_PROJECTS"]]),
        ...Object.entries(input.permissions ?? {}),
      ];
      return state.addProject({ key: input.key, name: input.name ?? input.key, issueTypes: input.issueTypes ?? ["Task", "Bug", "Story"], workflow: input.workflow ?? simplifiedWorkflow(), access });
    },
    addHook(input) {
      const hook: FakeHook = { id: hooks.length + 1, url: input.url, secret: input.secret, projectKey: input.projectKey ?? null };
      hooks.push(hook);
      return hook;
    },
    person: people(state),
    issue: issueOf,
    issues: (projectKey) => [...state.issues.values()].filter((i) => i.projectKey === projectKey).sort((a, b) => Number(a.id) - Number(b.id)),
    comments: (key) => state.commentsOf(issueOf(key)),
    statusOf: (key) => state.statusOf(issueOf(key)),
    state,
    fault: faults.set,
    settled: () => webhooks.settled(),
    close: async () => {
      webhooks.close();
      await hanging.closeServer(server);
    },
  };
  return fake;
}

import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { TRACKER_WEBHOOK_EVENTS, TRACKER_WEBHOOK_QUERY } from "../issue-sync/operations";
import { checkOperation, type GateVerdict, type GraphqlRequest } from "./contract";
import { serveControl } from "./fake-todo-control";
import { createTodoGraph } from "./fake-todo-graph";
import { people } from "./fake-todo-people";
import { TodoState, type FakeHook, type FakeTracker, type FakeUser, type Permission } from "./fake-todo-state";
import type { Viewer } from "./fake-todo-views";
import { createWebhookSender, type WebhookDelivery } from "./fake-todo-webhooks";

/**
 * A stateful todo.sr.ht for tests, on 127.0.0.1: its GraphQL API at `<url>/query`, ticket pages'
 * URLs at `<url>/~owner/tracker/12`. World, execution, people and webhooks live in
 * fake-todo-{state,views,graph,people,webhooks,control}.ts; this file is the server.
 * What every tracker fake does alike (HTTP plumbing, the fault switch, the webhook queue, the
 * control skeleton) is in ../../shared/fake/.
 *
 * Each request, in order — as sr.ht's stack takes it: the contract gate (./contract.ts) judges
 * what was sent, and what the real API would refuse is recorded in `violations` whatever answers
 * it; then the fault switch (a proxy in front: 429 or 5xx HTML pages, a hang); then core-go's
 * authentication (no token 401, an unreadable one 400, an unknown, revoked or expired one 403, all
 * "Authentication error: …", with `errors` only); then gqlgen (a body not JSON 400, an operation
 * the gate refused 422); then the resolvers, whose refusals are 200 with `errors`.
 *
 * Every change — through the API or by a test acting as a person (`userComments`, …) — is sent to
 * the tracker's webhooks, signed (fake-todo-webhooks.ts); `settled()` waits for them. Under
 * `/_fake/`, never gated nor recorded, a control surface for a test in another process.
 */

export type RecordedRequest = { at: number; path: string; operationName: string | null; fields: string[]; variables: unknown; status: number | null; username: string | null };
/** `match`: only the requests it picks fail (and count); `afterHandling`: the hang comes after the change was made (its answer is lost). */
export type Fault = ({ status: 429; retryAfter?: string } | { status: 500 | 502 | 503; retryAfter?: string } | { hang: true; afterHandling?: boolean }) & {
  times?: number;
  match?: (request: { operationName: string | null; fields: string[] }) => boolean;
};

/** A personal access token as sr.ht issues them (base64 of a signed payload): at least 33 of [0-9a-zA-Z_+/]. */
const TOKEN = /^[0-9a-zA-Z_+/]{33,}$/;
const LEGACY_TOKEN = /^[0-9a-f]{32}$/;
const REASONS: Record<number, string> = { 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Temporarily Unavailable" };
const errorPage = (status: number) =>
  `<html>\r\n<head><title>${status} ${REASONS[status]}</title></head>\r\n<body>\r\n<center><h1>${status} ${REASONS[status]}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

export async function startFakeTodo(options: { latencyMs?: number; port?: number } = {}) {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const sender = createWebhookSender();
  const state: TodoState = new TodoState((payload) => {
    for (const hook of state.hooks.values()) {
      const tracker = state.trackers.get(hook.trackerId);
      if (hook.trackerId !== payload.trackerId || !hook.events.includes(payload.event) || !tracker || !state.canSee(tracker, hook.username)) continue;
      const answer = graph.webhookBody(hook.query, payload, hook);
      violations.push(...answer.violations.map((v) => `webhook ${hook.id} (${payload.event}): ${v}`));
      sender.send(hook, payload.uuid, payload.event, JSON.stringify(answer.body));
    }
  });
  const graph = createTodoGraph(state);
  const world = people(state);
  const faults = createFaultSwitch<Fault>();
  const { hang, closeServer } = createHangingResponses();

  function authenticate(authorization: string | undefined): { viewer: Viewer } | { status: number; message: string } {
    if (!authorization) return { status: 401, message: "Authorization header is required. Expected 'Authorization: Bearer [token]'" };
    const [scheme, token, extra] = authorization.split(" ");
    if (!token || extra !== undefined || scheme.toLowerCase() !== "bearer") return { status: 400, message: "Invalid Authorization header" };
    if (LEGACY_TOKEN.test(token)) return { status: 403, message: "Invalid or expired OAuth token" };
    if (!TOKEN.test(token)) return { status: 400, message: "Invalid OAuth bearer token" };
    const found = state.tokens.get(token);
    if (!found || found.revoked) return { status: 403, message: "Invalid or expired OAuth 2.0 bearer token" };
    return { viewer: { username: found.username, grants: found.grants } };
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, path: string, text: string) {
    const record: RecordedRequest = { at: Date.now(), path, operationName: null, fields: [], variables: null, status: null, username: null };
    requests.push(record);
    if (options.latencyMs) await sleep(options.latencyMs);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const html = typeof body === "string";
      res.writeHead(status, { "content-type": html ? "text/html" : "application/json", ...headers });
      res.end(html ? body : JSON.stringify(body));
    };
    const violation = (why: string) => violations.push(`${record.operationName ?? path}: ${why}`);
    if (path !== "/query" || req.method !== "POST") {
      violation(`${req.method} ${path} is not the GraphQL API (POST /query)`);
      return send(404, "404 page not found");
    }
    const jsonBody = /^application\/json\b/i.test(req.headers["content-type"] ?? "");
    let request: GraphqlRequest | null = null;
    try {
      request = JSON.parse(text) as GraphqlRequest;
    } catch {
      violation("the body is not JSON");
    }
    if (!jsonBody) violation(`a body sent as ${req.headers["content-type"] || "no content type"}, not application/json`);
    const verdict: GateVerdict | null = request && typeof request === "object" ? checkOperation(request) : null;
    record.operationName = verdict?.operationName ?? (typeof request?.operationName === "string" ? request.operationName : null);
    record.variables = request?.variables ?? null;
    if (verdict?.ok) record.fields = verdict.fields;
    else if (verdict) violation(verdict.errors.map((e) => e.message).join("; "));

    const auth = authenticate(req.headers.authorization);
    if ("viewer" in auth) record.username = auth.viewer.username;
    const current = faults.take({ operationName: record.operationName, fields: record.fields });
    if (current) {
      if ("hang" in current && !current.afterHandling) return hang(res);
      if ("status" in current) return send(current.status, errorPage(current.status), current.retryAfter === undefined ? {} : { "retry-after": current.retryAfter });
    }
    if ("status" in auth) return send(auth.status, { errors: [{ message: `Authentication error: ${auth.message}` }] });
    if (!jsonBody) return send(400, { errors: [{ message: "transport not supported" }], data: null });
    if (!request || !verdict) return send(400, { errors: [{ message: "json request body could not be decoded" }], data: null });
    if (!verdict.ok) return send(422, { errors: verdict.errors, data: null });
    const answer = graph.run(verdict.document, (request.variables ?? {}) as Record<string, unknown>, verdict.operationName, auth.viewer);
    violations.push(...answer.violations.map((v) => `${record.operationName ?? "an operation"}: ${v}`));
    if (current && "hang" in current && current.afterHandling) return hang(res);
    send(200, answer.body);
  }

  const server = createFakeServer((req, res, { pathname: path }, text) => {
    if (path.startsWith("/_fake/")) return serveControl(fake, { method: req.method ?? "", path: decodeURIComponent(path), text }, res);
    void api(req, res, path, text);
  });
  const url = await listenOnLoopback(server, options.port);

  const fake = {
    /** The instance's root, as https://todo.sr.ht: the API is `${url}/query`. */
    url,
    /** The key the webhooks are signed with (base64 Ed25519): an integration's `publicKey`. */
    publicKey: sender.publicKey,
    requests,
    /** Requests the real API would refuse, and failures of the fake itself, each with why: a test expects none. */
    violations,
    webhookDeliveries: sender.deliveries as readonly WebhookDelivery[],
    /** A user, with a personal access token when `token` is given; `grants` like ["TICKETS:RW", "PROFILE:RO"] (none given: every grant). */
    addUser(input: { username: string; token?: string; grants?: string[] }): FakeUser {
      const user = state.user(input.username);
      if (input.token !== undefined) fake.addToken({ username: user.username, token: input.token, grants: input.grants });
      return user;
    },
    addToken(input: { username: string; token: string; grants?: string[] }): void {
      if (!TOKEN.test(input.token)) throw new Error("a sr.ht personal access token is at least 33 of [0-9a-zA-Z_+/]");
      if (state.tokens.has(input.token)) throw new Error("another user has this token");
      state.tokens.set(input.token, { token: input.token, username: state.user(input.username).username, grants: input.grants ? new Set(input.grants) : null, revoked: false });
    },
    /** The token is revoked (or expired): sr.ht then answers 403 "Invalid or expired OAuth 2.0 bearer token". */
    revokeToken(token: string): void {
      const found = state.tokens.get(token);
      if (!found) throw new Error("the fake has no such token");
      found.revoked = true;
    },
    /** A tracker "~owner/name" (private by default); `access`: other users' permissions (sr.ht's user ACLs). */
    addTracker(input: { tracker: string; visibility?: FakeTracker["visibility"]; access?: Record<string, Permission[]>; defaultAccess?: Permission[] }): FakeTracker {
      const [owner, name] = input.tracker.replace(/^~/, "").split("/");
      return state.addTracker({ owner, name, visibility: input.visibility, access: input.access, defaultAccess: input.defaultAccess });
    },
    /** A tracker webhook, as `createTrackerWebhook` makes it (by default: the sync's query and events, with every grant). */
    addHook(input: { tracker: string; url: string; username: string; events?: string[]; query?: string; grants?: string[] }): FakeHook {
      const tracker = world.trackerOf(input.tracker);
      const query = input.query ?? TRACKER_WEBHOOK_QUERY;
      const check = checkOperation({ query });
      if (!check.ok) throw new Error(`Error validating webhook query: ${check.errors.map((e) => e.message).join("; ")}`);
      const events = input.events ?? [...TRACKER_WEBHOOK_EVENTS];
      return state.addHook({ trackerId: tracker.id, username: state.user(input.username).username, grants: input.grants ? new Set(input.grants) : null, url: input.url, events, query });
    },
    ...world,
    /** The next `times` requests (default 1) that `match` picks fail this way; null clears it. */
    fault: faults.set,
    /** Resolves when every webhook queued so far (and any queued meanwhile) has been answered or has failed. */
    settled: () => sender.settled(),
    close: async () => {
      sender.close();
      await closeServer(server);
    },
  };
  return fake;
}

export type FakeTodo = Awaited<ReturnType<typeof startFakeTodo>>;

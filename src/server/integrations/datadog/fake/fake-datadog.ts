import type http from "node:http";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createRawFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { createDatadogContractGate } from "./contract";
import { datadogError, decodeBody, handleOperation, type Answer } from "./fake-datadog-api";
import { serveControl } from "./fake-datadog-control";
import { DatadogState, type StoredDeployment, type StoredEvent, type StoredPoint } from "./fake-datadog-state";

export type { StoredDeployment, StoredEvent, StoredPoint } from "./fake-datadog-state";

/**
 * A stateful Datadog API for tests, on 127.0.0.1: `url` stands for https://api.datadoghq.com
 * (any site's API host), serving the operations of datadog-api.openapi.json — validate the API
 * key (v1), submit metrics (v2 series), post an event (v1), send a DORA deployment (v2). Metric
 * points, events and deployments are kept with Datadog's rules (fake-datadog-state.ts); answers
 * and error shapes are in fake-datadog-api.ts; the `/_fake/` control surface in
 * fake-datadog-control.ts.
 *
 * Each API request, in order:
 * 1. the body, decoded per `Content-Encoding` (gzip, deflate), within SubmitMetrics' size limits
 *    (413 beyond them); an encoding the API does not take is 415;
 * 2. the contract gate (./contract.ts), fed the decoded JSON: what the real API would refuse is
 *    answered 400 as Datadog answers it, an operation outside the subset 404;
 * 3. the fault switch (`setFault`);
 * 4. the `DD-API-KEY` header, which must be one of `apiKeys`: 403 `{"errors":["Forbidden"]}`;
 * 5. the operation, whose answer is checked against the documented response too.
 * Every refusal of steps 1, 2 and 5 (a request the real API would refuse) and every answer not
 * matching its documented schema is recorded in `violations`, which a test expects empty. A wrong
 * or missing key is not: that is configuration, and tests of it expect the 403.
 */

export type RecordedRequest = {
  at: number;
  method: string;
  path: string;
  /** Lower-case names; a repeated header joined with ", ". */
  headers: Record<string, string>;
  /** The Content-Encoding the body was decoded from. */
  encoding: "gzip" | "deflate" | null;
  /** The body's size as received (compressed, when it was). */
  bytes: number;
  /** The decoded JSON body; null without one, or when it could not be decoded. */
  body: unknown;
  status: number | null;
  operationId: string | null;
};

/**
 * `match`: only requests it picks are failed (and counted); `times`: how many (default 1). 429 is
 * what Datadog answers over a rate limit (https://docs.datadoghq.com/api/latest/rate-limits/:
 * X-RateLimit-Limit, -Period, -Remaining, -Reset headers; Retry-After only when given here), 403
 * a key revoked meanwhile, 500/503 an outage; `hang` never answers.
 */
export type Fault = ({ status: 429; retryAfter?: string } | { status: 500 | 503 } | { status: 403 } | { hang: true }) & {
  times?: number;
  match?: (request: { method: string; path: string; operationId: string | null }) => boolean;
};

export type FakeDatadog = {
  /** The API base, http://127.0.0.1:<port>: what https://api.datadoghq.com is for the real one. */
  url: string;
  /** The DD-API-KEY values accepted (tests add and remove). */
  apiKeys: Set<string>;
  requests: RecordedRequest[];
  /** Requests the real API would refuse, and answers of the fake that do not match the spec, each with why: a test expects none. */
  violations: string[];
  /** The points stored, in the order they were last written: one per (metric, tags, resources, timestamp). */
  series(): StoredPoint[];
  /** Points not stored for being outside the accepted window (an hour back, ten minutes ahead); Datadog still answers 202. */
  readonly droppedPoints: number;
  events(): StoredEvent[];
  deployments(): StoredDeployment[];
  setFault(fault: Fault | null): void;
  /** Forgets the points, events, deployments, requests, violations and the fault (not the keys). */
  reset(): void;
  close(): Promise<void>;
};

const FAULT_MESSAGES: Record<number, string> = { 403: "Forbidden", 429: "Too many requests", 500: "Internal Server Error", 503: "Service Unavailable" };

/** `apiKeys`: the keys accepted (none by default); `now`: the clock (milliseconds) for the accepted window of metric points. */
export async function startFakeDatadog(options: { port?: number; apiKeys?: string[]; now?: () => number } = {}): Promise<FakeDatadog> {
  const gate = await createDatadogContractGate();
  const now = options.now ?? Date.now;
  const state = new DatadogState();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults = createFaultSwitch<Fault>();
  const hanging = createHangingResponses();

  const server = createRawFakeServer((req, res, url, bytes) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, { method: req.method ?? "", path: url.pathname, text: bytes.toString("utf8") }, res);
    api(req, res, url, bytes);
  });

  function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, bytes: Buffer) {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const record: RecordedRequest = { at: now(), method: req.method ?? "", path: url.pathname, headers, encoding: null, bytes: bytes.length, body: null, status: null, operationId: null };
    requests.push(record);
    // Every answer to an operation is checked against what the spec documents for its status.
    const send = (answer: Answer) => {
      record.status = answer.status;
      if (record.operationId) for (const problem of gate.checkResponse(record.operationId, answer.status, answer.body)) violations.push(`the fake's own answer to ${record.method} ${record.path}: ${problem}`);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    };
    const refuse = (answer: Answer) => {
      violations.push(`${record.method} ${record.path}: ${answer.violation}`);
      send(answer);
    };

    // Which operation this is, before the body can be read: only SubmitMetrics has size limits, and the DORA endpoint its own error shape.
    const likely = gate.check({ method: record.method, path: url.pathname, query: "", headers: {}, body: undefined }).operationId;
    record.operationId = likely;
    let body: unknown;
    if (bytes.length > 0) {
      const decoded = decodeBody(bytes, headers["content-encoding"], likely, likely === "SubmitMetrics");
      if (!decoded.ok) return refuse(decoded.answer);
      record.encoding = decoded.encoding;
      if (!/^application\/json\b/i.test(headers["content-type"] ?? "")) {
        return refuse({ ...datadogError(likely, 415, "Unsupported Media Type"), violation: `a body sent as ${headers["content-type"] || "no content type"}, not application/json` });
      }
      try {
        body = JSON.parse(decoded.text);
      } catch {
        return refuse({ ...datadogError(likely, 400, "Malformed JSON"), violation: "the body is not JSON" });
      }
      record.body = body;
    }
    const verdict = gate.check({ method: record.method, path: url.pathname, query: url.search.replace(/^\?/, ""), headers, body });
    record.operationId = verdict.operationId;
    if (!verdict.ok) {
      const why = verdict.errors.join("; ");
      return refuse({ ...(verdict.operationId ? datadogError(verdict.operationId, 400, why) : { status: 404, body: { errors: ["Not found"] } }), violation: why });
    }
    const operationId = verdict.operationId;

    const injected = faults.take({ method: record.method, path: url.pathname, operationId });
    if (injected && "hang" in injected) return hanging.hang(res);
    if (injected) {
      const headers: Record<string, string> = {};
      if (injected.status === 429) {
        Object.assign(headers, { "x-ratelimit-limit": "100", "x-ratelimit-period": "60", "x-ratelimit-remaining": "0", "x-ratelimit-reset": injected.retryAfter ?? "60", "x-ratelimit-name": operationId });
        if (injected.retryAfter !== undefined) headers["retry-after"] = injected.retryAfter;
      }
      return send({ ...datadogError(operationId, injected.status, FAULT_MESSAGES[injected.status]), headers });
    }

    if (!fake.apiKeys.has(headers["dd-api-key"] ?? "")) return send(datadogError(operationId, 403, "Forbidden"));

    let answer: Answer;
    try {
      answer = handleOperation(operationId, body, { state, nowSeconds: Math.floor(now() / 1000) });
    } catch (error) {
      violations.push(`${record.method} ${record.path}: the fake failed: ${(error as Error).stack}`);
      return send(datadogError(operationId, 500, "Internal Server Error"));
    }
    if (answer.violation) return refuse(answer);
    send(answer);
  }

  const url = await listenOnLoopback(server, options.port);
  const fake: FakeDatadog = {
    url,
    apiKeys: new Set(options.apiKeys ?? []),
    requests,
    violations,
    series: () => state.series(),
    get droppedPoints() {
      return state.droppedPoints;
    },
    events: () => [...state.events],
    deployments: () => [...state.deployments],
    setFault: faults.set,
    reset() {
      state.clear();
      requests.length = 0;
      violations.length = 0;
      faults.set(null);
    },
    close: () => hanging.closeServer(server),
  };
  return fake;
}

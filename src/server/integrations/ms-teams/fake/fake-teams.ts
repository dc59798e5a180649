import { randomBytes } from "node:crypto";
import type http from "node:http";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { serveControl } from "./fake-teams-control";
import { checkWorkflowsEnvelope, TEAMS_MESSAGE_LIMIT_BYTES } from "./workflows-envelope";

/**
 * Microsoft Teams for tests, on 127.0.0.1: channels reached through Workflows webhook triggers,
 * as "Post to a channel when a webhook request is received" creates them. `addWorkflow` answers
 * the trigger's URL, shaped like the real one
 * (`/workflows/<id>/triggers/manual/paths/invoke?api-version=…&sig=<sig>`).
 *
 * Each POST, in order: the workflow (unknown or revoked: 404; a wrong `sig`: 401); the gate —
 * a JSON body within Teams' 28 KB, the envelope and every card against the official Adaptive Card
 * 1.5 schema (workflows-envelope.ts) — where a refusal is recorded in `violations` and answered
 * 400 (413 when too large); then the fault switch; then the cards are posted to the channel and
 * the answer is 202 Accepted with no body, as Workflows answers. Errors are in Logic Apps' shape,
 * `{"error": {"code", "message"}}`.
 *
 * The real trigger may accept a card its flow later fails to post (the failure then shows only in
 * the flow's run history); the fake refuses it at once, so a test sees a bad card where it was sent.
 *
 * Outside the API, under `/_fake/`, never gated nor recorded: a control surface for e2e
 * (fake-teams-control.ts).
 */

export type Fault = (
  | { status: 429; retryAfter?: string }
  | { status: 500 | 502 | 503 }
  /** Teams refusing a card for a reason of its own that the schema does not capture (the flow's post step failed). */
  | { status: 400; message?: string }
  | { hang: true }
) & {
  times?: number;
  match?: (request: { workflowId: string }) => boolean;
};
export type PostedMessage = { team: string; channel: string; workflowId: string; at: string; card: Record<string, unknown> };
export type RecordedPost = { at: number; path: string; status: number | null; body: unknown };

export type FakeTeams = {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: RecordedPost[];
  /** Requests the real service would refuse, each with why: a test of good paths expects none. */
  violations: string[];
  /** A Workflows trigger posting to `channel` of `team`: its URL, a secret like the real one. */
  addWorkflow(input: { team: string; channel: string }): string;
  /** The workflow is deleted (or its owner left): later posts to `url` get 404. */
  revoke(url: string): void;
  /** The cards posted to `channel`, oldest first. */
  messages(channel: string): PostedMessage[];
  /** The next `times` posts (default 1) fail this way; null clears it. */
  fault(fault: Fault | null): void;
  close(): Promise<void>;
};

type Workflow = { id: string; sig: string; team: string; channel: string; revoked: boolean };
const TRIGGER_PATH = /^\/workflows\/([0-9a-f]{32})\/triggers\/manual\/paths\/invoke$/;

export async function startFakeTeams(options: { port?: number } = {}): Promise<FakeTeams> {
  const workflows = new Map<string, Workflow>();
  const posted: PostedMessage[] = [];
  const requests: RecordedPost[] = [];
  const violations: string[] = [];
  const faults = createFaultSwitch<Fault>();
  const hanging = createHangingResponses();

  const server = createFakeServer((req, res, url, text) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, { method: req.method ?? "", path: url.pathname, text }, res);
    trigger(req, res, url, text);
  });

  function trigger(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) {
    const record: RecordedPost = { at: Date.now(), path: url.pathname, status: null, body: null };
    requests.push(record);
    const answer = (status: number, error?: { code: string; message: string }, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(error ? { "content-type": "application/json; charset=utf-8" } : {}), "x-ms-workflow-run-id": randomBytes(8).toString("hex"), ...headers });
      res.end(error ? JSON.stringify({ error }) : undefined);
    };
    const refuse = (status: number, code: string, why: string) => {
      violations.push(`${req.method} ${url.pathname}: ${why}`);
      answer(status, { code, message: why });
    };

    const id = TRIGGER_PATH.exec(url.pathname)?.[1];
    const workflow = id ? workflows.get(id) : undefined;
    if (!workflow || workflow.revoked) return answer(404, { code: "WorkflowNotFound", message: `The workflow '${id ?? url.pathname}' could not be found.` });
    if (url.searchParams.get("sig") !== workflow.sig) {
      return answer(401, { code: "DirectApiInvalidAuthorizationSignature", message: "The provided authorization signature is not valid for the workflow trigger." });
    }
    if (req.method !== "POST") return refuse(405, "TriggerRequestMethodNotValid", `the trigger takes POST, not ${req.method}`);
    if (Buffer.byteLength(text) > TEAMS_MESSAGE_LIMIT_BYTES) {
      return refuse(413, "MessageTooLarge", `the message is ${Buffer.byteLength(text)} bytes; Teams takes at most ${TEAMS_MESSAGE_LIMIT_BYTES}`);
    }
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return refuse(400, "InvalidRequestContent", `the body was sent as ${req.headers["content-type"] || "no content type"}, not application/json`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(400, "InvalidRequestContent", "the request content is not valid JSON");
    }
    record.body = body;
    const checked = checkWorkflowsEnvelope(body);
    if (!checked.ok) return refuse(400, "InvalidRequestContent", `The request content is not a message with valid Adaptive Cards: ${checked.errors.join("; ")}`);

    const current = faults.take({ workflowId: workflow.id });
    if (current && "hang" in current) return hanging.hang(res);
    if (current?.status === 429) {
      const message = "The workflow trigger is throttled: the rate limit of the flow was exceeded. Retry after the period the Retry-After header gives.";
      return answer(429, { code: "WorkflowTriggerIsThrottled", message }, { "retry-after": current.retryAfter ?? "30" });
    }
    if (current?.status === 400) return answer(400, { code: "BadRequest", message: current.message ?? "The card could not be posted to the channel." });
    if (current) return answer(current.status, { code: "ServiceUnavailable", message: "The service is temporarily unavailable. Please try again later." });

    const at = new Date().toISOString();
    for (const card of checked.cards) posted.push({ team: workflow.team, channel: workflow.channel, workflowId: workflow.id, at, card });
    answer(202);
  }

  const origin = await listenOnLoopback(server, options.port);
  const fake: FakeTeams = {
    url: origin,
    requests,
    violations,
    addWorkflow({ team, channel }) {
      if (!team || !channel) throw new Error("a workflow needs the team and the channel it posts to");
      const workflow: Workflow = { id: randomBytes(16).toString("hex"), sig: randomBytes(32).toString("base64url"), team, channel, revoked: false };
      workflows.set(workflow.id, workflow);
      return `${origin}/workflows/${workflow.id}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${workflow.sig}`;
    },
    revoke(url) {
      const id = TRIGGER_PATH.exec(new URL(url).pathname)?.[1];
      const workflow = id ? workflows.get(id) : undefined;
      if (!workflow) throw new Error(`no workflow has the URL ${url}`);
      workflow.revoked = true;
    },
    messages: (channel) => posted.filter((message) => message.channel === channel),
    fault: (fault) => faults.set(fault),
    close: () => hanging.closeServer(server),
  };
  return fake;
}

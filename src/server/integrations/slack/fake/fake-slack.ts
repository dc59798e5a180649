import type http from "node:http";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { serveSlackControl } from "./control";
import { checkSlackCall } from "./gate";
import { receiveWebhook } from "./incoming-webhooks";
import { blockActionsPayload, sendInteraction, viewSubmissionPayload, type InteractionDelivery } from "./interactions";
import { SlackState, type FakeBot, type FakeChannel, type FakeIncomingWebhook, type FakeMessage, type FakeUser, type FakeView } from "./state";
import { callMethod, type ApiAnswer } from "./web-api";

/**
 * A stateful Slack for tests, on 127.0.0.1: the Web API at `${url}/api/` (what @slack/web-api's
 * `slackApiUrl` points at) and incoming webhooks at `${url}/services/T…/B…/…`. The world is in
 * state.ts, the methods in web-api.ts, the webhooks in incoming-webhooks.ts, the clicks and modal
 * submissions sent back in interactions.ts, the `/_fake/` control surface (for a test in another
 * process) in control.ts.
 *
 * Each Web API call, in order: the body decoded as @slack/web-api sends it (form-encoded, with
 * `blocks` and `attachments` as JSON strings; or JSON with the token in Authorization); the
 * contract gate (gate.ts over method-schemas.ts) — what the real Slack would refuse is recorded
 * in `violations` and answered as Slack does, HTTP 200 `{ok: false, error: "invalid_blocks" |
 * "invalid_arguments" | "no_text" | "msg_too_long"}`; then the fault switch; then the token
 * (`not_authed` without one, `invalid_auth` for an unknown one, `token_revoked`); then the method.
 */

export type RecordedCall = { at: number; kind: "api" | "webhook"; method: string | null; args: unknown; status: number | null; error: string | null };

/** `match`: only calls it picks fail (and are counted); `method` is the Web API method, or null for a webhook. */
export type Fault = (
  | { status: 429; retryAfter?: number }
  | { status: 500 | 502 | 503 }
  | { hang: true }
) & { times?: number; match?: (call: { kind: "api" | "webhook"; method: string | null }) => boolean };

export type FakeSlack = {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The Web API root, as https://slack.com/api/: `${url}/api/` */
  apiUrl: string;
  calls: RecordedCall[];
  /** Calls the real Slack would refuse, each with why: a test expects none. */
  violations: string[];
  /** The interactions sent back with `sendInteraction`/`clickButton`, with their answers. */
  interactions: InteractionDelivery[];
  /** A bot token with its bot user and scopes (e.g. ["chat:write"]). */
  addBot(input: { token: string; scopes: string[]; name?: string }): FakeBot;
  /** `members`: user ids, or bot tokens for their bot users. */
  addChannel(input: { name: string; isPrivate?: boolean; archived?: boolean; members?: string[] }): FakeChannel;
  addUser(input: { email: string; name: string; realName?: string }): FakeUser;
  /** An incoming webhook posting into `channel`; revoke it with `hook.revoked = true`. */
  addWebhook(channel: FakeChannel): FakeIncomingWebhook;
  channel(reference: string): FakeChannel;
  /** A channel's top-level messages (by id or name), oldest first. */
  messages(channel: string): FakeMessage[];
  replies(channel: string, threadTs: string): FakeMessage[];
  /** Ephemeral messages shown to `user`. */
  ephemeral(user: string): FakeMessage[];
  /** Posts a signed interactivity payload to `url` (an app's Interactivity Request URL). */
  sendInteraction(input: { url: string; signingSecret: string; payload: unknown; timestamp?: number }): Promise<InteractionDelivery>;
  /** `user` clicks the button `actionId` of a message: its block_actions payload, signed, to `url`. Its trigger_id opens a modal for 3 s. */
  clickButton(input: { url: string; signingSecret: string; user: FakeUser; message: FakeMessage; actionId: string }): Promise<InteractionDelivery>;
  /** How long a trigger_id opens a modal from now on (Slack: 3 s); to see what a late views.open does. */
  setTriggerLifetime(ms: number): void;
  /** The modals opened with views.open (for `user` only, when given), oldest first. */
  views(user?: string): FakeView[];
  /**
   * `user` fills in the open modal `view` and presses its submit button: its view_submission
   * payload, signed, to `url`. `values`: block_id → action_id → the text typed. An empty 200
   * answer closes the view, as Slack does. Throws for what Slack would not let anyone submit.
   */
  submitView(input: { url: string; signingSecret: string; user: FakeUser; view: FakeView; values: Record<string, Record<string, string>> }): Promise<InteractionDelivery>;
  /** The next `times` calls (default 1) fail this way; null clears it. */
  fault(fault: Fault | null): void;
  close(): Promise<void>;
};

export async function startFakeSlack(options: { port?: number } = {}): Promise<FakeSlack> {
  const state = new SlackState();
  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  const interactions: InteractionDelivery[] = [];
  const faults = createFaultSwitch<Fault>();
  const hanging = createHangingResponses();
  let origin = "";

  const server = createFakeServer((req, res, url, text) => {
    const method = req.method ?? "";
    if (url.pathname.startsWith("/_fake/")) return serveSlackControl(fake, { method, path: url.pathname, text }, res);
    const contentType = String(req.headers["content-type"] ?? "");
    const apiMethod = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname)?.[1];
    if (method === "POST" && apiMethod) return api(apiMethod, String(req.headers.authorization ?? ""), contentType, text, res);
    if (method === "POST" && url.pathname.startsWith("/services/")) return webhook(url.pathname, contentType, text, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not_found");
  });

  /** Answers a fault, or false when none is armed for this call. */
  function faulted(call: { kind: "api" | "webhook"; method: string | null }, record: RecordedCall, res: http.ServerResponse): boolean {
    const fault = faults.take(call);
    if (!fault) return false;
    if ("hang" in fault) {
      hanging.hang(res);
      return true;
    }
    record.status = fault.status;
    record.error = fault.status === 429 ? "ratelimited" : "server_error";
    if (fault.status === 429) {
      const body = call.kind === "api" ? JSON.stringify({ ok: false, error: "ratelimited" }) : "rate_limited";
      res.writeHead(429, { "retry-after": String(fault.retryAfter ?? 30), "content-type": call.kind === "api" ? "application/json; charset=utf-8" : "text/plain" }).end(body);
    } else {
      res.writeHead(fault.status, { "content-type": "text/html" }).end(`<html><body>${fault.status} Server Error</body></html>`);
    }
    return true;
  }

  function api(method: string, authorization: string, contentType: string, text: string, res: http.ServerResponse) {
    const record: RecordedCall = { at: Date.now(), kind: "api", method, args: null, status: 200, error: null };
    calls.push(record);
    const answer = (body: ApiAnswer) => {
      record.error = body.ok ? null : String(body.error);
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
    };
    const refuse = (why: string, body: ApiAnswer) => {
      violations.push(`${method}: ${why}`);
      answer(body);
    };
    const decoded = decodeArguments(contentType, text);
    if ("refusal" in decoded) return refuse(decoded.why, decoded.refusal);
    const { token: bodyToken, ...args } = decoded.args;
    record.args = args;
    const verdict = checkSlackCall(method, decoded.args);
    if (!verdict.ok) {
      return refuse(verdict.errors.join("; "), { ok: false, error: verdict.error, ...(verdict.error === "invalid_blocks" ? { errors: verdict.errors } : {}), response_metadata: { messages: verdict.errors.map((e) => `[ERROR] ${e}`) } });
    }
    if (faulted({ kind: "api", method }, record, res)) return;
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? (typeof bodyToken === "string" ? bodyToken : undefined);
    if (!token) return answer({ ok: false, error: "not_authed" });
    const bot = state.bots.get(token);
    if (!bot) return answer({ ok: false, error: "invalid_auth" });
    if (bot.revoked) return answer({ ok: false, error: "token_revoked" });
    answer(callMethod(state, bot, method, args, origin));
  }

  function webhook(path: string, contentType: string, text: string, res: http.ServerResponse) {
    const record: RecordedCall = { at: Date.now(), kind: "webhook", method: null, args: null, status: null, error: null };
    calls.push(record);
    try {
      record.args = JSON.parse(text) as unknown;
    } catch {
      record.args = text;
    }
    if (faulted({ kind: "webhook", method: null }, record, res)) return;
    const answer = receiveWebhook(state, path, contentType, text);
    if (answer.violation) violations.push(`webhook ${path}: ${answer.violation}`);
    record.status = answer.status;
    record.error = answer.status === 200 ? null : answer.text;
    res.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8" }).end(answer.text);
  }

  const fake: FakeSlack = {
    url: "",
    apiUrl: "",
    calls,
    violations,
    interactions,
    addBot: (input) => state.addBot(input),
    addChannel: (input) => state.addChannel(input),
    addUser: (input) => state.addUser(input),
    addWebhook: (channel) => state.addWebhook(origin, channel),
    channel(reference) {
      const channel = state.findChannel(reference);
      if (!channel) throw new Error(`the fake Slack has no channel ${reference}`);
      return channel;
    },
    messages: (channel) => state.history(fake.channel(channel).id),
    replies: (channel, threadTs) => state.replies(fake.channel(channel).id, threadTs),
    ephemeral: (user) => state.messages.filter((m) => m.ephemeralTo === user),
    async sendInteraction(input) {
      const delivery = await sendInteraction(input);
      interactions.push(delivery);
      return delivery;
    },
    async clickButton(input) {
      const trigger = state.issueTrigger(input.user.id);
      return fake.sendInteraction({ url: input.url, signingSecret: input.signingSecret, payload: blockActionsPayload({ ...input, triggerId: trigger.id, origin }) });
    },
    setTriggerLifetime: (ms) => void (state.triggerLifetimeMs = ms),
    views: (user) => state.views.filter((view) => user === undefined || view.userId === user),
    async submitView(input) {
      const trigger = state.issueTrigger(input.user.id);
      const payload = viewSubmissionPayload({ view: input.view, user: input.user, values: input.values, triggerId: trigger.id });
      const delivery = await fake.sendInteraction({ url: input.url, signingSecret: input.signingSecret, payload });
      if (delivery.status === 200 && closesView(delivery.answer ?? "")) input.view.closed = true;
      return delivery;
    },
    fault: (next) => faults.set(next),
    close: () => hanging.closeServer(server),
  };
  origin = await listenOnLoopback(server, options.port);
  fake.url = origin;
  fake.apiUrl = `${origin}/api/`;
  return fake;
}

/** An empty answer, or `{"response_action": "clear"}`, closes the modal; "errors", "update" and "push" keep it open. */
function closesView(answer: string): boolean {
  if (answer.trim() === "") return true;
  try {
    return (JSON.parse(answer) as { response_action?: unknown }).response_action === "clear";
  } catch {
    return false;
  }
}

type Decoded = { args: Record<string, unknown> } | { refusal: ApiAnswer; why: string };

/** Form fields as strings but `blocks`, `attachments`, `metadata` and `view`, which @slack/web-api sends as JSON strings. */
function decodeArguments(contentType: string, text: string): Decoded {
  if (/^application\/json\b/i.test(contentType)) {
    try {
      const args = JSON.parse(text || "{}") as unknown;
      if (args && typeof args === "object" && !Array.isArray(args)) return { args: args as Record<string, unknown> };
    } catch {
      // answered below
    }
    return { refusal: { ok: false, error: "invalid_json" }, why: "the JSON body is not an object" };
  }
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return { refusal: { ok: false, error: "invalid_form_data" }, why: `a body sent as ${contentType || "no content type"}` };
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === "blocks" || key === "attachments" || key === "metadata" || key === "view") {
      try {
        args[key] = JSON.parse(value) as unknown;
      } catch {
        const error = key === "blocks" ? "invalid_blocks_format" : "invalid_arguments";
        return { refusal: { ok: false, error }, why: `${key} is not JSON` };
      }
    } else args[key] = value;
  }
  return { args };
}

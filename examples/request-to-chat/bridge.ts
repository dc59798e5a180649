import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/**
 * A bridge from Switchboard to a chat: on each verified `request.added` webhook it posts
 * `{"text": …}` to a Slack-compatible incoming-webhook URL.
 *
 * It answers Switchboard only once the chat has the message. If the chat is still failing after
 * one retry, it answers 502 and Switchboard delivers the event again later on its own retry
 * schedule, so a chat outage delays messages instead of losing them.
 */

export type BridgeOptions = {
  /** The `whsec_…` secret shown once when the webhook was created. */
  secret: string;
  /** The chat's incoming-webhook URL, e.g. https://hooks.slack.com/services/… */
  chatUrl: string;
  /** Milliseconds to wait for the chat on each try; two tries must fit in Switchboard's 15 s. */
  chatTimeoutMs?: number;
};

type RequestData = { title?: unknown; priority?: unknown; requester?: unknown; absolute_url?: unknown };

// Switchboard never sends bodies over 256 KB; anything far bigger is not from it.
const MAX_BODY_BYTES = 1024 * 1024;
const RECENT_IDS = 10_000;

export function createChatBridge(options: BridgeOptions): RequestListener {
  const webhook = new Webhook(options.secret);
  const timeoutMs = options.chatTimeoutMs ?? 5_000;
  // Ids of events posted (or being posted), oldest first. In memory: a restart forgets them.
  const posted = new Set<string>();

  return (req, res) => {
    handle(req, res).catch((error) => {
      console.error("[request-to-chat] request failed:", error);
      if (!res.headersSent) res.writeHead(400).end();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return void res.writeHead(413).end();

    const id = header(req, "webhook-id");
    let payload: { hook?: { event?: string }; data?: RequestData } | undefined;
    try {
      // The exact bytes received, before parsing; refuses timestamps more than 5 minutes off.
      payload = webhook.verify(body, {
        "webhook-id": id,
        "webhook-timestamp": header(req, "webhook-timestamp"),
        "webhook-signature": header(req, "webhook-signature"),
      }) as typeof payload;
    } catch (error) {
      if (error instanceof WebhookVerificationError) return void res.writeHead(401, { "content-type": "text/plain" }).end("invalid signature");
      return void res.writeHead(400, { "content-type": "text/plain" }).end("body is not JSON");
    }

    // The event type comes from the signed body (the switchboard-event-type header is not signed).
    if (payload?.hook?.event !== "request.added" || !payload.data) return void res.writeHead(204).end();
    // A retry or replay of an event already posted: acknowledge it, post nothing.
    if (posted.has(id)) return void res.writeHead(204).end();

    posted.add(id);
    if (posted.size > RECENT_IDS) posted.delete(posted.values().next().value as string);
    const sent = await postToChat(options.chatUrl, { text: chatText(payload.data) }, timeoutMs);
    if (sent) return void res.writeHead(204).end();
    // Not posted: forget the id so that Switchboard's next attempt posts it.
    posted.delete(id);
    res.writeHead(502, { "content-type": "text/plain" }).end("the chat did not accept the message; retry later");
  }
}

/** The message for a new request: its title, priority, requester and a link to it. */
export function chatText(data: RequestData): string {
  const field = (value: unknown) => escapeSlack(typeof value === "string" && value !== "" ? value : "?");
  const priority = typeof data.priority === "string" ? ` (${escapeSlack(data.priority)})` : "";
  return `New request: ${field(data.title)}${priority} from ${field(data.requester)}\n${field(data.absolute_url)}`;
}

/**
 * Slack reads `<…>` as links and mentions (`<!channel>`), so a request titled that way would ping
 * everyone; its docs ask for exactly these three characters to be escaped.
 */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Posts `message`, retrying once on a 5xx answer; true when the chat accepted it. */
export async function postToChat(url: string, message: { text: string }, timeoutMs: number): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    let status: number;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(message),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      status = response.status;
    } catch (error) {
      // Unreachable or too slow: it may have posted anyway, so leave retrying to Switchboard's schedule.
      console.error(`[request-to-chat] chat unreachable: ${(error as Error).message}`);
      return false;
    }
    if (status >= 200 && status < 300) return true;
    console.error(`[request-to-chat] chat answered ${status}`);
    if (status < 500) return false;
    if (attempt === 1) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The raw request body, or null when it is larger than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/**
 * A receiver for Switchboard's outgoing webhooks: it verifies each delivery's Standard Webhooks
 * signature over the raw body (the library refuses timestamps more than 5 minutes off), drops
 * duplicates by `webhook-id`, answers at once and only then hands the event to `onEvent`.
 */

/** What Switchboard sends by default: DejaCode's `{ hook, data }` (a custom template sends your own shape). */
export type SwitchboardPayload = {
  hook?: { uuid: string; event: string; target: string };
  data?: Record<string, unknown>;
  [extra: string]: unknown;
};

export type ReceivedEvent = {
  /** `webhook-id`: the event's id, the same on every retry and replay of it. */
  id: string;
  /** `hook.event` from the signed body, e.g. `request.added`. */
  type: string | undefined;
  payload: SwitchboardPayload;
};

export type ReceiverOptions = {
  /** The `whsec_…` secret shown once when the webhook was created. */
  secret: string;
  onEvent: (event: ReceivedEvent) => void | Promise<void>;
  /** How many recent `webhook-id`s to remember for de-duplication. */
  remember?: number;
};

// Switchboard never sends bodies over 256 KB; anything far bigger is not from it.
const MAX_BODY_BYTES = 1024 * 1024;

export function createWebhookReceiver(options: ReceiverOptions): RequestListener {
  const webhook = new Webhook(options.secret);
  const seen = recentIds(options.remember ?? 10_000);

  return (req, res) => {
    handle(req, res).catch((error) => {
      // A client that went away mid-body, typically: nothing to answer, but never crash the process.
      console.error("[webhook-receiver] request failed:", error);
      if (!res.headersSent) res.writeHead(400).end();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return void res.writeHead(413).end();

    let payload: SwitchboardPayload;
    try {
      // Verify the exact bytes received, before parsing: re-serialized JSON would not match.
      payload = (webhook.verify(body, {
        "webhook-id": header(req, "webhook-id"),
        "webhook-timestamp": header(req, "webhook-timestamp"),
        "webhook-signature": header(req, "webhook-signature"),
      }) as SwitchboardPayload) ?? {};
    } catch (error) {
      if (error instanceof WebhookVerificationError) return void res.writeHead(401, { "content-type": "text/plain" }).end("invalid signature");
      return void res.writeHead(400, { "content-type": "text/plain" }).end("body is not JSON");
    }

    const id = header(req, "webhook-id");
    // Delivery is at least once: a retry or replay carries the same id and must not be handled twice.
    const first = seen.add(id);
    // Answer before doing the work, so a slow handler never makes Switchboard time out and retry.
    res.writeHead(204).end();
    if (!first) return;
    // Only the body and the webhook-* headers are signed, so the event type is taken from the body.
    const event: ReceivedEvent = { id, type: payload?.hook?.event, payload };
    try {
      await options.onEvent(event);
    } catch (error) {
      console.error(`[webhook-receiver] handling ${id} failed:`, error);
    }
  }
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The last `max` ids seen, oldest forgotten first. In memory, so per process and lost on restart:
 * with several instances, or to survive restarts, record ids in your database instead (a unique
 * column and `INSERT … ON CONFLICT DO NOTHING`).
 */
function recentIds(max: number) {
  const ids = new Set<string>();
  return {
    /** Adds `id`; false when it was already there. */
    add(id: string): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > max) ids.delete(ids.values().next().value as string);
      return true;
    },
  };
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

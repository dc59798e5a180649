import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { CheckpointAnswer } from "./checkpoint";
import type { IncomingEvent } from "./ingest";

/**
 * Inngest's event API as the SDK's `inngest.send()` calls it: `POST /e/<event key>` with one
 * event or an array, answered `{ ids, status: 200 }` once the events are stored; and the part of
 * Inngest's REST API the SDK calls mid-run, `POST /v1/checkpoint/<run id>/async` (checkpoint.ts).
 * Bare node:http: these paths carry every event and step, so they stay off Next's router.
 */
const MAX_BODY_BYTES = 3 * 1024 * 1024;
const MAX_CHECKPOINT_BYTES = 16 * 1024 * 1024; // a few steps of up to 4 MB output each

export type EventApiDeps = {
  eventKey?: string;
  accept: (events: IncomingEvent[]) => Promise<{ ids: string[] }>;
  health: () => Record<string, unknown>;
  checkpoint?: (request: { runId: string; authorization: string | null; body: unknown }) => Promise<CheckpointAnswer>;
};

export function createEventApiHandler(deps: EventApiDeps): http.RequestListener {
  return (req, res) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    const url = new URL(req.url ?? "/", "http://executor");
    if (req.method === "GET" && url.pathname === "/health") return reply(200, deps.health());
    const checkpoint = url.pathname.match(/^\/v1\/checkpoint\/([^/]+)\/async\/?$/);
    if (checkpoint && req.method === "POST" && deps.checkpoint) {
      const { checkpoint: accept } = deps;
      return readBody(req, MAX_CHECKPOINT_BYTES, reply, (text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return reply(400, { error: "Body is not valid JSON" });
        }
        const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : null;
        accept({ runId: decodeURIComponent(checkpoint[1]), authorization, body }).then(
          (answer) => reply(answer.status, answer.body),
          (error: Error) => reply(500, { error: `Checkpoint not stored: ${error.message}` }),
        );
      });
    }
    const match = url.pathname.match(/^\/e\/([^/]+)\/?$/);
    if (!match || req.method !== "POST") return reply(404, { error: "Not found", status: 404 });
    if (deps.eventKey && !sameText(decodeURIComponent(match[1]), deps.eventKey)) return reply(401, { error: "Event key not found", status: 401 });

    readBody(req, MAX_BODY_BYTES, reply, (text) => {
      const parsed = parseEvents(text);
      if ("error" in parsed) return reply(400, { error: parsed.error, status: 400 });
      deps.accept(parsed.events).then(
        ({ ids }) => reply(200, { ids, status: 200 }),
        (error: Error) => reply(500, { error: `Events not stored: ${error.message}`, status: 500 }),
      );
    });
  };
}

function readBody(req: http.IncomingMessage, limit: number, reply: (status: number, body: unknown) => void, then: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      reply(413, { error: `Body larger than ${limit} bytes`, status: 413 });
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on("end", () => {
    if (size <= limit) then(Buffer.concat(chunks).toString("utf8"));
  });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Validates the payload the way Inngest does: a name, object data, optional id/ts. */
export function parseEvents(text: string): { events: IncomingEvent[] } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: "Body is not valid JSON" };
  }
  const list = Array.isArray(body) ? body : [body];
  const events: IncomingEvent[] = [];
  for (const [index, raw] of list.entries()) {
    const at = Array.isArray(body) ? `event ${index}: ` : "";
    if (!raw || typeof raw !== "object") return { error: `${at}an event must be an object` };
    const e = raw as Record<string, unknown>;
    if (typeof e.name !== "string" || e.name.trim() === "") return { error: `${at}"name" must be a non-empty string` };
    if (e.data !== undefined && e.data !== null && (typeof e.data !== "object" || Array.isArray(e.data))) return { error: `${at}"data" must be an object` };
    if (e.id !== undefined && e.id !== null && (typeof e.id !== "string" || e.id === "")) return { error: `${at}"id" must be a non-empty string` };
    if (e.ts !== undefined && e.ts !== null && (typeof e.ts !== "number" || !Number.isFinite(e.ts))) return { error: `${at}"ts" must be a number (ms)` };
    events.push({
      name: e.name,
      data: (e.data as Record<string, unknown> | undefined) ?? {},
      ...(typeof e.id === "string" ? { id: e.id } : {}),
      ...(typeof e.ts === "number" ? { ts: e.ts } : {}),
      ...(typeof e.v === "string" ? { v: e.v } : {}),
    });
  }
  return { events };
}

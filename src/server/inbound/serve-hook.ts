import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/env";
import { sourceAddress } from "@/server/http/server-limits";
import { handleHook, HookRefusal } from "./receive-hook";

/**
 * Requests from one address whose body is still arriving, at most. A sender's deliveries arrive
 * whole in milliseconds; many at once still trickling is someone holding connections open.
 */
export const MAX_SLOW_REQUESTS_PER_ADDRESS = 8;
const reading = new Map<string, number>();

/**
 * Serves `/api/hooks/<token>` straight from node:http (server.ts), with no Web Request or
 * Response in between. The body is read only when the receiver asks for it, and never past the
 * limit: a declared Content-Length over it is refused unread, a chunked body is cut off there. A
 * body that takes longer than INBOUND_BODY_TIMEOUT_MS is answered 408 and its connection closed,
 * and an address with too many bodies still arriving gets 429 — both quietly (no error logged).
 */
export function serveHook(req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const address = sourceAddress(req);
  handleHook({ method: req.method ?? "GET", url: req.url ?? "/", headers, readBody: (limit) => readBody(req, limit, address), sourceAddress: address }).then(
    (answer) => {
      // A body refused unread (too large, unknown token) is drained, not kept: the connection
      // closes after the answer. A sender too slow (408) or turned away (429) is cut off.
      if (!req.complete) {
        answer.headers.connection = "close";
        if (answer.status === 408 || answer.status === 429) res.once("finish", () => req.socket.destroy());
        else req.resume();
      }
      res.writeHead(answer.status, answer.headers).end(answer.body);
    },
    (error) => {
      console.error("[hooks] inbound webhook failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Internal server error" }));
    },
  );
}

function readBody(req: IncomingMessage, limit: number, address: string): Promise<Buffer | null> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(null);
  const slow = reading.get(address) ?? 0;
  if (slow >= MAX_SLOW_REQUESTS_PER_ADDRESS) {
    return Promise.reject(new HookRefusal(429, `Too many requests from this address are still sending their body (at most ${MAX_SLOW_REQUESTS_PER_ADDRESS} at once)`));
  }
  reading.set(address, slow + 1);
  const timeoutMs = env().INBOUND_BODY_TIMEOUT_MS;
  return new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const done = () => {
      if (finished) return false;
      finished = true;
      clearTimeout(timer);
      req.off("data", onData);
      const left = (reading.get(address) ?? 1) - 1;
      if (left > 0) reading.set(address, left);
      else reading.delete(address);
      return true;
    };
    const timer = setTimeout(() => {
      if (done()) reject(new HookRefusal(408, `The request body did not arrive within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      if (done()) resolve(null); // the rest is drained unbuffered; the answer is 413
    };
    req.on("data", onData);
    req.once("end", () => done() && resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    // The client went away mid-body: nothing to answer, nothing to log.
    const gone = () => done() && reject(new HookRefusal(400, "The connection closed before the body arrived"));
    req.once("error", gone);
    req.once("close", gone);
  });
}

/** Bodies from `address` still arriving (tests). */
export function slowBodiesFrom(address: string): number {
  return reading.get(address) ?? 0;
}

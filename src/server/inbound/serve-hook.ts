import type { IncomingMessage, ServerResponse } from "node:http";
import { handleHook } from "./receive-hook";

/**
 * Serves `/api/hooks/<token>` straight from node:http (server.ts), with no Web Request or
 * Response in between. The body is read only when the receiver asks for it, and never past the
 * limit: a declared Content-Length over it is refused unread, a chunked body is cut off there.
 */
export function serveHook(req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  handleHook({ method: req.method ?? "GET", url: req.url ?? "/", headers, readBody: (limit) => readBody(req, limit) }).then(
    (answer) => {
      // A body refused unread (too large, unknown token) is drained, not kept: the connection closes after the answer.
      if (!req.complete) {
        req.resume();
        answer.headers.connection = "close";
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

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.resume(); // drain the rest unbuffered; the answer is 413
      resolve(null);
    };
    req.on("data", onData);
    req.once("end", () => size <= limit && resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

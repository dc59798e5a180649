import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

export type WebHandler = (request: Request) => Promise<Response>;

/**
 * Serves a Web-standard `(Request) => Promise<Response>` handler from node:http. server.ts uses
 * it for machine traffic that skips Next's router; the App Router routes export the same handlers.
 */
export async function serveWebHandler(
  handler: WebHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxBodyBytes?: number } = {},
): Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  try {
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const body = hasBody ? await readBody(req, maxBodyBytes) : undefined;
    if (body === null) {
      res.writeHead(413, { "content-type": "application/json" }).end(JSON.stringify({ error: "Request body too large" }));
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    // A client of a stream (a GraphQL subscription over SSE) that goes away aborts the request:
    // the stream stops, and its subscription with it. Other requests skip the bookkeeping.
    const gone = req.headers.accept?.includes("text/event-stream") ? new AbortController() : undefined;
    if (gone) res.once("close", () => gone.abort());
    const response = await handler(
      new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined, signal: gone?.signal }),
    );
    res.writeHead(response.status, [...response.headers].flat());
    if (!response.body) return void res.end();
    const stream = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
    res.once("close", () => stream.destroy());
    stream.pipe(res);
  } catch (error) {
    // URLs can carry credentials — an inbound URL's token, Statuspage's secret in the query — never logged.
    console.error(`[http] ${req.method} ${req.url?.split("?")[0].replace(/sbh_[A-Za-z0-9_-]+/g, "sbh_…")} failed:`, error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "Internal server error" }));
  }
}

/** The request body, or null when it exceeds the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

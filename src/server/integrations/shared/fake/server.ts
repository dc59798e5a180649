import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The HTTP plumbing every fake shares: a server that hands each request over with
 * its whole body read (the contract gate, the control surface and the request log all need the
 * text), listening on loopback only, on a free port unless a test needs a fixed one. Closing is
 * in faults.ts, since it must end the responses a fault left hanging.
 */

/** A server calling `handle` once the request's body has been read, with the request's URL (its origin a placeholder: only path and query are the client's). */
export function createFakeServer(handle: (req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) => void): http.Server {
  return createRawFakeServer((req, res, url, bytes) => handle(req, res, url, bytes.toString("utf8")));
}

/** The same, handing over the body as it came (a compressed body must stay bytes: Datadog's and New Relic's intakes). */
export function createRawFakeServer(handle: (req: http.IncomingMessage, res: http.ServerResponse, url: URL, bytes: Buffer) => void): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => handle(req, res, new URL(req.url ?? "/", "http://fake.invalid"), Buffer.concat(chunks)));
  });
}

/** Listens on 127.0.0.1 (`port`, or any free one) and answers the root URL, http://127.0.0.1:<port>. */
export async function listenOnLoopback(server: http.Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The receiving end of bench:webhooks, in its own process (a real receiver is not inside the
 * sender): answers every POST 200, and records when each `webhook-id` arrived.
 * GET /stats → { count, arrivals: { [webhookId]: epochMs } }; POST /reset clears them.
 * Prints `{"port"}` on one line when listening.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

let arrivals: Record<string, number> = {};
let count = 0;
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ count, arrivals }));
  if (req.url === "/reset") {
    [arrivals, count] = [{}, 0];
    return void res.writeHead(204).end();
  }
  req.on("data", () => {});
  req.on("end", () => {
    const at = performance.timeOrigin + performance.now();
    count++;
    const id = String(req.headers["webhook-id"] ?? "");
    arrivals[`${id}|${req.url}`] = at;
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));

import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A webhook receiver that answers however the test scripts it: each request takes the next
 * behaviour from its path's queue, then the shared queue, then its path's default, then the
 * shared default; every request is recorded with its arrival time (when its body was read).
 * Per-path scripts let several tests share one receiver without taking each other's answers.
 */
export type Behaviour =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { hang: true } // accept and never answer (the sender's timeout must fire)
  | { reset: true } // destroy the connection without a response
  // Headers at once, then `count` chunks of the body, one every `everyMs` (a slow body).
  | { drip: { status?: number; chunk?: string; everyMs: number; count: number } };

export type ReceivedHook = { at: number; path: string; headers: http.IncomingHttpHeaders; body: string };

export type WebhookReceiver = {
  url: (path?: string) => string;
  received: ReceivedHook[];
  script: (...behaviours: Behaviour[]) => void;
  setDefault: (behaviour: Behaviour) => void;
  scriptFor: (path: string, ...behaviours: Behaviour[]) => void;
  setDefaultFor: (path: string, behaviour: Behaviour) => void;
  forPath: (path: string) => ReceivedHook[];
  close: () => Promise<void>;
};

export async function startWebhookReceiver(options: { host?: string } = {}): Promise<WebhookReceiver> {
  const host = options.host ?? "127.0.0.1";
  const received: ReceivedHook[] = [];
  let queue: Behaviour[] = [];
  let fallback: Behaviour = { status: 200, body: "ok" };
  const pathQueues = new Map<string, Behaviour[]>();
  const pathDefaults = new Map<string, Behaviour>();
  const next = (path: string): Behaviour => pathQueues.get(path)?.shift() ?? queue.shift() ?? pathDefaults.get(path) ?? fallback;

  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ at: Date.now(), path, headers: req.headers, body });
      const behaviour = next(path);
      if ("hang" in behaviour) return;
      if ("reset" in behaviour) return void req.socket.destroy();
      if ("drip" in behaviour) return drip(res, behaviour.drip);
      res.writeHead(behaviour.status, { "content-type": "text/plain", ...behaviour.headers }).end(behaviour.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = "/hook") => `http://${host}:${port}${path}`,
    received,
    script: (...behaviours) => (queue = behaviours),
    setDefault: (behaviour) => (fallback = behaviour),
    scriptFor: (path, ...behaviours) => pathQueues.set(path, behaviours),
    setDefaultFor: (path, behaviour) => pathDefaults.set(path, behaviour),
    forPath: (path) => received.filter((hook) => hook.path === path),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function drip(res: http.ServerResponse, options: { status?: number; chunk?: string; everyMs: number; count: number }): void {
  res.writeHead(options.status ?? 200, { "content-type": "text/plain" });
  res.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(options.chunk ?? ".");
    if (++sent >= options.count) {
      clearInterval(timer);
      res.end();
    }
  }, options.everyMs);
  res.once("close", () => clearInterval(timer));
}

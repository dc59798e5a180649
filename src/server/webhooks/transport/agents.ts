import http from "node:http";
import https from "node:https";

/**
 * One keep-alive pool per process: an endpoint may get thousands of deliveries a second, and a
 * TCP + TLS handshake per delivery would cost more than the delivery. Agents key sockets by
 * host:port, not by resolved address, which is safe: a socket only exists if the address it
 * connected to passed the target policy (the guarded lookup runs on every new connection).
 */
type Agents = { http: http.Agent; https: https.Agent };

const options = {
  keepAlive: true,
  maxSockets: 64,
  // Most recently used first, so idle sockets age out instead of being kept barely alive.
  scheduling: "lifo",
  // Idle sockets close before typical load-balancer idle timeouts (60 s), which would otherwise
  // reset a socket just as it is reused. Node also honours a server's `Keep-Alive: timeout=`.
  timeout: 15_000,
} as const;

// On globalThis: server.ts and the Next bundle load this module separately (ARCHITECTURE.md, "Two module graphs").
const store = globalThis as typeof globalThis & { __switchboardWebhookAgents?: Agents };

export function webhookAgents(): Agents {
  store.__switchboardWebhookAgents ??= { http: new http.Agent(options), https: new https.Agent(options) };
  return store.__switchboardWebhookAgents;
}

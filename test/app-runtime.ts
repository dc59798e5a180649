import http from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "@/env";
import { serveWebHandler } from "@/server/http/node-web-adapter";
import { serveHook } from "@/server/inbound/serve-hook";
import { startOutboxRelay } from "@/server/runtime/outbox-relay";
import { inngest } from "../inngest/client";
import { startEmbeddedExecutor, type EmbeddedExecutor } from "../inngest/embedded/executor";
import { ensureRuntimeSchema } from "../inngest/embedded/__fixtures__/schema";
import { inngestHandler } from "../inngest/handler";
import { wireTestRuntime } from "./runtime-port";

/**
 * The app's machine side, as server.ts wires it, in the calling process: `/api/hooks/*` and
 * `/api/inngest` (the production Inngest functions) on one node:http server, the embedded
 * executor driving the functions over HTTP, and the outbox relay (fan-out and dispatchers). Test
 * receivers on 127.0.0.1 are reachable because WEBHOOK_ALLOWED_TARGETS allow-lists that address.
 *
 * `port`: where to listen (a restarted server.ts comes back on its port, and the executor's
 * stored function URLs point there); `maxBackoffMs` caps the runtime's own retry backoff, so a
 * run that exhausts its retries does so in well under a second.
 */
export type AppRuntime = {
  executor: EmbeddedExecutor;
  /** The server's origin, e.g. http://127.0.0.1:41234 */
  url: string;
  serveUrl: string;
  /** Stops the outbox relay alone, once a pass under way has ended (a benchmark builds up a backlog meanwhile); `resumeRelay` restarts it. */
  pauseRelay: () => Promise<void>;
  resumeRelay: () => void;
  stop: () => Promise<void>;
};

export async function startAppRuntime(options: { env?: Record<string, string>; port?: number; maxBackoffMs?: number } = {}): Promise<AppRuntime> {
  Object.assign(process.env, { WEBHOOK_ALLOWED_TARGETS: process.env.WEBHOOK_ALLOWED_TARGETS ?? "127.0.0.1", ...options.env });
  resetEnvCache();
  const databaseUrl = process.env.DATABASE_URL!;
  await ensureRuntimeSchema(databaseUrl);
  const app = http.createServer((req, res) => {
    if (req.url?.startsWith("/api/hooks/")) return serveHook(req, res);
    void serveWebHandler(inngestHandler, req, res);
  });
  await new Promise<void>((resolve) => app.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const serveUrl = `${url}/api/inngest`;
  const executor = await startEmbeddedExecutor({ databaseUrl, serveUrl, pollMs: 100, poolSize: 4, maxBackoffMs: options.maxBackoffMs, log: () => {} });
  process.env.INNGEST_BASE_URL = executor.url;
  process.env.INNGEST_DEV = "1";
  inngest.setEnvVars();
  await executor.sync();
  wireTestRuntime();
  const startRelay = () => startOutboxRelay({ sweepMs: 250, log: () => {} });
  let relay = startRelay();
  return {
    executor,
    url,
    serveUrl,
    pauseRelay: () => relay.stop(),
    resumeRelay: () => void (relay = startRelay()),
    stop: async () => {
      relay.stop();
      await executor.stop();
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}

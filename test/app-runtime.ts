import http from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "@/env";
import { serveWebHandler } from "@/server/http/node-web-adapter";
import { startOutboxRelay } from "@/server/runtime/outbox-relay";
import { inngest } from "../inngest/client";
import { startEmbeddedExecutor, type EmbeddedExecutor } from "../inngest/embedded/executor";
import { ensureRuntimeSchema } from "../inngest/embedded/__fixtures__/schema";
import { inngestHandler } from "../inngest/handler";

/**
 * The app's own durable runtime, as server.ts wires it, in the test process: the production
 * Inngest functions served by the Web-standard handler on node:http, the embedded executor
 * driving them over HTTP, and the outbox relay (fan-out + dispatcher). Test receivers on
 * 127.0.0.1 are reachable because WEBHOOK_ALLOWED_TARGETS allow-lists that address.
 */
export type AppRuntime = {
  executor: EmbeddedExecutor;
  serveUrl: string;
  /** Stops and restarts the outbox relay alone (a benchmark builds up a backlog meanwhile). */
  pauseRelay: () => void;
  resumeRelay: () => void;
  stop: () => Promise<void>;
};

export async function startAppRuntime(options: { env?: Record<string, string> } = {}): Promise<AppRuntime> {
  Object.assign(process.env, { WEBHOOK_ALLOWED_TARGETS: "127.0.0.1", ...options.env });
  resetEnvCache();
  const databaseUrl = process.env.DATABASE_URL!;
  await ensureRuntimeSchema(databaseUrl);
  const app = http.createServer((req, res) => void serveWebHandler(inngestHandler, req, res));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  const executor = await startEmbeddedExecutor({ databaseUrl, serveUrl, pollMs: 100, poolSize: 4, log: () => {} });
  process.env.INNGEST_BASE_URL = executor.url;
  process.env.INNGEST_DEV = "1";
  inngest.setEnvVars();
  await executor.sync();
  const startRelay = () => startOutboxRelay({ sweepMs: 250, log: () => {} });
  let relay = startRelay();
  return {
    executor,
    serveUrl,
    pauseRelay: () => relay.stop(),
    resumeRelay: () => void (relay = startRelay()),
    stop: async () => {
      relay.stop();
      await executor.stop();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}

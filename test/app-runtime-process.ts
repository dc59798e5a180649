/**
 * The app's durable runtime alone in its own process, for tests that kill it for real (SIGKILL):
 * wired as test/app-runtime.ts does it (the production Inngest functions on node:http, the
 * embedded executor driving them, the outbox relay), except that the serve endpoint listens on
 * APP_PORT when given. A restarted server.ts comes back on its configured port, and the
 * executor's stored function URLs point there: a replacement process started on another port
 * would have its first calls of the dead one's runs refused (and backed off) until it synced.
 *
 * Takes DATABASE_URL, SECRETS_KEY and WEBHOOK_* from its environment; prints one JSON line
 * `{"serveUrl","executorUrl","appPort"}` once it has synced, then runs until it is killed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "@/env";
import { serveWebHandler } from "@/server/http/node-web-adapter";
import { startOutboxRelay } from "@/server/runtime/outbox-relay";
import { inngest } from "../inngest/client";
import { startEmbeddedExecutor } from "../inngest/embedded/executor";
import { ensureRuntimeSchema } from "../inngest/embedded/__fixtures__/schema";
import { inngestHandler } from "../inngest/handler";

process.env.WEBHOOK_ALLOWED_TARGETS ??= "127.0.0.1";
resetEnvCache();
const databaseUrl = process.env.DATABASE_URL!;
await ensureRuntimeSchema(databaseUrl);
const app = http.createServer((req, res) => void serveWebHandler(inngestHandler, req, res));
await new Promise<void>((resolve) => app.listen(Number(process.env.APP_PORT ?? 0), "127.0.0.1", resolve));
const appPort = (app.address() as AddressInfo).port;
const serveUrl = `http://127.0.0.1:${appPort}/api/inngest`;
const executor = await startEmbeddedExecutor({ databaseUrl, serveUrl, pollMs: 100, poolSize: 4, log: () => {} });
process.env.INNGEST_BASE_URL = executor.url;
process.env.INNGEST_DEV = "1";
inngest.setEnvVars();
await executor.sync();
startOutboxRelay({ sweepMs: 250, log: () => {} });
process.stdout.write(`${JSON.stringify({ serveUrl, executorUrl: executor.url, appPort })}\n`);

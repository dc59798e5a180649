/**
 * Switchboard's one process entry (`npm run dev`, `npm start`). It prepares the embedded
 * defaults — PostgreSQL when DATABASE_URL is unset, generated secrets under the data directory,
 * migrations, a demo dataspace — and then serves Next.js from its own node:http server, which
 * answers machine traffic before Next's router (ARCHITECTURE.md, "Runtime topology").
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { answerClientError } from "./src/server/http/client-error";
import { dropLogsWithNowhereToGo } from "./src/server/http/closed-output";
import nextEnv from "@next/env";
import next from "next";

dropLogsWithNowhereToGo();
const dev = process.env.NODE_ENV !== "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
nextEnv.loadEnvConfig(process.cwd(), dev);

// What to stop on the way out, newest first: a failed start must not leave PostgreSQL running.
const stops: (() => Promise<unknown>)[] = [];

async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  stops.length = 0;
}

async function main() {
  const { env, resetEnvCache, appUrl } = await import("./src/env");
  const settings = env();

  // No Inngest configured → the embedded executor runs the durable functions (README, "Running at scale").
  const embeddedRuntime = !process.env.INNGEST_BASE_URL && !process.env.INNGEST_EVENT_KEY && !process.env.INNGEST_DEV;
  const { ensureLocalSecrets } = await import("./src/server/embedded/local-secrets");
  const { generated } = await ensureLocalSecrets(settings.SWITCHBOARD_DATA_DIR, [
    "AUTH_SECRET",
    "SECRETS_KEY",
    ...(embeddedRuntime ? (["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"] as const) : []),
  ]);
  if (generated.length) log(`generated ${generated.join(" and ")} in ${settings.SWITCHBOARD_DATA_DIR}/secrets.json`);

  const embedded = !settings.DATABASE_URL;
  if (embedded) {
    const { startEmbeddedPostgres } = await import("./src/server/embedded/postgres");
    const started = Date.now();
    const database = await startEmbeddedPostgres(settings.SWITCHBOARD_DATA_DIR);
    process.env.DATABASE_URL = database.url;
    stops.push(database.stop);
    if (database.stoppedLeftover) log(`stopped the PostgreSQL (PID ${database.stoppedLeftover}) a killed previous run left running`);
    log(`embedded PostgreSQL on 127.0.0.1:${database.port} (data in ${settings.SWITCHBOARD_DATA_DIR}/postgres, ${Date.now() - started} ms)`);
  }
  resetEnvCache();

  const { applyMigrations } = await import("./src/server/db/migrate");
  const { applied } = await applyMigrations(process.env.DATABASE_URL!);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  const { closeDbPool } = await import("./src/server/db/client");
  stops.push(closeDbPool);
  const { sealLegacyHeaderSecrets } = await import("./src/server/webhooks/endpoints/seal-legacy-headers");
  const sealed = await sealLegacyHeaderSecrets();
  if (sealed) log(`encrypted the credential headers of ${sealed} webhook(s) saved before header encryption`);

  if (embeddedRuntime) {
    const { startEmbeddedExecutor } = await import("./inngest/embedded/executor");
    const executor = await startEmbeddedExecutor({
      databaseUrl: process.env.DATABASE_URL!,
      serveUrl: `http://127.0.0.1:${settings.PORT}/api/inngest`,
      host: "127.0.0.1",
      signingKey: process.env.INNGEST_SIGNING_KEY,
      eventKey: process.env.INNGEST_EVENT_KEY,
      log: (message) => log(`runtime: ${message}`),
    });
    process.env.INNGEST_BASE_URL = executor.url;
    process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1"; // the Runs page reads runs from our own tables
    stops.push(executor.stop);
    log(`embedded durable runtime (Inngest protocol) on ${executor.url}`);
  }
  // Imported only now: the SDK reads its INNGEST_* settings when the client is built.
  const { inngestHandler } = await import("./inngest/handler");
  // The domain reaches the runtime only through its port (src/server/runtime/port.ts).
  const { wireRuntime } = await import("./src/server/runtime/port");
  const { inngestRuntimePort } = await import("./inngest/runtime-port");
  wireRuntime(inngestRuntimePort({ embeddedDatabaseUrl: embeddedRuntime ? process.env.DATABASE_URL! : null }));
  const { serveWebHandler } = await import("./src/server/http/node-web-adapter");
  const { handleApiRequest } = await import("./src/server/rest/handler");
  const { handleGraphqlRequest } = await import("./src/server/graphql/endpoint");
  const { serveHook } = await import("./src/server/inbound/serve-hook");
  const { applyServerLimits } = await import("./src/server/http/server-limits");

  const { seedDemoDataspace } = await import("./src/server/seed/demo-dataspace");
  if (env().SEED_DEMO ?? (embedded && dev)) {
    const { created } = await seedDemoDataspace();
    if (created) log("seeded the demo dataspace");
  }
  const { needsSetup } = await import("./src/server/auth/setup-owner");
  const firstRun = await needsSetup();

  // Next gets a private emitter as its "server", so its upgrade listener only ever sees the
  // upgrades we hand it (its HMR socket), never other WebSockets on this server.
  const nextUpgrades = new EventEmitter();
  const app = next({ dev, hostname: settings.HOST, port: settings.PORT, httpServer: nextUpgrades as never });
  const handle = app.getRequestHandler();
  await app.prepare();

  const trustProxy = env().TRUST_PROXY;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Client-supplied forwarding headers would let anyone pick their IP (rate limits) or host
    // (links); only a configured reverse proxy may set them.
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
    }
    // Machine traffic is answered before Next's router (~1 ms a request; ARCHITECTURE.md, "Runtime topology").
    if (req.url === "/api/inngest" || req.url?.startsWith("/api/inngest?")) return void serveWebHandler(inngestHandler, req, res);
    if (req.url?.startsWith("/api/hooks/")) return serveHook(req, res);
    if (req.url?.startsWith("/api/v1/")) return void serveWebHandler(handleApiRequest, req, res);
    // Token requests; the dashboard's session requests go on to the App Router route, which reads the session.
    if (req.headers.authorization && (req.url === "/api/graphql" || req.url?.startsWith("/api/graphql?") || req.url?.startsWith("/api/graphql/"))) {
      return void serveWebHandler(handleGraphqlRequest, req, res);
    }
    void handle(req, res);
  });
  server.on("clientError", answerClientError); // problem+json instead of Node's bare 431/400
  applyServerLimits(server); // header and body timeouts shorter than Node's (docs/integrations.md)
  // GraphQL subscriptions over WebSocket: our own listener; Next's would close other sockets (see nextUpgrades above).
  const { graphqlWebSocketServer } = await import("./src/server/graphql/websocket");
  const graphqlSockets = graphqlWebSocketServer();
  stops.push(() => graphqlSockets.close());
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/_next/")) nextUpgrades.emit("upgrade", req, socket, head);
    else if (req.url === "/api/graphql" || req.url?.startsWith("/api/graphql?")) graphqlSockets.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${settings.PORT} is already in use; set PORT to another one`) : error),
    );
    server.listen(settings.PORT, settings.HOST === "localhost" ? undefined : settings.HOST, resolve);
  });
  stops.push(() => app.close());

  // Outbox → runtime: events committed by the domain leave at once (woken after each commit)
  // and a sweep picks up anything stranded, e.g. by a crash between commit and send.
  const { startOutboxRelay } = await import("./src/server/runtime/outbox-relay");
  const relay = startOutboxRelay({ log: (message) => log(`outbox: ${message}`) });
  stops.push(async () => relay.stop());

  const url = appUrl();
  log(`ready on ${url} (${dev ? "development" : "production"})`);
  log(firstRun ? `first run: create the owner account at ${url}/setup` : `sign in at ${url}/signin`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    server.close();
    await stopAll();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

function log(message: string) {
  console.log(`[switchboard] ${message}`);
}

main().catch(async (error) => {
  console.error(`[switchboard] could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll();
  process.exit(1);
});

/**
 * The app's runtime (test/app-runtime.ts) alone in its own process, for tests that kill it for
 * real (SIGKILL). Listens on APP_PORT when given: a restarted server.ts comes back on its port.
 *
 * Takes DATABASE_URL, SECRETS_KEY and WEBHOOK_* from its environment; prints one JSON line
 * `{"serveUrl","executorUrl","appPort"}` once it has synced, then runs until it is killed.
 */
import { startAppRuntime } from "./app-runtime";

const runtime = await startAppRuntime({ port: Number(process.env.APP_PORT ?? 0) });
const appPort = Number(new URL(runtime.url).port);
process.stdout.write(`${JSON.stringify({ serveUrl: runtime.serveUrl, executorUrl: runtime.executor.url, appPort })}\n`);

/**
 * The embedded executor alone in its own process, for tests that kill it for real (SIGKILL):
 * prints `{"url","port"}` on one line once it has synced, then runs until it is killed.
 */
import { startEmbeddedExecutor } from "../executor";

const executor = await startEmbeddedExecutor({
  databaseUrl: process.env.DATABASE_URL!,
  serveUrl: process.env.SERVE_URL!,
  port: Number(process.env.EXECUTOR_PORT ?? 0),
  host: "127.0.0.1",
  maxBackoffMs: 50,
  pollMs: 200,
  poolSize: 4,
  log: () => {},
});
await executor.sync();
process.stdout.write(`${JSON.stringify({ url: executor.url, port: executor.port })}\n`);

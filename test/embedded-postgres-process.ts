/**
 * The embedded PostgreSQL start-up of server.ts alone in its own process, for tests that kill it
 * for real (SIGKILL). Starts it on SWITCHBOARD_DATA_DIR, prints one JSON line
 * `{"url","port","stoppedLeftover"}` once it accepts connections, then runs until it is killed;
 * a failed start is reported the way server.ts reports it (one line, exit code 1).
 */
import { startEmbeddedPostgres } from "../src/server/embedded/postgres";

try {
  const database = await startEmbeddedPostgres(process.env.SWITCHBOARD_DATA_DIR ?? ".data");
  process.stdout.write(`${JSON.stringify({ url: database.url, port: database.port, stoppedLeftover: database.stoppedLeftover })}\n`);
  const stop = () => void database.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  console.error(`[switchboard] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * The REST API (`/api/v1`) alone in its own process, for tests that kill it for real (SIGKILL).
 * Takes DATABASE_URL and SECRETS_KEY from its environment, listens on 127.0.0.1, prints one JSON
 * line `{"url"}` once listening, then runs until it is killed.
 */
import { startApiServer } from "./api";

const server = await startApiServer();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

/**
 * One more app instance for tests: the REST and GraphQL APIs in their own process on the same
 * database (DATABASE_URL, SECRETS_KEY from the environment). Prints one JSON line `{"url"}` once
 * listening, then runs until it is killed.
 */
import { startGraphqlServer } from "./server";

const server = await startGraphqlServer();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

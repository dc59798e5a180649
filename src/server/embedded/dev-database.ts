import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./postgres";

/**
 * The embedded development database for a command-line tool (`npm run db:migrate` without
 * DATABASE_URL): the one `npm run dev` is already running, or a fresh start of the same one.
 */
export async function openDevDatabase(dataDir = process.env.SWITCHBOARD_DATA_DIR ?? ".data") {
  const statePath = path.join(path.resolve(dataDir), "postgres.json");
  if (existsSync(statePath)) {
    const { password, port } = JSON.parse(readFileSync(statePath, "utf8")) as { password: string; port?: number };
    const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/switchboard`;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    const running = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => {});
    if (running) return { url, stop: async () => {} };
  }
  const database = await startEmbeddedPostgres(dataDir);
  return { url: database.url, stop: database.stop };
}

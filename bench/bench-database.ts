import { randomBytes } from "node:crypto";

/** PostgreSQL as production runs it: every commit on disk. */
export const DURABLE = ["-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"];

/**
 * A migrated database of its own for a benchmark: on an embedded PostgreSQL started here (with
 * `extraFlags`), or on the server of DATABASE_URL when set. Sets DATABASE_URL and a fresh
 * SECRETS_KEY in this process, for the factories that seed it.
 */
export async function startBenchDatabase(prefix: string, options: { extraFlags?: string[] } = {}) {
  const { startTestServer } = await import("../test/setup/embedded-server");
  const { createDatabase } = await import("../test/setup/databases");
  const server = process.env.DATABASE_URL ? undefined : await startTestServer({ maxConnections: 100, extraFlags: options.extraFlags });
  const dbName = `${prefix}_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(process.env.DATABASE_URL ?? server!.url, dbName);
  const secretsKey = `bench:${randomBytes(32).toString("base64")}`;
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SECRETS_KEY: secretsKey });
  const { applyMigrations } = await import("../src/server/db/migrate");
  await applyMigrations(databaseUrl);
  return { server, dbName, databaseUrl, secretsKey };
}

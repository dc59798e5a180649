// Applies pending Prisma migrations (prisma/migrations) at startup and in tests, in-process.
//
// It keeps the books exactly as Prisma Migrate does (same `_prisma_migrations` table, checksum,
// names and advisory lock), so the stock `prisma migrate deploy` accepts a database migrated
// here and vice versa. It uses node-postgres rather than Prisma's wasm schema engine: the engine
// is fast too (~0.1 s), but a 5 MB wasm module and its patched driver adapter have no place in
// the app server, nor in code that Next.js bundles.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** The advisory lock key of Prisma Migrate's own engine: we never run alongside it, or ourselves. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's own DDL for the table (schema-engine, Postgres connector), so both tools share it.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; script: string; checksum: string };

/** The migrations in `dir`, in the order Prisma applies them (folder name order). */
export async function readMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      // Prisma's checksum: lowercase hex SHA-256 of the file as written.
      return { name, script, checksum: createHash("sha256").update(script).digest("hex") };
    }),
  );
}

/** Connection config for a Prisma-style URL, whose `?schema=` selects the Postgres schema. */
function clientConfig(databaseUrl: string): { config: pg.ClientConfig; schema?: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const config: pg.ClientConfig = { connectionString: url.toString() };
  if (schema) config.options = `-c search_path="${schema.replaceAll('"', '""')}"`;
  return { config, schema };
}

async function secureTenantTablesDefined(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ defined: boolean }>(
    "SELECT to_regprocedure(quote_ident(current_schema()) || '.switchboard_secure_tenant_tables()') IS NOT NULL AS defined",
  );
  return rows[0].defined;
}

/** Throws Prisma's P3005 if the schema has tables but was never migrated (needs a baseline). */
async function assertMigratable(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ tracked: boolean; tables: number }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS tracked,
            (SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema()) AS tables`,
  );
  if (!rows[0].tracked && rows[0].tables > 0) {
    throw new Error(
      "P3005: The database schema is not empty, and has no migration history. Read more about how to baseline an existing production database: https://pris.ly/d/migrate-baseline",
    );
  }
}

/**
 * Applies the migrations in prisma/migrations that the database hasn't applied yet, each in its
 * own transaction, recording each in `_prisma_migrations` as Prisma does. Safe to call
 * concurrently from several processes and on every start: it's a no-op when up to date.
 *
 * Unlike Prisma, a migration that fails is rolled back and not recorded, so the next start
 * retries it (Prisma would record it as failed and refuse to go on until `migrate resolve`).
 */
export async function applyMigrations(databaseUrl: string): Promise<{ applied: string[] }> {
  const migrations = await readMigrations();
  const { config, schema } = clientConfig(databaseUrl);
  const client = new pg.Client(config);
  await client.connect();
  const applied: string[] = [];
  try {
    // Session-level lock: held across the per-migration transactions below.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
    await assertMigratable(client);
    await client.query(CREATE_MIGRATIONS_TABLE);

    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
      "SELECT migration_name, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL",
    );
    const failed = rows.filter((row) => row.finished_at === null).map((row) => row.migration_name);
    if (failed.length > 0) {
      throw new Error(
        `P3009: Found failed migrations in the target database, new migrations will not be applied: ${failed.join(", ")}. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve`,
      );
    }
    const done = new Set(rows.map((row) => row.migration_name));

    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      try {
        await client.query("BEGIN");
        await client.query(migration.script); // simple protocol: runs a multi-statement script
        // now() is the transaction's start, i.e. when the migration started.
        await client.query(
          `INSERT INTO _prisma_migrations
             (id, checksum, migration_name, logs, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, NULL, now(), clock_timestamp(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }
    // A tenant table added by a later migration (applied here or by `prisma migrate deploy`) gets
    // the row-level policy of every other one (prisma/migrations/20261207000000_row_level_security).
    if (await secureTenantTablesDefined(client)) await client.query("SELECT switchboard_secure_tenant_tables()");
    return { applied };
  } finally {
    // Closing the session releases the advisory lock too, even if the unlock query can't run.
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

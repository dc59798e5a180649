import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processInfo, stopLeftoverPostmaster } from "./leftover-postmaster";

// Real processes: the embedded PostgreSQL start-up of server.ts in a child process
// (test/embedded-postgres-process.ts) that the tests kill with SIGKILL, as a crash, an OOM kill
// or a supervisor restarting only the server would. Before, its postmaster kept running and every
// later start failed with `lock file "postmaster.pid" already exists`.
const HARNESS = path.resolve(import.meta.dirname, "../../../test/embedded-postgres-process.ts");
const children = new Set<ChildProcess>();
// Each start is a Node process plus PostgreSQL (the first one with initdb): seconds on a busy machine.
const PROCESS_TEST_MS = 120_000;

type Ready = { child: ChildProcess; url: string; stoppedLeftover: number | null };

function run(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", HARNESS], {
    env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  const ready = new Promise<Ready>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const line = output.split("\n").find((text) => text.startsWith("{"));
      if (line) resolve({ child, ...JSON.parse(line) });
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => reject(Object.assign(new Error(`exited with ${code}: ${output}`), { code, output: () => output })));
  });
  return { child, ready };
}

const start = (dataDir: string) => run(dataDir).ready;

async function refusal(dataDir: string): Promise<{ code: number; output: string }> {
  return start(dataDir).then(
    (started) => {
      started.child.kill("SIGTERM");
      throw new Error("it started");
    },
    (error: { code: number; output: () => string }) => ({ code: error.code, output: error.output() }),
  );
}

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

const postmasterPid = async (dataDir: string) => Number((await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);

describe("the embedded PostgreSQL after its server was killed", () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    // Not mkdtemp's 0700: as root (CI) PostgreSQL runs as `postgres`, which must enter it.
    parent = await mkdtemp(path.join(os.tmpdir(), "sb-crash-"));
    await chmod(parent, 0o755);
    dataDir = path.join(parent, "data");
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.all([...children].map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once("exit", r)) : null)));
    await stopLeftoverPostmaster(path.join(dataDir, "postgres"), undefined).catch(() => null);
    await rm(parent, { recursive: true, force: true });
  });

  it("stops with the killed server, and the next start is ready with the data", async () => {
    // What a run killed during its first start leaves: a half-made cluster in its initdb scratch
    // folder (PID 2^22 + 1 is above Linux's largest, so that run is surely gone).
    const leftoverInitdb = path.join(dataDir, "postgres.initdb-4194305");
    await mkdir(leftoverInitdb, { recursive: true });
    await writeFile(path.join(leftoverInitdb, "PG_VERSION"), "18\n");

    const first = await start(dataDir);
    expect(existsSync(leftoverInitdb)).toBe(false);
    await query(first.url, "CREATE TABLE crash_probe (note text)");
    await query(first.url, "INSERT INTO crash_probe VALUES ($1)", ["written before the crash"]);
    const postmaster = await postmasterPid(dataDir);

    await killHard(first.child); // the server alone: its postmaster is not signalled
    await expect.poll(() => processInfo(postmaster), { timeout: 30_000, interval: 50 }).toBeNull();

    const second = await start(dataDir);
    expect(await query(second.url, "SELECT note FROM crash_probe")).toEqual([{ note: "written before the crash" }]);
    await killHard(second.child);
  }, PROCESS_TEST_MS);

  it("stops a postmaster left running with no watchdog (both killed) and starts afresh, data kept", async () => {
    const first = await start(dataDir);
    await query(first.url, "INSERT INTO crash_probe VALUES ($1)", ["written before the second crash"]);
    const postmaster = await postmasterPid(dataDir);
    const watchdogs = execFileSync("ps", ["-A", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([, ppid, ...args]) => Number(ppid) === first.child.pid && args.join(" ").includes("switchboard-postmaster-watchdog"))
      .map(([pid]) => Number(pid));
    expect(watchdogs).toHaveLength(1);
    process.kill(watchdogs[0], "SIGKILL");
    await killHard(first.child);
    expect(processInfo(postmaster)).not.toBeNull(); // orphaned, as before the watchdog existed

    const second = await start(dataDir);
    expect(second.stoppedLeftover).toBe(postmaster);
    expect(processInfo(postmaster)).toBeNull();
    expect(await query(second.url, "SELECT note FROM crash_probe ORDER BY note")).toEqual([
      { note: "written before the crash" },
      { note: "written before the second crash" },
    ]);

    // A postmaster whose server still runs is in use, not left over: it is refused, never stopped.
    const { code, output } = await refusal(dataDir);
    expect(code).toBe(1);
    expect(output).toContain(`is in use by another process (PID ${second.child.pid}`);
    expect(output).toContain("set SWITCHBOARD_DATA_DIR to another folder");
    expect(await query(second.url, "SELECT count(*)::int AS n FROM crash_probe")).toEqual([{ n: 2 }]);
  }, PROCESS_TEST_MS);
});

describe("starting where the postgres user cannot reach", () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), "sb-private-")); // mode 0700, like `mktemp -d` or /root
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await rm(parent, { recursive: true, force: true });
  });

  const root = process.getuid?.() === 0;
  it(
    root
      ? "as root, server.ts stops with a message saying why and what to do, no stack trace"
      : "as a normal user, the embedded PostgreSQL starts in a private folder",
    async () => {
      const dataDir = path.join(parent, "data");
      if (!root) {
        const started = await start(dataDir);
        expect(await query(started.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
        started.child.kill("SIGTERM");
        await new Promise((resolve) => started.child.once("exit", resolve));
        return;
      }
      const server = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../../../server.ts")], {
        env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.add(server);
      let output = "";
      server.stdout!.on("data", (chunk) => (output += chunk));
      server.stderr!.on("data", (chunk) => (output += chunk));
      const code = await new Promise((resolve) => server.once("exit", resolve));
      expect(code).toBe(1);
      expect(output).toContain(`cannot enter:\n  - ${parent} (mode 0700) is on the way to the database files (${dataDir})`);
      expect(output).toContain("set SWITCHBOARD_DATA_DIR to a folder every user can enter");
      expect(output).toContain("run Switchboard as a normal user");
      expect(output).toContain("set DATABASE_URL to a PostgreSQL server of your own");
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain("EACCES");
    },
    PROCESS_TEST_MS,
  );
});

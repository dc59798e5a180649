import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A PostgreSQL server left running by a previous run on the same data directory: the server
 * process was killed (kill -9, an OOM kill, a supervisor restarting only it) and its postmaster,
 * re-parented to PID 1, still holds postmaster.pid, so a new start fails with `lock file
 * "postmaster.pid" already exists`.
 *
 * We stop it (fast shutdown: sessions end, a checkpoint is written, nothing committed is lost)
 * rather than adopt it. An adopted postmaster is not our child: we could not see it exit, read
 * its log, stop it on our way out or be sure it runs with this version's settings; restarting
 * costs well under a second.
 */

/** Who started the postmaster: its PID and command line, so a reused PID is not taken for it. */
export type PostmasterOwner = { pid: number; command: string };

type ProcessInfo = { command: string };

/** A live process (not a zombie, which has exited and only awaits its parent) and its command line. */
export function processInfo(pid: number): ProcessInfo | null {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return null;
  }
  const { state, command } = describe(pid);
  return state === "Z" || state === "X" ? null : { command };
}

function describe(pid: number): { state: string; command: string } {
  try {
    if (process.platform === "linux") {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const state = stat.charAt(stat.lastIndexOf(")") + 2);
      return { state, command: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ") };
    }
    if (process.platform !== "win32") {
      const line = execFileSync("ps", ["-o", "stat=", "-o", "command=", "-p", String(pid)], { encoding: "utf8" }).trim();
      const [state = "", ...command] = line.split(/\s+/);
      return { state: state.charAt(0), command: command.join(" ") };
    }
  } catch {
    // unreadable: treated as some other process
  }
  return { state: "?", command: "" };
}

export function currentOwner(): PostmasterOwner {
  return { pid: process.pid, command: processInfo(process.pid)?.command ?? process.argv.join(" ") };
}

/** The PID of a postmaster serving `databaseDir` according to its postmaster.pid, while it runs. */
export async function runningPostmaster(databaseDir: string): Promise<number | null> {
  const lockFile = path.join(databaseDir, "postmaster.pid");
  const lines = (await readFile(lockFile, "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const info = processInfo(pid);
  if (!info) {
    // Dead, or a zombie nobody has collected yet: PostgreSQL itself would take a zombie for a
    // live postmaster and refuse to start, so the stale lock file goes now.
    if (process.platform !== "win32") await unlink(lockFile).catch(() => {});
    return null;
  }
  // Ours: the postgres program started (by startEmbeddedPostgres) on this very directory.
  return lines[1] === databaseDir && `${info.command} `.includes(`postgres -D ${databaseDir} `) ? pid : null;
}

/**
 * Stops the postmaster a previous run left on `databaseDir`, if any, and says which PID it was.
 * Refuses when the process that started it is still alive: then it is not left over but in use
 * (two servers, or a server and `npm run db:migrate`, on one data directory).
 */
export async function stopLeftoverPostmaster(databaseDir: string, owner: PostmasterOwner | undefined): Promise<number | null> {
  const pid = await runningPostmaster(databaseDir);
  if (!pid) return null;
  if (owner && owner.pid !== process.pid && processInfo(owner.pid)?.command === owner.command) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} is in use by another process (PID ${owner.pid}: ${owner.command}). ` +
        "Stop that process first, or set SWITCHBOARD_DATA_DIR to another folder.",
    );
  }
  // SIGINT is PostgreSQL's fast shutdown; SIGQUIT (immediate) only if that hangs, which is
  // still safe: the next start replays the write-ahead log.
  for (const [signal, waitMs] of [["SIGINT", 30_000], ["SIGQUIT", 10_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return pid; // gone meanwhile
    }
    for (const until = Date.now() + waitMs; Date.now() < until; await sleep(50)) {
      if (!processInfo(pid)) {
        await runningPostmaster(databaseDir); // drops postmaster.pid if a zombie left it behind
        return pid;
      }
    }
  }
  throw new Error(
    `The PostgreSQL server (PID ${pid}) a previous run left running on ${databaseDir} does not stop. ` +
      `Stop it yourself (kill -QUIT ${pid}) and start again.`,
  );
}

import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Makes the embedded postmaster stop when this process dies, however it dies.
 *
 * Node cannot ask the kernel to signal a child when its parent dies (Linux's PR_SET_PDEATHSIG is
 * not exposed, and macOS has nothing like it), and a process killed with SIGKILL runs no exit
 * handler. What does happen on every death is that the kernel closes the dead process's file
 * descriptors. So a tiny `sh` child holds the read end of a pipe whose only write end is ours:
 * its `read` returns end-of-file exactly when we are gone (crash, OOM kill, kill -9), and it
 * then asks the postmaster for a fast shutdown (SIGINT: sessions end, a checkpoint is written,
 * nothing committed is lost). It signals only if postmaster.pid still names that PID, so a PID
 * reused after the postmaster stopped is never hit. It ignores SIGINT, SIGQUIT and SIGHUP, which
 * a terminal sends to the whole process group (Ctrl-C, a closed terminal), so it outlives us;
 * on Ctrl-C the postmaster gets the same SIGINT from the terminal anyway.
 *
 * A shell costs no start-up time or memory worth mentioning, unlike a second Node process. On
 * Windows there is no `sh`; there the leftover check at the next start (leftover-postmaster.ts)
 * is the only remedy.
 */
const SCRIPT = `trap '' INT QUIT HUP
while read -r _; do :; done
read -r pid < "$1" && [ "$pid" = "$2" ] && kill -INT "$2"`;

export type PostmasterWatchdog = { release: () => void };

export function watchPostmaster(databaseDir: string, postmasterPid: number): PostmasterWatchdog {
  if (process.platform === "win32") return { release: () => {} };
  const lockFile = path.join(databaseDir, "postmaster.pid");
  const watchdog = spawn("/bin/sh", ["-c", SCRIPT, "switchboard-postmaster-watchdog", lockFile, String(postmasterPid)], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.on("error", () => {}); // no /bin/sh: the leftover check at the next start still applies
  // Neither the child nor our end of its pipe may keep this process alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    // A clean stop stops the postmaster itself; the watchdog must not signal its PID afterwards.
    release: () => void watchdog.kill("SIGKILL"),
  };
}

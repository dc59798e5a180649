import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** How the benchmarks account CPU: per process from /proc, so other work on the machine is told apart. */

/** CPU seconds used so far by processes (utime + stime, 100 ticks a second on Linux). */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return sum + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return sum;
    }
  }, 0);
}

/** The whole machine's busy and total CPU ticks, to tell our load from anything else running. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

/** Our PostgreSQL (the postmaster listening on `port`) and its backends, not other servers on the machine. */
export function postgresPids(port: number): number[] {
  const read = (pid: number, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, "utf8");
    } catch {
      return "";
    }
  };
  const all = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
  const master = all.find((pid) => read(pid, "comm").trim() === "postgres" && read(pid, "cmdline").split("\0").join(" ").includes(` -p ${port} `));
  return master ? [master, ...all.filter((pid) => read(pid, "stat").split(") ")[1]?.split(" ")[1] === String(master))] : [];
}

/**
 * How fast this machine runs right now: milliseconds for a fixed single-threaded loop (SHA-256
 * over 1 KB, 100 000 times), lower is faster. On a shared virtual machine this moves by a quarter
 * from one minute to the next, and every figure of a run moves with it; printed beside them so a
 * slow run can be told from a slower build.
 */
export function machineSpeedMs(): number {
  const started = performance.now();
  let block: Buffer = Buffer.alloc(1024);
  for (let i = 0; i < 100_000; i++) block = createHash("sha256").update(block).digest();
  return Math.round(performance.now() - started);
}

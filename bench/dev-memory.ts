/**
 * Dev server memory: `npm run bench:dev-memory` (also run by `npm run bench:lists`).
 *
 * Starts `npm run dev`'s entry (server.ts, development mode) on a fresh data directory with the
 * embedded PostgreSQL, requests every dashboard route once so Next compiles them all, then sums
 * the resident memory of the whole process tree (Next, its workers, every PostgreSQL process)
 * until it settles: Turbopack holds a cold compile's work in memory until it has snapshotted its
 * cache to disk, then evicts it. Target: settled under 1 GB (the compile peak is printed too).
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/server/embedded/free-port";

const ROUTES = [
  "/", "/setup", "/signin", "/dataspaces/new", "/d/demo/requests", "/d/demo/requests/new",
  "/d/demo/events", "/d/demo/members", "/d/demo/settings", "/invite/unknown",
  "/api/trpc/dataspace.mine", "/api/auth/providers",
];
const TARGET_MB = 1024;

function rssKb(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Every process whose parent chain leads to `root`, and the PostgreSQL cluster under `dataDir`. */
function processTree(root: number, dataDir: string): number[] {
  const parents = new Map<number, number>();
  const postmasters: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      parents.set(pid, Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`${dataDir}/postgres`)) postmasters.push(pid);
    } catch {}
  }
  const roots = new Set([root, ...postmasters]);
  return [...parents.keys()].filter((pid) => {
    for (let p: number | undefined = pid; p; p = parents.get(p)) if (roots.has(p)) return true;
    return false;
  });
}

async function main() {
  if (process.platform !== "linux") throw new Error("reads /proc: Linux only");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "switchboard-devmem-"));
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), SWITCHBOARD_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  try {
    while (!log.includes("[switchboard] ready on")) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
      if (Date.now() - started > 120_000) throw new Error(`server did not start in 2 minutes:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`dev server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const route of ROUTES) {
      const t = Date.now();
      const res = await fetch(`http://localhost:${port}${route}`, { redirect: "manual" });
      await res.arrayBuffer();
      console.log(`  ${route.padEnd(28)} ${res.status}  ${Date.now() - t} ms (first compile)`);
    }
    const sample = () => {
      const pids = processTree(child.pid!, dataDir);
      return { pids, mb: pids.reduce((sum, pid) => sum + rssKb(pid), 0) / 1024 };
    };
    let peakMb = sample().mb;
    let previous = peakMb;
    let current = sample();
    // Settled: two samples 5 s apart within 2 % of each other (at most a minute).
    for (let waited = 0; waited < 60; waited += 5) {
      await new Promise((r) => setTimeout(r, 5000));
      current = sample();
      peakMb = Math.max(peakMb, current.mb);
      console.log(`  +${waited + 5}s: ${current.mb.toFixed(0)} MB`);
      if (Math.abs(current.mb - previous) / previous < 0.02) break;
      previous = current.mb;
    }
    const totalMb = current.mb;
    const pids = current.pids;
    const serverMb = rssKb(child.pid!) / 1024;
    console.log(`\npeak while compiling: ${peakMb.toFixed(0)} MB`);
    console.log(`resident memory once settled: ${totalMb.toFixed(0)} MB in ${pids.length} processes`);
    console.log(`  of which the server process: ${serverMb.toFixed(0)} MB (RSS counts PostgreSQL's shared memory once per process, so this overstates)`);
    console.log(`target < ${TARGET_MB} MB: ${totalMb < TARGET_MB ? "met" : "MISSED"}`);
    if (process.env.BENCH_STRICT === "1" && totalMb >= TARGET_MB) process.exitCode = 1;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

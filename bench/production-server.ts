import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The app as `npm start` runs it: server.ts in production mode over the `next build` output
 * (built first if missing), on a random port, with the given settings. BENCH_PROFILE=<dir> makes
 * it write a CPU profile there (node --cpu-prof).
 */
export async function startProductionServer(env: Record<string, string>): Promise<{ app: ChildProcess; port: number; url: string }> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("  (no production build: running next build)");
    if (spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" }).status !== 0) throw new Error("next build failed");
  }
  const port = 3300 + Math.floor(Math.random() * 500);
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const app = spawn(process.execPath, [...profile, "--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "false", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    app.stdout!.on("data", (chunk) => ((out += chunk), out.includes("ready on") && resolve()));
    app.once("exit", (code) => reject(new Error(`server.ts exited (${code}):\n${out}`)));
  });
  return { app, port, url: `http://127.0.0.1:${port}` };
}

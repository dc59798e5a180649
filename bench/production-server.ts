import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
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

/**
 * The app for a benchmark on the database it seeded: this process's pools are closed first (the
 * factories seeded through them), then the server starts with the settings every benchmark
 * needs — its database and secrets, a data directory of its own, no API rate limit — plus `env`.
 */
export async function startBenchApp(database: { databaseUrl: string; secretsKey: string; dbName: string }, env: Record<string, string> = {}) {
  const { disconnectDb, closeDbPool } = await import("../src/server/db/client");
  await disconnectDb();
  await closeDbPool();
  return startProductionServer({
    DATABASE_URL: database.databaseUrl,
    SECRETS_KEY: database.secretsKey,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    API_RATE_LIMIT_PER_MINUTE: "100000000",
    SWITCHBOARD_DATA_DIR: path.join(root, ".data", database.dbName),
    ...env,
  });
}

import { spawn, type ChildProcess } from "node:child_process";

/**
 * Starts a TypeScript fixture in its own Node process (a second app instance, a server to kill)
 * and waits for the first JSON line it prints on stdout, which says where it listens. Rejects
 * with its stderr if it exits first.
 */
export function spawnReady<T>(script: string, env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; ready: T }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, ready: JSON.parse(line) as T });
    });
    child.once("exit", (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${err}`)));
  });
}

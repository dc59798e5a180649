import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The executor's process is killed with SIGKILL in the middle of a run — no shutdown code runs,
 * its connections just drop — and a new executor process takes over the same database. The run
 * must complete, every step stored before the kill must not run again.
 */
const FIXTURE = path.join(import.meta.dirname, "__fixtures__", "executor-process.ts");

function startExecutorProcess(serveUrl: string, port = 0): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    env: { ...process.env, SERVE_URL: serveUrl, EXECUTOR_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, ...JSON.parse(line) });
    });
    child.stderr!.on("data", (chunk) => (err += chunk));
    child.once("exit", (code) => reject(new Error(`executor process exited (${code}) before it was ready:\n${err}`)));
  });
}

describe("embedded executor: a real process kill", () => {
  const executed: Record<string, number> = {};
  let releaseStepThree: () => void = () => {};
  let inStepThree!: Promise<void>;
  let enteredStepThree: () => void = () => {};
  let app: http.Server;
  let db: pg.Pool;
  let serveUrl: string;
  let current: ChildProcess | undefined;

  beforeAll(async () => {
    db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const inngest = new Inngest({ id: "killtest", isDev: true, baseUrl: "http://127.0.0.1:1", logger: { info() {}, warn() {}, error() {}, debug() {} } });
    const count = (key: string) => (executed[key] = (executed[key] ?? 0) + 1);
    const fn = inngest.createFunction({ id: "long", triggers: [{ event: "test/long" }] }, async ({ step }) => {
      await step.run("one", () => count("one"));
      await step.run("two", () => count("two"));
      await step.run("three", async () => {
        count("three");
        if (executed.three === 1) {
          enteredStepThree();
          await new Promise<void>((resolve) => (releaseStepThree = resolve));
        }
      });
      await step.run("four", () => count("four"));
      return "finished";
    });
    app = http.createServer(serve({ client: inngest, functions: [fn] }));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
    inStepThree = new Promise<void>((resolve) => (enteredStepThree = resolve));
  });

  afterAll(async () => {
    current?.kill("SIGKILL");
    releaseStepThree();
    app?.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
    await db?.end();
  });

  it("completes the run in a new process; steps stored before the kill ran exactly once", { timeout: 60_000 }, async () => {
    const first = await startExecutorProcess(serveUrl);
    current = first.child;
    const sent = await fetch(`${first.url}/e/test-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ name: "test/long", data: {} }]),
    });
    expect(sent.status).toBe(200);
    await inStepThree;

    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    releaseStepThree(); // the answer to the killed executor's call goes nowhere

    const second = await startExecutorProcess(serveUrl, first.port);
    current = second.child;
    const deadline = Date.now() + 30_000;
    let run: { status: string; output: unknown } | undefined;
    while (Date.now() < deadline) {
      run = (await db.query("SELECT status, output FROM runtime_run WHERE function_id = 'killtest-long'")).rows[0];
      if (run && (run.status === "COMPLETED" || run.status === "FAILED")) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(run).toMatchObject({ status: "COMPLETED", output: "finished" });
    expect(executed).toMatchObject({ one: 1, two: 1, four: 1 });
    // The step in flight at the kill had not been stored, so it ran again: at least once.
    expect(executed.three).toBe(2);
  });
});

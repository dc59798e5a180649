import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

/** A process that logs for a while after its stdout reader went away, with or without the guard: how it ends, and what it said on fd 3. */
async function logAfterReaderLeft(guarded: boolean): Promise<{ code: number | null; said: string }> {
  const script = `
    ${guarded ? `(await import(${JSON.stringify(path.join(root, "src/server/http/closed-output.ts"))})).dropLogsWithNowhereToGo();` : ""}
    const fd3 = (await import("node:fs")).createWriteStream(null, { fd: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 50; i++) { console.log("line " + i + " ".repeat(1000)); await new Promise((resolve) => setTimeout(resolve, 5)); }
    fd3.end("still serving");
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "ignore", "pipe"] });
  child.stdout!.destroy(); // the reader goes away
  let said = "";
  child.stdio[3]!.on("data", (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, said };
}

describe("logs with nowhere to go", () => {
  it("are dropped, and the process goes on, where an unguarded one dies of EPIPE", { timeout: 30_000 }, async () => {
    const [unguarded, guarded] = await Promise.all([logAfterReaderLeft(false), logAfterReaderLeft(true)]);
    expect(unguarded.code).not.toBe(0);
    expect(unguarded.said).toBe("");
    expect(guarded).toEqual({ code: 0, said: "still serving" });
  });
});

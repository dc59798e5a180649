import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

// House rules that drift quietly, checked on the source (ARCHITECTURE.md).
const root = process.cwd();

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe("architecture", () => {
  it("the domain reaches the durable runtime only through its port: nothing in src/server imports inngest/", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles("src/server")) {
      const text = await readFile(path.join(root, file), "utf8");
      if (/from\s+["'](\.\.\/)+inngest\//.test(text) || /import\(\s*["'](\.\.\/)+inngest\//.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("code cites documents of this repository, not the planning documents outside it", async () => {
    const offenders: string[] = [];
    for (const dir of ["src", "inngest", "test", "e2e", "bench", "scripts"]) {
      for (const file of await sourceFiles(dir)) {
        if (file.startsWith("src/generated")) continue;
        const text = await readFile(path.join(root, file), "utf8");
        if (/\b(DESIGN|ENVIRONMENT|STYLE)\.md\b/.test(text)) offenders.push(file);
      }
    }
    const entry = await readFile(path.join(root, "server.ts"), "utf8");
    if (/\b(DESIGN|ENVIRONMENT|STYLE)\.md\b/.test(entry)) offenders.push("server.ts");
    expect(offenders).toEqual([]);
  });
});

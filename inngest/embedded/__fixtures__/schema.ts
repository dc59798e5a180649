import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

/**
 * The runtime tables are not in a migration yet (the lead regenerates migrations): until then a
 * test database gets them with `prisma db push` (the wasm engine), once, when they are missing.
 */
export async function ensureRuntimeSchema(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT to_regclass('runtime_job') IS NOT NULL AS ok");
    if (rows[0].ok) return;
  } finally {
    await client.end();
  }
  const root = path.resolve(import.meta.dirname, "../../..");
  const result = spawnSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "db", "push"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma db push failed:\n${result.stdout}\n${result.stderr}`);
}

import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureLocalSecrets } from "./local-secrets";

// Sessions survive a restart because AUTH_SECRET (which signs them) is generated once and reused.
describe("ensureLocalSecrets", () => {
  let dir: string;
  const saved = { AUTH_SECRET: process.env.AUTH_SECRET, SECRETS_KEY: process.env.SECRETS_KEY };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "sb-secrets-"));
    delete process.env.AUTH_SECRET;
    delete process.env.SECRETS_KEY;
  });
  afterEach(async () => {
    Object.assign(process.env, saved);
    await rm(dir, { recursive: true, force: true });
  });

  it("generates the secrets once, privately, and gives the same ones after a restart", async () => {
    expect((await ensureLocalSecrets(dir)).generated).toEqual(["AUTH_SECRET", "SECRETS_KEY"]);
    const first = { auth: process.env.AUTH_SECRET, key: process.env.SECRETS_KEY };
    expect(first.auth).toMatch(/^[\w-]{40,}$/);
    expect(first.key).toMatch(/^local1:[A-Za-z0-9+/]{43}=$/);
    expect((await stat(path.join(dir, "secrets.json"))).mode & 0o077).toBe(0);

    delete process.env.AUTH_SECRET; // a new process
    delete process.env.SECRETS_KEY;
    expect((await ensureLocalSecrets(dir)).generated).toEqual([]);
    expect({ auth: process.env.AUTH_SECRET, key: process.env.SECRETS_KEY }).toEqual(first);
  });

  it("leaves secrets the operator set alone and does not write them to disk", async () => {
    process.env.AUTH_SECRET = "operator-managed-secret-value-0123456789";
    await ensureLocalSecrets(dir);
    expect(process.env.AUTH_SECRET).toBe("operator-managed-secret-value-0123456789");
    expect(JSON.parse(await readFile(path.join(dir, "secrets.json"), "utf8"))).not.toHaveProperty("AUTH_SECRET");
  });
});

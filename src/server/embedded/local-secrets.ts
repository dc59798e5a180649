import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Secrets a self-hosted instance needs but nobody configured: generated once, kept under the
 * data directory (mode 0600), so sessions and encrypted secrets survive restarts. Set
 * AUTH_SECRET / SECRETS_KEY in the environment to manage them yourself.
 */
const GENERATORS: Record<string, () => string> = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  SECRETS_KEY: () => `local1:${randomBytes(32).toString("base64")}`,
  // The embedded executor signs its calls to /api/inngest and checks the event key, as Inngest does.
  INNGEST_SIGNING_KEY: () => `signkey-prod-${randomBytes(32).toString("hex")}`,
  INNGEST_EVENT_KEY: () => randomBytes(24).toString("hex"),
};

export type LocalSecretName = keyof typeof GENERATORS;

export async function ensureLocalSecrets(
  dataDir: string,
  names: LocalSecretName[] = ["AUTH_SECRET", "SECRETS_KEY"],
): Promise<{ generated: string[] }> {
  const file = path.join(path.resolve(dataDir), "secrets.json");
  await mkdir(path.dirname(file), { recursive: true });
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(await readFile(file, "utf8")) : {};
  const generated: string[] = [];
  for (const name of names) {
    const make = GENERATORS[name];
    if (process.env[name]) continue;
    if (!stored[name]) {
      stored[name] = make();
      generated.push(name);
    }
    process.env[name] = stored[name];
  }
  if (generated.length) await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return { generated };
}

#!/usr/bin/env node
// Runs the stock Prisma CLI: `node scripts/prisma.mjs <prisma args…>` (the npm db:* scripts).
//
// Every Prisma command that touches the database needs the native `schema-engine` binary, which
// Prisma downloads from its own host. Where that binary is missing (air-gapped machines, CI
// without access to binaries.prisma.sh), point the CLI at prisma/engine/schema-engine.mjs, a
// stand-in that runs Prisma's wasm build of the same engine. A native engine always wins.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const enginesDir = path.join(root, "node_modules", "@prisma", "engines");

const hasNativeEngine = () =>
  Boolean(process.env.PRISMA_SCHEMA_ENGINE_BINARY) ||
  (existsSync(enginesDir) && readdirSync(enginesDir).some((file) => file.startsWith("schema-engine-")));

const env = { ...process.env };
if (!hasNativeEngine()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "prisma", "engine", "schema-engine.mjs");
  env.PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING = "1";
}

const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) {
  console.error(`The Prisma CLI is not installed (${cli}): run \`npm install\` with dev dependencies.`);
  process.exit(1);
}
// Zero configuration: without DATABASE_URL, commands that need a database use the embedded
// development database (the one `npm run dev` runs), started for the command if need be.
const args = process.argv.slice(2);
let devDatabase;
if (!env.DATABASE_URL && ["migrate", "db"].includes(args[0])) {
  const { tsImport } = await import("tsx/esm/api");
  const { openDevDatabase } = await tsImport("../src/server/embedded/dev-database.ts", import.meta.url);
  // A start that cannot happen (e.g. as root where the postgres user cannot reach the clone)
  // explains itself; its stack trace would only hide that.
  devDatabase = await openDevDatabase().catch((error) => {
    console.error(`Could not start the development database: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
  env.DATABASE_URL = devDatabase.url;
}
const { status, signal, error } = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env });
await devDatabase?.stop();
if (error) throw error;
process.exit(status ?? (signal ? 1 : 0));

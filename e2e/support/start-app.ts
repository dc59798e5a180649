/**
 * Starts the app for the e2e run exactly as `npm start` does (server.ts, production build), but
 * always on a fresh, empty embedded database, and removes its data directory when it exits.
 */
import { rmSync } from "node:fs";
import nextEnv from "@next/env";

const dataDir = process.env.SWITCHBOARD_DATA_DIR;
if (!dataDir?.includes("switchboard-e2e")) throw new Error(`Refusing to wipe SWITCHBOARD_DATA_DIR=${dataDir}`);

// Never a developer's database: the first-run spec needs an empty instance, and the suite
// writes users and dataspaces. server.ts would load DATABASE_URL from .env files, so check them.
delete process.env.DATABASE_URL;
nextEnv.loadEnvConfig(process.cwd(), false);
if (process.env.DATABASE_URL) throw new Error("The e2e suite runs on its own embedded PostgreSQL: remove DATABASE_URL from your .env files");

// The webhook spec's receiver listens on 127.0.0.1, which the target guard refuses otherwise.
process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";

rmSync(dataDir, { recursive: true, force: true });
process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));

await import("../../server");

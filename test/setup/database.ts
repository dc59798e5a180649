import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { resetEnvCache } from "@/env";
import { disconnectDb } from "@/server/db/client";
import { createDatabase, dropDatabase } from "./databases";

/**
 * Runs in each test file's worker before the file is imported: a fresh copy of the migrated
 * template, so files never see each other's rows and can run in parallel. The Prisma client
 * connects lazily, so setting DATABASE_URL here is enough for every later `db` use.
 */
const { serverUrl, template } = inject("testDatabase");
const name = `t_${randomBytes(6).toString("hex")}`;

process.env.DATABASE_URL = await createDatabase(serverUrl, name, { template });
// Secrets the app generates at first start; tests get throwaway ones.
process.env.SECRETS_KEY ??= `test:${randomBytes(32).toString("base64")}`;
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
// Small pools: two files run at once, each with its own pool, on a server shared by all.
process.env.DATABASE_POOL_SIZE ??= "5";
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(serverUrl, name);
});

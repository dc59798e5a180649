import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/server/db/migrate";
import { assertLocalDatabase } from "./assert-local-database";
import { createDatabase, disconnectAll, dropDatabase } from "./databases";
import { startTestServer, type TestServer } from "./embedded-server";
import { keepTestRunnerExitCode } from "./keep-exit-code";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server every test file copies its database from, and the migrated template. */
    testDatabase: { serverUrl: string; template: string };
  }
}

/**
 * Once per run: one PostgreSQL server and one migrated template database. Each test file then
 * gets `CREATE DATABASE … TEMPLATE` (test/setup/database.ts), a file copy that takes
 * milliseconds instead of re-running the migrations.
 *
 * TEST_DATABASE_URL may name an existing local server to use instead of starting one.
 */
export default async function setup(project: TestProject) {
  keepTestRunnerExitCode();
  const external = process.env.TEST_DATABASE_URL;
  let server: TestServer | undefined;
  if (external) assertLocalDatabase(external);
  else server = await startTestServer();
  const serverUrl = external ?? server!.url;
  const template = `t_template_${randomBytes(4).toString("hex")}`;

  try {
    const url = await createDatabase(serverUrl, template);
    await applyMigrations(url);
    await disconnectAll(serverUrl, template);
  } catch (error) {
    await dropDatabase(serverUrl, template).catch(() => undefined);
    await server?.stop();
    throw error;
  }

  project.provide("testDatabase", { serverUrl, template });

  return async () => {
    await dropDatabase(serverUrl, template);
    await server?.stop();
  };
}

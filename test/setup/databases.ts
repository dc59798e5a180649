import pg from "pg";
import { assertLocalDatabase } from "./assert-local-database";

/** Helpers shared by the test setup and the benchmark: whole databases on a local server. */

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  assertLocalDatabase(serverUrl);
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(serverUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
  await onServer(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quote(name)}${options.template ? ` TEMPLATE ${quote(options.template)}` : ""}`),
  );
  return withDatabase(serverUrl, name);
}

/** Drops a database even if a leaked connection still holds it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

/** A template can only be copied while nobody is connected to it. */
export async function disconnectAll(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (client) =>
    client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]),
  );
}

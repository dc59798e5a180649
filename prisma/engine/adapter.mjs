// The driver adapter the wasm schema engine runs its SQL through: @prisma/adapter-pg, plus the
// three fixes it needs before it can stand in for the native engine's own Postgres connector.
// Pinned to @prisma/adapter-pg 7.10.0; test/migrations.test.ts fails without any of them.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

const PG_CHAR_OID = 18; // the one-byte `"char"` type (pg_class.relkind, pg_constraint.contype…)
const PG_TEXT_OID = 25;

/**
 * Parses a postgres:// URL the way the native engine does: `?schema=` selects the schema the
 * engine works in (default `public`); everything else is node-postgres connection config.
 */
export function parseDatabaseUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  const config = { connectionString: parsed.toString() };
  // The engine's generated SQL relies on search_path, as with the native connector.
  if (schema) config.options = `-c search_path="${schema.replaceAll('"', '""')}"`;
  return { config, schema, database: decodeURIComponent(parsed.pathname.slice(1)) };
}

/**
 * Fix 1: adapter-pg 7.10 has no column type for `"char"`, and throws on every catalog query
 * that selects one. The engine reads such columns as `Character`; the value arrives as a
 * one-character string, so convert the rest of the row as usual and report that type.
 * Fix 2: adapter-pg splits scripts on every `;`, which breaks migrations with semicolons inside
 * strings, comments or `$$` function bodies. Send the script as one simple-protocol query, as the
 * native engine does (Postgres then runs it as one implicit transaction, like the native one).
 * Both patch adapter internals (`performIO`, `queryRaw`, `client`, `onError`) of the pinned version.
 */
function patchQueryable(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw;
  queryable.queryRaw = async (query) => {
    const result = await performIO(query);
    const charColumns = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(i);
    });
    // Let the adapter's own queryRaw convert the result we already fetched.
    const view = Object.create(queryable, { performIO: { value: async () => result } });
    const resultSet = await queryRaw.call(view, query);
    for (const i of charColumns) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
    return resultSet;
  };
  if (typeof queryable.executeScript === "function") {
    queryable.executeScript = async (script) => {
      try {
        await queryable.client.query(script);
      } catch (error) {
        queryable.onError(error);
      }
    };
  }
  if (typeof queryable.startTransaction === "function") {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  }
  return queryable;
}

async function connectPatched(config, options) {
  return patchQueryable(await new PrismaPg(config, options).connect());
}

/** Runs `sql` on a short-lived connection (for CREATE/DROP DATABASE, which can't be pooled). */
export async function runAdminStatement(config, sql) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Quotes a Postgres identifier. */
export const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * Fix 3: adapter-pg's `connectToShadowDb` connects to the main database when the factory was
 * given a URL. Ours creates a throwaway database on the same server (or uses the configured
 * `shadowDatabaseUrl`) and drops it when the engine disposes of the connection.
 *
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @returns {import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory}
 */
export function createAdapterFactory(datasource) {
  const main = parseDatabaseUrl(datasource.url);
  const options = main.schema ? { schema: main.schema } : undefined;
  const liveShadowDatabases = new Set();
  const dropShadowDatabase = async (name) => {
    await runAdminStatement(main.config, `DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    liveShadowDatabases.delete(name);
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectPatched(main.config, options),
    async connectToShadowDb() {
      if (datasource.shadowDatabaseUrl) {
        // A configured shadow database is wiped before each use, as the native engine does.
        const shadow = parseDatabaseUrl(datasource.shadowDatabaseUrl);
        const schema = quoteIdent(shadow.schema ?? "public");
        await runAdminStatement(shadow.config, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
        return connectPatched(shadow.config, shadow.schema ? { schema: shadow.schema } : undefined);
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await runAdminStatement(main.config, `CREATE DATABASE ${quoteIdent(name)}`);
      liveShadowDatabases.add(name);
      const shadowUrl = new URL(main.config.connectionString);
      shadowUrl.pathname = `/${encodeURIComponent(name)}`;
      const adapter = await connectPatched({ ...main.config, connectionString: shadowUrl.toString() }, options);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await dropShadowDatabase(name);
      };
      return adapter;
    },
    /** Drops shadow databases the engine never disposed of (it panicked mid-command). */
    async dropLeftoverShadowDatabases() {
      await Promise.allSettled([...liveShadowDatabases].map(dropShadowDatabase));
    },
  };
}

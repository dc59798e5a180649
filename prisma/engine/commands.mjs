// What the stand-in schema engine does for each request of the Prisma CLI: most methods go
// straight to the wasm engine; a few it doesn't have, or does differently, are handled here.
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { createAdapterFactory, parseDatabaseUrl, quoteIdent, runAdminStatement } from "./adapter.mjs";
import { loadSchemaEngineWasm } from "./wasm.mjs";

/** An error the CLI shows as a Prisma error (`P1001: …`) rather than as a crash. */
export class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function serverLocation(url) {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || 5432}`;
}

/** Maps a node-postgres connection error to the native engine's code and wording. */
function connectionError(error, url) {
  const at = serverLocation(url);
  const { database } = parseDatabaseUrl(url);
  const user = decodeURIComponent(new URL(url).username);
  switch (error.code) {
    case "3D000":
      return new UserFacingError("P1003", `Database \`${database}\` does not exist on the database server at \`${at}\`.`);
    case "28P01":
    case "28000":
      return new UserFacingError(
        "P1000",
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${at}\`.`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return new UserFacingError(
        "P1001",
        `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`,
      );
    default:
      return new Error(error.message); // not a P-code: drop pg's SQLSTATE `code`
  }
}

/** Throws a UserFacingError unless `url` can be connected to. */
export async function checkConnection(url) {
  try {
    await runAdminStatement(parseDatabaseUrl(url).config, "SELECT 1");
  } catch (error) {
    throw connectionError(error, url);
  }
}

/** Runs `sql` against the server's `postgres` database (CREATE/DROP DATABASE can't run in the target). */
async function runOnServer(url, sql) {
  const { config } = parseDatabaseUrl(url);
  const adminUrl = new URL(config.connectionString);
  adminUrl.pathname = "/postgres";
  await runAdminStatement({ ...config, connectionString: adminUrl.toString() }, sql);
}

/** Creates the database named in `url`. */
export async function createDatabase(url) {
  const { database } = parseDatabaseUrl(url);
  try {
    await runOnServer(url, `CREATE DATABASE ${quoteIdent(database)}`);
  } catch (error) {
    if (error.code === "42P04") {
      throw new UserFacingError("P1009", `Database \`${database}\` already exists on the database server at \`${serverLocation(url)}\``);
    }
    throw connectionError(error, url);
  }
  return { databaseName: database };
}

/** Drops the database named in `url`. */
export async function dropDatabase(url) {
  const { database } = parseDatabaseUrl(url);
  try {
    await runOnServer(url, `DROP DATABASE ${quoteIdent(database)}`);
  } catch (error) {
    throw connectionError(error, url);
  }
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Observed with the 7.10.0 wasm build: `evaluateDataLoss` and `createMigration` fail with this
 * error (they try to create a shadow database themselves, which the wasm build can't) unless
 * `devDiagnostic` has just replayed the same migration history on a shadow database from our
 * factory; `migrate dev` hits it whenever it first applies a pending migration. So run
 * `devDiagnostic` (read-only) and retry once.
 */
const NO_SHADOW_FACTORY = "shadow DB must be provided through an external factory";

async function withMigrationsSchema(engine, input, run) {
  try {
    return await run();
  } catch (error) {
    if (!String(error?.message).includes(NO_SHADOW_FACTORY)) throw error;
    await engine.devDiagnostic({ migrationsList: input.migrationsList, filters: input.filters ?? noFilters });
    return run();
  }
}

/**
 * The wasm engine's `createMigration` diffs the *development database* against the schema (it
 * never asks for a shadow database). The native engine diffs the migration history, replayed
 * on a shadow database, which stays right if the development database has drifted; `diff` from
 * `migrations` does exactly that. The wasm call still names the migration, as native would.
 */
async function createMigration(engine, input) {
  const { generatedMigrationName, connectorType, extension } = await withMigrationsSchema(engine, input, () =>
    engine.createMigration({ ...input, draft: true }),
  );
  const { lockfile } = input.migrationsList;
  // `diff` reads the provider from the lock file, which the first migration has yet to write.
  const migrationsList = { ...input.migrationsList, lockfile: { ...lockfile, content: lockfile.content ?? `provider = "${connectorType}"\n` } };
  const { exitCode, stdout } = await engine.diff({
    from: { tag: "migrations", ...migrationsList },
    to: { tag: "schemaDatamodel", ...input.schema },
    script: true,
    exitCode: true,
    filters: input.filters ?? noFilters,
  });
  const empty = exitCode === 0;
  return { connectorType, generatedMigrationName, extension, migrationScript: empty && !input.draft ? null : stdout };
}

/**
 * Creates the method table for one engine process.
 * @param {{ datasource: { url: string, shadowDatabaseUrl?: string }, datamodels?: [string, string][], log: (line: string) => void, print: (content: string) => Promise<void> }} options
 */
export function createCommands({ datasource, datamodels, log, print }) {
  let enginePromise;
  let adapterFactory;
  const engine = () => {
    enginePromise ??= (async () => {
      if (!datasource?.url) throw new UserFacingError("P1012", "The datasource URL is empty: set `datasource.url` in prisma.config.ts.");
      const wasm = await loadSchemaEngineWasm();
      adapterFactory = createAdapterFactory(datasource);
      const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory);
      try {
        return await wasm.SchemaEngine.new({ datamodels: datamodels?.length ? datamodels : undefined }, log, factory);
      } catch (error) {
        // Construction connects to the database; report why it couldn't, as the native one does.
        await checkConnection(datasource.url);
        throw error;
      }
    })();
    return enginePromise;
  };

  const urlOf = (param) => (param?.tag === "ConnectionString" ? param.url : datasource?.url);

  /** Methods handled here; everything else is the wasm engine's method of the same name. */
  const own = {
    createMigration: async (input) => createMigration(await engine(), input),
    async evaluateDataLoss(input) {
      const instance = await engine();
      return withMigrationsSchema(instance, input, () => instance.evaluateDataLoss(input));
    },
    createDatabase: (params) => createDatabase(urlOf(params?.datasource)),
    async ensureConnectionValidity(params) {
      await checkConnection(urlOf(params?.datasource));
      return {};
    },
    getDatabaseVersion: async (params) => (await engine()).version(params),
    async diff(params) {
      // The native engine prints the diff through the CLI rather than returning it.
      const { exitCode, stdout } = await (await engine()).diff(params);
      if (stdout) await print(stdout);
      return { exitCode, stdout: null };
    },
    version: async () => (await loadSchemaEngineWasm()).version(),
  };

  return {
    async handle(method, params) {
      if (Object.hasOwn(own, method)) return own[method](params);
      const { SchemaEngine } = await loadSchemaEngineWasm();
      if (typeof SchemaEngine.prototype[method] !== "function" || /^(free|_)/.test(method)) {
        throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
      }
      return (await engine())[method](params);
    },
    /** Drops shadow databases the engine never disposed of (it panicked mid-command). */
    async cleanUp() {
      await adapterFactory?.dropLeftoverShadowDatabases();
    },
  };
}

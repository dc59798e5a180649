import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

/**
 * The database's half of tenancy (row-level security, prisma/migrations/20261207000000_row_level_security;
 * docs/tenancy.md). Tenant work runs on its own pool, whose connections act as the role
 * `switchboard_tenant`: that role sees and writes only the rows of the dataspace in the
 * connection's `app.dataspace_id` setting, and nothing when none is set. A connection enters the
 * dataspace of the work that checks it out (`inDataspace`), so raw SQL that forgets its
 * `dataspaceId` still gets only that dataspace's rows.
 *
 * Why a session setting on a pool of its own rather than `set_config(…, true)` in a transaction
 * around every query: that cost every scoped read a BEGIN, a round trip and a COMMIT — +2 ms on
 * a 2 ms list query (bench:lists). Here a connection already in the right dataspace costs
 * nothing more, another costs one round trip. The login role of DATABASE_URL owns the tables and
 * is not bound by the policies; its pool (./client.ts) serves only the instance-wide paths listed
 * in test/architecture.test.ts.
 */
export const TENANT_ROLE = "switchboard_tenant";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// On globalThis: server.ts and the Next bundle are two module graphs sharing one tenant pool
// (./client.ts), so they must share the context the pool reads and what it knows of connections.
const shared = globalThis as { __switchboardDataspaceOfWork?: AsyncLocalStorage<string>; __switchboardEnteredDataspace?: WeakMap<pg.PoolClient, string> };
const dataspaceOfWork = (shared.__switchboardDataspaceOfWork ??= new AsyncLocalStorage<string>());
const enteredDataspace = (shared.__switchboardEnteredDataspace ??= new WeakMap<pg.PoolClient, string>());

/** Runs `work` inside a dataspace: tenant connections it checks out enter that dataspace. */
export function inDataspace<T>(dataspaceId: string, work: () => T): T {
  if (!UUID.test(dataspaceId)) throw new Error(`Not a dataspace id: ${JSON.stringify(dataspaceId)}`);
  return dataspaceOfWork.run(dataspaceId, work);
}

/** Moves a connection into a dataspace ('' = none: it then sees nothing), unless it is there already. */
async function enter(client: pg.PoolClient, dataspaceId: string): Promise<void> {
  if (enteredDataspace.get(client) === dataspaceId) return;
  // Session-level (false): it holds until the next enter; the id is a checked UUID or ''.
  await client.query(`SELECT set_config('app.dataspace_id', '${dataspaceId}', false)`);
  enteredDataspace.set(client, dataspaceId);
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * A pool of tenant connections. Checking one out (Prisma's adapter does, for queries and
 * transactions; `pool.query` does too) enters the dataspace of the caller's `inDataspace`; work
 * outside any dataspace gets a connection that sees nothing.
 */
export class TenantPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super({ ...config, options: [config.options, `-c role=${TENANT_ROLE}`].filter(Boolean).join(" ") });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const dataspaceId = dataspaceOfWork.getStore() ?? "";
    const ready = super.connect().then(async (client) => {
      try {
        await enter(client, dataspaceId);
        return client;
      } catch (error) {
        client.release(error as Error); // a connection in an unknown state is not reused
        throw error;
      }
    });
    if (!callback) return ready;
    ready.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (error: Error) => callback(error, undefined, () => {}),
    );
  }
}

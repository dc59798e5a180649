import pg from "pg";

/**
 * The executor's connection to PostgreSQL: a small pool of its own for the hot path (raw SQL,
 * one short transaction per state change) and one session holding the leader lock.
 */
export type Sql = pg.Pool | pg.PoolClient;

// JSON columns come back parsed; bigint ids as strings (pg's default), which is what we want.
export function createPool(databaseUrl: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, idleTimeoutMillis: 30_000 });
  pool.on("error", () => {}); // an idle client dropping (server restart) must not crash the app
  return pool;
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

// One embedded executor drives a database at a time: it keeps in-flight work in memory, so on
// start it takes this lock and releases whatever a dead predecessor had claimed.
const LEADER_LOCK = 0x5b_72_75_6e; // arbitrary, fixed

export type LeaderLock = { release: () => Promise<void> };

export async function acquireLeaderLock(databaseUrl: string, options: { signal: AbortSignal; onWait: () => void }): Promise<LeaderLock | null> {
  let warned = false;
  while (!options.signal.aborted) {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("error", () => {});
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LEADER_LOCK]);
    if (rows[0].ok) return { release: () => client.end().catch(() => {}) };
    await client.end().catch(() => {});
    if (!warned) options.onWait();
    warned = true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return null;
}

/** Rows as JSON parameters: `jsonb_to_recordset($1)` turns a whole batch into one INSERT. */
export const asJson = (rows: unknown[]) => JSON.stringify(rows);

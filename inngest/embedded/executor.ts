import http from "node:http";
import type { AddressInfo } from "node:net";
import { scheduleCrons } from "./cron";
import { acceptCheckpoint, Dispatches } from "./checkpoint";
import { createEventApiHandler } from "./event-api";
import { ingestEvents, type IncomingEvent } from "./ingest";
import { MemoCache } from "./fast-path";
import { fetchAppFunctions } from "./protocol";
import { Registry, toFunctionDef, type FunctionDef } from "./registry";
import { Scheduler } from "./scheduler";
import { acquireLeaderLock, createPool, inTransaction, type LeaderLock } from "./store";

/**
 * The embedded executor: Inngest's event API, app sync, and the durable step-by-step runner,
 * with all state in PostgreSQL. It drives the app's real serve endpoint over the SDK protocol,
 * exactly as Inngest would; production points the same app at Inngest instead.
 */
export type EmbeddedExecutorOptions = {
  databaseUrl: string;
  /** The app's serve endpoint, e.g. http://127.0.0.1:3000/api/inngest */
  serveUrl: string;
  /** Event API listener; port 0 picks a free one. */
  port?: number;
  host?: string;
  /** When set, requests to the app are signed and must be (INNGEST_SIGNING_KEY). */
  signingKey?: string;
  /** When set, the event API only accepts this key (INNGEST_EVENT_KEY). */
  eventKey?: string;
  /** Caps every retry delay (tests); the schedule and jitter logic stay Inngest's. */
  maxBackoffMs?: number;
  maxInFlight?: number;
  batchSize?: number;
  poolSize?: number;
  pollMs?: number;
  requestTimeoutMs?: number;
  /** How long the event API holds events before the first successful sync. */
  firstSyncWaitMs?: number;
  log?: (message: string) => void;
};

export type EmbeddedExecutor = {
  /** The event API base URL: what INNGEST_BASE_URL should be for the app's client. */
  url: string;
  port: number;
  /** Re-syncs the app's functions now (after a deploy or in dev after a change). */
  sync: () => Promise<FunctionDef[]>;
  send: (events: IncomingEvent[]) => Promise<{ ids: string[] }>;
  stop: () => Promise<void>;
  /** Tests: stop as if the process died (nothing in flight is finished or recorded). */
  kill: () => Promise<void>;
};

export async function startEmbeddedExecutor(options: EmbeddedExecutorOptions): Promise<EmbeddedExecutor> {
  const log = options.log ?? ((message: string) => console.log(`[inngest-embedded] ${message}`));
  const aborted = new AbortController();
  const lock: LeaderLock | null = await acquireLeaderLock(options.databaseUrl, {
    signal: aborted.signal,
    onWait: () => log("another executor drives this database; waiting to take over"),
  });
  if (!lock) throw new Error("Executor start aborted");
  const pool = createPool(options.databaseUrl, options.poolSize ?? 16);
  // We hold the leader lock: whatever a previous executor had claimed is orphaned work.
  await pool.query("UPDATE runtime_job SET claimed = false WHERE claimed");

  const registry = new Registry();
  const { rows } = await pool.query<{ config: FunctionDef }>("SELECT config FROM runtime_function");
  registry.replace(rows.map((row) => row.config));

  const memo = new MemoCache();
  const dispatches = new Dispatches();
  const scheduler: Scheduler = new Scheduler(
    {
      pool,
      registry,
      signingKey: options.signingKey,
      requestTimeoutMs: options.requestTimeoutMs ?? 300_000,
      maxBackoffMs: options.maxBackoffMs,
      log,
      scheduled: (at) => scheduler.scheduleAt(at),
      continueWith: (job) => scheduler.continueWith(job),
      memo,
      dispatches,
    },
    { maxInFlight: options.maxInFlight ?? 64, batchSize: options.batchSize ?? 64, pollMs: options.pollMs ?? 1_000, maxParked: 10_000 },
  );

  let synced = false;
  let firstSync: () => void = () => {};
  const firstSyncDone = new Promise<void>((resolve) => (firstSync = resolve));

  const sync = async (): Promise<FunctionDef[]> => {
    const { functions } = await fetchAppFunctions(options.serveUrl, { signingKey: options.signingKey, timeoutMs: 30_000 });
    const defs = functions.map((fn) => toFunctionDef(fn, (message) => log(message)));
    await inTransaction(pool, async (c) => {
      await c.query("DELETE FROM runtime_function WHERE NOT (id = ANY($1::text[]))", [defs.map((d) => d.id)]);
      for (const def of defs) {
        await c.query(
          `INSERT INTO runtime_function (id, app_id, name, url, config) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET app_id = $2, name = $3, url = $4, config = $5, synced_at = now()`,
          [def.id, def.id.split("-")[0], def.name, def.url, JSON.stringify(def)],
        );
      }
    });
    registry.replace(defs);
    const nextCron = await scheduleCrons(pool, registry, log);
    if (nextCron !== null) scheduler.scheduleAt(nextCron);
    synced = true;
    firstSync();
    scheduler.wake();
    return defs;
  };

  const send = async (events: IncomingEvent[]) => {
    if (!synced) await Promise.race([firstSyncDone, new Promise((resolve) => setTimeout(resolve, options.firstSyncWaitMs ?? 30_000))]);
    const result = await inTransaction(pool, (c) => ingestEvents(c, registry, events));
    for (const runId of result.resumedRunIds) memo.forget(runId);
    if (result.runIds.length || result.resumedRunIds.length) scheduler.wake();
    return { ids: result.ids };
  };

  const server = http.createServer(
    createEventApiHandler({
      eventKey: options.eventKey,
      accept: send,
      health: () => ({ ok: true, synced, functions: registry.all().length }),
      checkpoint: (request) => acceptCheckpoint({ pool, dispatches, signingKey: options.signingKey, log }, request),
    }),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  // Jobs are taken only once the app answered a sync: after a restart, server.ts starts us
  // before it listens, and calling it earlier would spend the runs' retries on refused connections.
  void firstSyncDone.then(() => scheduler.alive && scheduler.start());

  // The app may not be listening yet (server.ts starts us first): retry until it answers.
  void (async () => {
    let delay = 200;
    while (!synced && scheduler.alive) {
      try {
        const defs = await sync();
        log(`synced ${defs.length} function(s) from ${options.serveUrl}`);
      } catch (error) {
        if (delay >= 3_200) log(`sync of ${options.serveUrl} failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 5_000);
      }
    }
  })();

  const shutdown = async (abandon: boolean) => {
    aborted.abort();
    await scheduler.stop({ abandon });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.end().catch(() => {});
    await lock.release();
  };

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    sync,
    send,
    stop: () => shutdown(false),
    kill: () => shutdown(true),
  };
}

import { randomUUID } from "node:crypto";
import pg from "pg";
import { dbPool } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { eventsInRange, type EventRow } from "../list-events";

/**
 * Live events across instances, through PostgreSQL LISTEN/NOTIFY. The Event table's trigger
 * (migration 20261208010000_live_events) NOTIFYs `{d, from, to}` — a dataspace and a range of
 * sequence numbers — after each insert, only for dataspaces listed in live_topic. This hub, one
 * per process, LISTENs on one connection, keeps the list of its dataspaces in live_topic while
 * they have subscribers, and hands each notice's events (read through the dataspace's scoped
 * client) to that dataspace's subscribers only. Delivery is at most once: an event committed
 * while the connection is down is not replayed.
 */
const CHANNEL = "switchboard_live_events";
const TOPIC_TTL_S = 90;
const HEARTBEAT_MS = 30_000;

export type LiveListener = (events: EventRow[]) => void;

class LiveHub {
  readonly instanceId = randomUUID();
  private listeners = new Map<string, Set<LiveListener>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  // Ranges may overlap when two transactions' sequence numbers interleave: each event once.
  private recent = new Map<string, Set<string>>();

  /** Starts handing `listener` the dataspace's new events; resolves once it is registered. Returns the stop. */
  async add(dataspaceId: string, listener: LiveListener): Promise<() => void> {
    await this.connection();
    let set = this.listeners.get(dataspaceId);
    if (!set) {
      set = new Set();
      this.listeners.set(dataspaceId, set);
      await this.claimTopics([dataspaceId]);
    }
    set.add(listener);
    this.startHeartbeat();
    return () => this.remove(dataspaceId, listener);
  }

  subscriberCount(dataspaceId?: string): number {
    if (dataspaceId) return this.listeners.get(dataspaceId)?.size ?? 0;
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.listeners.clear();
    await dbPool().query("DELETE FROM live_topic WHERE instance_id = $1", [this.instanceId]).catch(() => undefined);
    const client = this.client;
    this.client = null;
    this.connecting = null;
    await client?.end().catch(() => undefined);
  }

  private remove(dataspaceId: string, listener: LiveListener): void {
    const set = this.listeners.get(dataspaceId);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(dataspaceId);
    this.recent.delete(dataspaceId);
    void dbPool()
      .query("DELETE FROM live_topic WHERE dataspace_id = $1 AND instance_id = $2", [dataspaceId, this.instanceId])
      .catch((error: Error) => console.error(`[live] could not drop a topic: ${error.message}`));
  }

  private claimTopics(dataspaceIds: string[]): Promise<unknown> {
    return dbPool().query(
      `INSERT INTO live_topic (dataspace_id, instance_id, expires_at)
       SELECT unnest($1::uuid[]), $2, now() + make_interval(secs => $3)
       ON CONFLICT (dataspace_id, instance_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [dataspaceIds, this.instanceId, TOPIC_TTL_S],
    );
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const ids = [...this.listeners.keys()];
      if (ids.length === 0) return;
      void this.claimTopics(ids)
        .then(() => dbPool().query("DELETE FROM live_topic WHERE expires_at < now() - interval '1 hour'"))
        .catch((error: Error) => console.error(`[live] heartbeat failed: ${error.message}`));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      client.on("notification", (message) => void this.onNotice(message.payload ?? ""));
      client.on("error", (error) => console.error(`[live] LISTEN connection failed: ${error.message}`));
      client.on("end", () => this.reconnect(client));
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** The LISTEN connection dropped: subscribers stay, and a new connection picks up from now. */
  private reconnect(lost: pg.Client): void {
    if (this.client !== lost) return;
    this.client = null;
    if (this.listeners.size === 0) return;
    const retry = (delay: number) =>
      setTimeout(() => {
        if (this.listeners.size === 0 || this.client) return;
        this.connection().catch(() => retry(Math.min(delay * 2, 10_000)));
      }, delay).unref();
    retry(200);
  }

  private async onNotice(payload: string): Promise<void> {
    let notice: { d: string; from: string; to: string };
    try {
      notice = JSON.parse(payload);
    } catch {
      return;
    }
    const set = this.listeners.get(notice.d);
    if (!set?.size) return;
    try {
      const events = await eventsInRange(scopedDb(notice.d), BigInt(notice.from), BigInt(notice.to));
      const seen = this.recent.get(notice.d) ?? new Set<string>();
      this.recent.set(notice.d, seen);
      const fresh = events.filter((event) => !seen.has(event.id));
      for (const event of fresh) seen.add(event.id);
      if (seen.size > 2_000) for (const id of [...seen].slice(0, seen.size - 1_000)) seen.delete(id);
      if (fresh.length) for (const listener of this.listeners.get(notice.d) ?? []) listener(fresh);
    } catch (error) {
      console.error(`[live] could not read events ${notice.from}–${notice.to}: ${(error as Error).message}`);
    }
  }
}

// One per process: server.ts and the Next bundle are two module graphs sharing it.
const shared = globalThis as { __switchboardLiveHub?: LiveHub };

export function liveHub(): LiveHub {
  return (shared.__switchboardLiveHub ??= new LiveHub());
}

import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { dbPool } from "@/server/db/client";

/**
 * A per-key, per-minute budget counted in PostgreSQL (the `rate_limits` table), so every app
 * instance shares it — for hot paths: the budget is taken in leases of up to 5 % of the limit (at
 * most 50 requests) and spent from memory, so a busy key costs one counter update per lease, not
 * per request (one counter row updated on every request was a hot row that cost PostgreSQL more
 * than the work it guarded). When a lease no longer fits, what is left of the window goes one
 * request at a time, so the limit holds exactly on one instance; with N instances, leases held
 * elsewhere may refuse a key up to N leases early, never let one through beyond its limit. Once
 * refused, a key is refused from memory until its window ends: a flood costs no database work.
 *
 * `remaining` is what the database had left when the lease was taken plus what is left of the
 * lease here: exact on one instance, an upper bound with several.
 */
export type Slot = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

type Lease = { left: number; remainingElsewhere: number; until: number; refused: boolean; renewing?: Promise<unknown> };

export function leasedLimiter(options: { keyPrefix: string; perMinute: () => number }): (key: string) => Promise<Slot> {
  let current: { pool: pg.Pool; perMinute: number; limiter: RateLimiterPostgres } | undefined;
  const leases = new Map<string, Lease>();

  function limiter() {
    const pool = dbPool();
    const perMinute = options.perMinute();
    if (current?.pool !== pool || current.perMinute !== perMinute) {
      const made = new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true, // created by the Prisma migration
        keyPrefix: options.keyPrefix,
        points: perMinute,
        duration: 60,
      });
      current = { pool, perMinute, limiter: made };
      leases.clear();
    }
    return current;
  }

  async function take(key: string, points: number): Promise<{ ok: boolean; consumed: number; msBeforeNext: number }> {
    try {
      const res = await limiter().limiter.consume(key, points);
      return { ok: true, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
    } catch (error) {
      // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, an Error otherwise.
      if (error instanceof RateLimiterRes) return { ok: false, consumed: error.consumedPoints, msBeforeNext: error.msBeforeNext };
      if (leases.get(key)?.renewing) leases.delete(key); // the database is down: nothing is leased
      throw error;
    }
  }

  async function renew(key: string, perMinute: number): Promise<Slot> {
    const size = Math.max(1, Math.min(50, Math.floor(perMinute / 20)));
    const lease: Lease = { left: 0, remainingElsewhere: 0, until: Date.now() + 60_000, refused: false };
    leases.set(key, lease);
    const renewing = take(key, size);
    lease.renewing = renewing;
    let result = await renewing;
    let taken = size;
    if (!result.ok && size > 1 && result.consumed - size < perMinute) {
      // The lease did not fit but there is room left: give it back and go one by one.
      await limiter().limiter.reward(key, size);
      result = await take(key, 1);
      taken = 1;
    }
    Object.assign(lease, {
      left: result.ok ? taken - 1 : 0,
      remainingElsewhere: Math.max(0, perMinute - result.consumed),
      until: Date.now() + result.msBeforeNext,
      refused: !result.ok,
      renewing: undefined,
    });
    return { allowed: result.ok, limit: perMinute, remaining: result.ok ? lease.remainingElsewhere + lease.left : 0, resetSeconds: seconds(result.msBeforeNext) };
  }

  /** Takes one request from the key's budget and says how much is left, or how long until there is some. */
  return async function takeSlot(key: string): Promise<Slot> {
    const { perMinute } = limiter(); // first: a changed limit or database drops the leases before any is read
    for (;;) {
      const lease = leases.get(key);
      if (lease && lease.until > Date.now()) {
        const resetSeconds = seconds(lease.until - Date.now());
        if (lease.refused) return { allowed: false, limit: perMinute, remaining: 0, resetSeconds };
        if (lease.left > 0) {
          lease.left--;
          return { allowed: true, limit: perMinute, remaining: lease.remainingElsewhere + lease.left, resetSeconds };
        }
        // Concurrent requests wait for the one renewing the lease rather than each taking one.
        if (lease.renewing) {
          await lease.renewing.catch(() => undefined);
          continue;
        }
      }
      return renew(key, perMinute);
    }
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

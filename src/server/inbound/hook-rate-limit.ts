import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/env";
import { dbPool } from "@/server/db/client";

/**
 * Inbound requests per integration per minute (INBOUND_RATE_LIMIT_PER_MINUTE), counted in
 * PostgreSQL so every app instance shares the budget.
 *
 * The budget is taken from PostgreSQL in leases of up to 5 % of the limit (at most 50 requests)
 * and spent from memory: one counter row per integration updated on every request was a hot row
 * that cost PostgreSQL more than storing the deliveries themselves. When a lease no longer fits,
 * what is left of the window goes one request at a time, so the limit holds exactly on one
 * instance; with N instances, leases held elsewhere may refuse an integration up to N leases
 * early, never let one through beyond it. Once refused, an integration is refused from memory
 * until its window ends: a flood costs no database work.
 */
let current: { pool: pg.Pool; perMinute: number; limiter: RateLimiterPostgres } | undefined;

function limiter(): RateLimiterPostgres {
  const pool = dbPool();
  const perMinute = env().INBOUND_RATE_LIMIT_PER_MINUTE;
  if (current?.pool !== pool || current.perMinute !== perMinute) {
    const made = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true, // created by the Prisma migration
      keyPrefix: "inbound_integration",
      points: perMinute,
      duration: 60,
    });
    current = { pool, perMinute, limiter: made };
    leases.clear();
  }
  return current.limiter;
}

type Slot = { allowed: true } | { allowed: false; retryAfterSeconds: number };
type Lease = { left: number; until: number; refused: boolean; renewing?: Promise<unknown> };
const leases = new Map<string, Lease>();

/** Takes one request from the integration's budget; when there is none left, how long until there is. */
export async function takeHookSlot(integrationId: string): Promise<Slot> {
  limiter(); // first: a changed limit or database drops the leases before any is read
  for (;;) {
    const lease = leases.get(integrationId);
    if (lease && lease.until > Date.now()) {
      if (lease.refused) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((lease.until - Date.now()) / 1000)) };
      if (lease.left > 0) {
        lease.left--;
        return { allowed: true };
      }
      // Concurrent requests wait for the one renewing the lease rather than each taking one.
      if (lease.renewing) {
        await lease.renewing.catch(() => undefined);
        continue;
      }
    }
    return renew(integrationId);
  }
}

async function renew(integrationId: string): Promise<Slot> {
  const perMinute = env().INBOUND_RATE_LIMIT_PER_MINUTE;
  const size = Math.max(1, Math.min(50, Math.floor(perMinute / 20)));
  const lease: Lease = { left: 0, until: Date.now() + 60_000, refused: false };
  leases.set(integrationId, lease);
  const renewing = take(integrationId, size);
  lease.renewing = renewing;
  let result = await renewing;
  if (!result.ok && size > 1 && result.consumed - size < perMinute) {
    // The lease did not fit but there is room left: give it back and go one by one.
    await limiter().reward(integrationId, size);
    result = await take(integrationId, 1);
    Object.assign(lease, { left: 0, until: Date.now() + result.msBeforeNext });
  } else Object.assign(lease, { left: size - 1, until: Date.now() + result.msBeforeNext });
  lease.refused = !result.ok;
  lease.renewing = undefined;
  return result.ok ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
}

async function take(integrationId: string, points: number): Promise<{ ok: boolean; consumed: number; msBeforeNext: number }> {
  try {
    const res = await limiter().consume(integrationId, points);
    return { ok: true, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
  } catch (error) {
    // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, an Error otherwise.
    if (error instanceof RateLimiterRes) return { ok: false, consumed: error.consumedPoints, msBeforeNext: error.msBeforeNext };
    const lease = leases.get(integrationId);
    if (lease?.renewing) leases.delete(integrationId); // the database is down: nothing is leased
    throw error;
  }
}

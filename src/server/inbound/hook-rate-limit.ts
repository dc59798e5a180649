import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/env";
import { dbPool } from "@/server/db/client";

/**
 * Inbound requests per integration per minute (INBOUND_RATE_LIMIT_PER_MINUTE), counted in
 * PostgreSQL so every app instance shares the budget. Once an integration is over it, this
 * instance refuses it from memory until the window ends: a flood costs no database work.
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
      inMemoryBlockOnConsumed: perMinute + 1,
    });
    current = { pool, perMinute, limiter: made };
  }
  return current.limiter;
}

/** Takes one request from the integration's budget; when there is none left, how long until there is. */
export async function takeHookSlot(integrationId: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  try {
    await limiter().consume(integrationId);
    return { allowed: true };
  } catch (error) {
    // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, an Error otherwise.
    if (error instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}

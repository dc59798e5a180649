import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { dbPool } from "@/server/db/client";

/**
 * Per-endpoint delivery rate limits (`rateLimitPerSecond`), counted in PostgreSQL so every app
 * instance shares them. One limiter per distinct rate; the key is the endpoint id.
 */
const limiters = new Map<number, RateLimiterPostgres>();

function limiterFor(perSecond: number): RateLimiterPostgres {
  let limiter = limiters.get(perSecond);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: dbPool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: `webhook_endpoint_${perSecond}`,
      points: perSecond,
      duration: 1,
    });
    limiters.set(perSecond, limiter);
  }
  return limiter;
}

/** Takes one send from the endpoint's budget; returns how long to wait when there is none left. */
export async function takeEndpointSendSlot(endpointId: string, perSecond: number | null): Promise<{ waitMs: number }> {
  if (!perSecond) return { waitMs: 0 };
  try {
    await limiterFor(perSecond).consume(endpointId);
    return { waitMs: 0 };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { waitMs: Math.max(1, error.msBeforeNext) };
    throw error;
  }
}

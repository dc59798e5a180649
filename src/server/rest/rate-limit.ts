import { env } from "@/env";
import { leasedLimiter, type Slot } from "@/server/rate-limits/leased-limiter";

/** Requests per API token per minute (API_RATE_LIMIT_PER_MINUTE), shared by every instance (see leasedLimiter). */
export const takeApiSlot = leasedLimiter({ keyPrefix: "api_token", perMinute: () => env().API_RATE_LIMIT_PER_MINUTE });

/** The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers): limit, what is left, seconds to the reset. */
export function rateLimitHeaders(slot: Slot): Record<string, string> {
  return {
    "ratelimit-limit": String(slot.limit),
    "ratelimit-remaining": String(slot.remaining),
    "ratelimit-reset": String(slot.resetSeconds),
  };
}

import { env } from "@/env";
import { leasedLimiter } from "@/server/rate-limits/leased-limiter";

/**
 * Inbound requests per integration per minute (INBOUND_RATE_LIMIT_PER_MINUTE), shared by every
 * instance and cheap on the receiver's hot path (see leasedLimiter).
 */
export const takeHookSlot = leasedLimiter({ keyPrefix: "inbound_integration", perMinute: () => env().INBOUND_RATE_LIMIT_PER_MINUTE });

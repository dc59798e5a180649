import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/env";

/**
 * Refused inbound requests (unknown URL, bad signature, bad body, too slow) per source address
 * per minute (INBOUND_REFUSED_PER_MINUTE). Only verified deliveries spend an integration's own
 * budget (hook-rate-limit.ts), so someone who knows an inbound URL but not its secret can no
 * longer use it up; what they send is counted here, against their own address, and once over,
 * what the receiver would refuse is answered 429 and records nothing more (no authentication
 * failure written). A genuine delivery from that address still passes: addresses are shared
 * (anyone can point a GitHub webhook with a wrong secret at a URL, and it comes from GitHub's
 * servers, like the genuine ones). Counted in this process's memory: a refusal costs no
 * database work; with several instances, each allows the limit.
 */
let current: { perMinute: number; limiter: RateLimiterMemory } | undefined;

function limiter(): RateLimiterMemory {
  const perMinute = env().INBOUND_REFUSED_PER_MINUTE;
  if (current?.perMinute !== perMinute) current = { perMinute, limiter: new RateLimiterMemory({ keyPrefix: "inbound_refused", points: perMinute, duration: 60 }) };
  return current.limiter;
}

/** Seconds until the address may try again, or null while it is within its budget. */
export async function refusedAddressWait(address: string): Promise<number | null> {
  const spent = await limiter().get(address);
  if (!spent || spent.consumedPoints < env().INBOUND_REFUSED_PER_MINUTE) return null;
  return Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
}

/**
 * Counts one refused request against the address: null while that is within its budget, else the
 * seconds to wait (the answer becomes a 429, so concurrent refusals cannot overshoot the limit).
 */
export async function countRefusal(address: string): Promise<number | null> {
  try {
    await limiter().consume(address);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  }
}

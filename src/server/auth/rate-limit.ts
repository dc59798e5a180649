import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/env";

/**
 * Login throttling, stored in PostgreSQL (`rate_limits`, the Prisma model RateLimit) so every app
 * instance shares the counters. Two limits: per email+IP (LOGIN_RATE_LIMIT attempts per window)
 * and per IP (five times that, so one address cannot spray many accounts). Every attempt costs a
 * point before the password is checked — parallel guesses cannot slip through — and a successful
 * login gives its points back.
 */

const WINDOW_SECONDS = 15 * 60;
const IP_MULTIPLIER = 5;

type Limiters = { emailIp: RateLimiterPostgres; ip: RateLimiterPostgres };
type Holder = { url: string; limit: number; pool: pg.Pool; limiters: Limiters };

// One small pool per process (server.ts and the Next bundle are two module graphs).
const holder = globalThis as { __switchboardLoginLimiter?: Holder };

function limiters(): Limiters {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const limit = env().LOGIN_RATE_LIMIT;
  const current = holder.__switchboardLoginLimiter;
  if (current?.url === url && current.limit === limit) return current.limiters;
  if (current) void current.pool.end().catch(() => undefined);

  const pool = new pg.Pool({ connectionString: url, max: 3, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  pool.on("error", () => undefined); // an idle client dropped by the server; the next query reconnects
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true, // created by the Prisma migration
      keyPrefix,
      points,
      duration: WINDOW_SECONDS,
    });
  const made = { emailIp: make("login_email_ip", limit), ip: make("login_ip", limit * IP_MULTIPLIER) };
  holder.__switchboardLoginLimiter = { url, limit, pool, limiters: made };
  return made;
}

// Keys are hashed: the table must not become a list of who tried to sign in from where, and
// hashes keep keys well inside the varchar(255) column.
const hashKey = (value: string) => createHash("sha256").update(value).digest("hex");
const keysFor = (email: string, ip: string) => ({ emailIp: hashKey(`${email}\n${ip}`), ip: hashKey(ip) });

export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function consumeLoginAttempt(input: { email: string; ip: string }): Promise<LoginGate> {
  const { emailIp, ip } = limiters();
  const keys = keysFor(input.email, input.ip);
  const results = await Promise.allSettled([emailIp.consume(keys.emailIp), ip.consume(keys.ip)]);
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, an Error otherwise.
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true };
}

/** After a successful login: forget this email+IP's failures and refund the IP's point. */
export async function clearLoginFailures(input: { email: string; ip: string }): Promise<void> {
  const { emailIp, ip } = limiters();
  const keys = keysFor(input.email, input.ip);
  await Promise.all([emailIp.delete(keys.emailIp), ip.reward(keys.ip, 1)]);
}

/** For tests and shutdown. */
export async function closeLoginRateLimiter(): Promise<void> {
  const current = holder.__switchboardLoginLimiter;
  holder.__switchboardLoginLimiter = undefined;
  await current?.pool.end();
}

import { z } from "zod";

// Every setting Switchboard reads, validated once. server.ts fills in the embedded defaults
// (DATABASE_URL of the embedded PostgreSQL, generated AUTH_SECRET and SECRETS_KEY) before
// anything reads this, so the rest of the code never asks which setup it runs in.
const optional = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional.pipe(z.string().url("DATABASE_URL must be a URL like postgresql://user:pass@host:5432/db").optional()),
  SWITCHBOARD_DATA_DIR: z.string().default(".data"),
  /** Connections per app process (the pool server.ts and the Next bundle share). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1_000).default(10),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("localhost"),
  AUTH_URL: optional,
  AUTH_SECRET: optional,
  /** `kid:base64key[,kid:base64key…]`; the first key encrypts, all decrypt (rotation). */
  SECRETS_KEY: optional,
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().default("Single sign-on"),
  AUTH_GITHUB_ID: optional,
  AUTH_GITHUB_SECRET: optional,
  AUTH_GITLAB_ID: optional,
  AUTH_GITLAB_SECRET: optional,
  GITLAB_URL: z.string().url().default("https://gitlab.com"),
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  /** Set when a reverse proxy in front of Switchboard sets X-Forwarded-For/-Host/-Proto. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /**
   * Outgoing webhooks may not reach private, loopback, link-local or metadata addresses; this
   * comma-separated list of CIDRs, IPs and host names (`*.corp.example` allowed) lets a
   * self-hoster permit internal targets on purpose.
   */
  WEBHOOK_ALLOWED_TARGETS: optional,
  WEBHOOK_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  /** Inbound webhooks (`/api/hooks/<token>`): largest body accepted, and requests per integration per minute. */
  INBOUND_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(64 * 1024 * 1024).default(1024 * 1024),
  INBOUND_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Refused inbound requests (bad signature, unknown URL, bad body) per source address per minute, before 429s. */
  INBOUND_REFUSED_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** How long an inbound request may take to send its body once its headers are in (408 after). */
  INBOUND_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** REST API (`/api/v1`): requests per token per minute (shared by every instance), and the largest body accepted. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** GraphQL (`/api/graphql`): schema introspection (on unless `false`), and operations per batched POST. */
  GRAPHQL_INTROSPECTION: z
    .enum(["true", "false", "1", "0"], { message: "GRAPHQL_INTROSPECTION must be true or false" })
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  GRAPHQL_MAX_BATCH: z.coerce.number().int().min(1).max(100).default(10),
  /** Outgoing mail (invitations, password resets), e.g. `smtps://user:pass@smtp.example.com:465`; unset = no mail. */
  SMTP_URL: optional.pipe(z.string().url("SMTP_URL must be a URL like smtp://user:pass@host:587").optional()),
  MAIL_FROM: z.string().default("Switchboard <switchboard@localhost>"),
  /** The From of outgoing mail; MAIL_FROM is its older name, read when this is unset. */
  SMTP_FROM: optional.pipe(z.string().min(3).optional()),
  /**
   * Statuspage's management API. Only for a proxy or a test double: an http:// or internal
   * address set here is reachable by the Statuspage sync (and nothing else) despite the
   * outgoing-request policy, since the operator chose it.
   */
  STATUSPAGE_API_URL: optional.pipe(z.string().url("STATUSPAGE_API_URL must be a URL like https://api.statuspage.io/v1").optional()),
  /** How long one Statuspage API call may take, connecting included. */
  STATUSPAGE_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(15_000),
  /** How long one issue-sync API call (GitHub, GitLab, Jira, Forgejo, SourceHut) may take, connecting included. */
  ISSUE_SYNC_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(15_000),
  /**
   * Datadog's API, for every site (normally https://api.<site>). Only for a proxy or a test double:
   * an http:// or internal address set here is reachable by telemetry forwarding despite the
   * outgoing-request policy, since the operator chose it.
   */
  DATADOG_API_URL: optional.pipe(z.string().url("DATADOG_API_URL must be a URL like https://api.datadoghq.com").optional()),
  /** New Relic's Metric, Event and NerdGraph APIs on one base (normally per region). Only for a proxy or a test double, as DATADOG_API_URL. */
  NEW_RELIC_API_URL: optional.pipe(z.string().url("NEW_RELIC_API_URL must be a URL like http://127.0.0.1:4000").optional()),
  /** How long one telemetry call (Datadog, New Relic) may take, connecting included. */
  TELEMETRY_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(15_000),
  /** How many days minute metric buckets are kept; hour buckets are kept 400 days and day buckets for good. */
  METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** DNS servers (`ip[:port]`, comma-separated) that SSO domain proofs ask; unset: the system's. */
  DOMAIN_PROOF_DNS_SERVERS: optional,
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests and server.ts, which change process.env after start-up defaults are computed. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function appUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, "");
}
